import * as z from 'zod';
import { siretSchema } from '#companies/company-schemas.ts';
import { nudProblem, nudRules, normaliseNud } from './nud.ts';
import { passwordProblems } from './password-policy.ts';
import { toE164 } from './phone.ts';

export const employmentStatusSchema = z.enum(['PENDING', 'CONFIRMED', 'REJECTED']);

export const loginSchema = z.strictObject({
  email: z.email().transform((email) => email.toLowerCase()),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.output<typeof loginSchema>;

export const tokensSchema = z.object({
  idToken: z.string().meta({ description: 'Bearer token for this API (ID token)' }),
  accessToken: z.string(),
  refreshToken: z.string().optional(),
  expiresIn: z.int(),
});

/** Letters, spaces, hyphens and apostrophes only: names are copied into e-mails. */
const personName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^\p{L}[\p{L}\p{M}' ’.-]*$/u, 'Lettres, espaces, tirets et apostrophes uniquement.');

export const registrationSchema = z.strictObject({
  civility: z.enum(['M', 'Mme']),
  lastName: personName,
  firstName: personName,
  phone: z
    .string()
    .transform((value, ctx) => {
      const e164 = toE164(value);
      if (!e164) {
        ctx.addIssue({ code: 'custom', message: 'Numéro de téléphone invalide (ex. 06 12 34 56 78 ou +33 6 12 34 56 78).' });
        return z.NEVER;
      }
      return e164;
    })
    .meta({ description: 'Numéro français ou international, normalisé en E.164' }),
  // Cognito user names (our e-mails) have at most 128 characters.
  email: z
    .email()
    .max(128)
    .transform((email) => email.toLowerCase()),
  nud: z
    .string()
    .transform(normaliseNud)
    .superRefine((nud, ctx) => {
      const problem = nudProblem(nud);
      if (problem === 'characters') ctx.addIssue({ code: 'custom', message: 'Le NUD ne contient que des chiffres et des lettres.' });
      if (problem === 'length') {
        ctx.addIssue({
          code: 'custom',
          message: `Le NUD comporte entre ${nudRules.minLength} et ${nudRules.maxLength} caractères (hors espaces et tirets).`,
        });
      }
    })
    .meta({ description: 'Numéro unique de demande de logement social (départemental ou régional)' }),
  siret: siretSchema,
  consent: z.literal(true, { error: 'Le consentement au traitement des données personnelles est obligatoire.' }),
});
export type Registration = z.output<typeof registrationSchema>;

export const setPasswordSchema = z.strictObject({
  token: z.string().min(20).max(200),
  password: z
    .string()
    .max(256)
    .superRefine((password, ctx) => {
      const problems = passwordProblems(password);
      if (problems.length) ctx.addIssue({ code: 'custom', message: `Le mot de passe doit comporter ${problems.join(', ')}.` });
    }),
});

export const messageSchema = z.object({ message: z.string() });

export const passwordResetSchema = z.strictObject({
  email: z
    .email({ error: 'Adresse e-mail invalide.' })
    .max(128)
    .transform((email) => email.toLowerCase()),
});

/** A refresh token: from the body, or (web app) from the `HttpOnly` cookie set at login, when the body has none. */
export const refreshTokenBodySchema = z.strictObject({
  refreshToken: z
    .string()
    .min(1)
    .max(4096)
    .regex(/^[\w.=-]+$/, 'Jeton de session invalide.')
    .optional()
    .meta({ description: 'Absent: le cookie de session posé à la connexion' }),
});

export const refreshedTokensSchema = tokensSchema.omit({ refreshToken: true });

export const personalDataExportSchema = z.object({
  exportedAt: z.iso.datetime(),
  data: z
    .record(z.string(), z.array(z.record(z.string(), z.unknown())))
    .meta({ description: 'Données par nature (Employee, Document...)' }),
});

export const erasureSchema = z.object({ erased: z.literal(true), documentsDeleted: z.int() });

/** What a registrant declared, as stored: on the pending registration, then on the employee's profile. */
export const registrantRecordSchema = z.object({
  civility: z.enum(['M', 'Mme']),
  lastName: z.string(),
  firstName: z.string(),
  phone: z.string(),
  email: z.string(),
  nud: z.string(),
  siret: z.string(),
  consent: z.object({ acceptedAt: z.string(), textVersion: z.string() }),
  registeredAt: z.string(),
});
