import * as z from 'zod';
import { passesLuhn } from '#companies/siret.ts';

/** Shapes of the operator's landlord routes: organisations and their users' invitations. */

const sirenSchema = z
  .string({ error: 'SIREN attendu (texte).' })
  .transform((value) => value.replace(/\s+/g, ''))
  .pipe(
    z
      .string()
      .regex(/^\d{9}$/, 'Le SIREN doit comporter 9 chiffres.')
      .refine(passesLuhn, 'Le SIREN est invalide (clé de contrôle incorrecte).'),
  )
  .meta({ description: 'SIREN de l’organisme, 9 chiffres (espaces ignorés)', example: '344810825' });

export const landlordRequestSchema = z.strictObject({
  name: z
    .string({ error: (issue) => (issue.input === undefined ? 'Champ obligatoire.' : 'Nom attendu (texte).') })
    .trim()
    .min(1, 'Le nom ne doit pas être vide.')
    .max(200, 'Au plus 200 caractères.')
    .meta({ description: 'Nom du bailleur social' }),
  siren: sirenSchema.optional(),
});
export type LandlordRequest = z.output<typeof landlordRequestSchema>;

export const landlordViewSchema = z.object({
  landlordId: z.uuid(),
  name: z.string(),
  siren: z.string().optional(),
  createdAt: z.iso.datetime(),
});
export type LandlordView = z.input<typeof landlordViewSchema>;

export const landlordParamsSchema = z.object({
  landlordId: z.uuid({ error: 'Identifiant de bailleur invalide.' }).meta({ description: 'Identifiant du bailleur' }),
});

export const landlordUserRoleSchema = z
  .enum(['landlord', 'commission'], { error: 'Rôle attendu : landlord (gestion des offres) ou commission (commission d’attribution).' })
  .meta({ description: 'landlord : gère les offres ; commission : membre de la commission d’attribution' });

export const landlordInvitationRequestSchema = z.strictObject({
  email: z
    .email({ error: 'Adresse e-mail invalide.' })
    .max(254, 'Au plus 254 caractères.')
    .transform((email) => email.toLowerCase())
    .meta({ description: 'E-mail de l’utilisateur ; devient son identifiant de connexion' }),
  role: landlordUserRoleSchema,
});
export type LandlordInvitationRequest = z.output<typeof landlordInvitationRequestSchema>;

export const landlordInvitationViewSchema = z.object({
  landlordId: z.string(),
  email: z.string(),
  role: landlordUserRoleSchema,
  invitedAt: z.iso.datetime(),
  linkValidUntil: z.iso.datetime().meta({ description: 'Fin de validité du lien de mot de passe envoyé' }),
  emailSent: z
    .boolean()
    .meta({ description: 'Faux quand cet utilisateur était déjà invité avec un lien encore valable : ni second compte ni second e-mail' }),
});
export type LandlordInvitationView = z.input<typeof landlordInvitationViewSchema>;

const landlordUserCountsSchema = z
  .object({ landlord: z.int(), commission: z.int() })
  .meta({ description: 'Utilisateurs invités, par rôle (gestionnaires des offres, membres de la commission)' });

/** `GET /operator/landlords`: one page of the organisations, by name, with their users counted by role. */
export const landlordPageSchema = z.object({
  landlords: z.array(landlordViewSchema.extend({ users: landlordUserCountsSchema })),
  cursor: z.string().optional().meta({ description: 'Absent sur la dernière page' }),
});
export type LandlordPage = z.input<typeof landlordPageSchema>;

/** `GET /operator/landlords/{landlordId}`: the organisation and its invited users. */
export const landlordDetailSchema = landlordViewSchema.extend({
  users: z.array(
    z.object({
      email: z.string(),
      role: landlordUserRoleSchema,
      invitedAt: z.iso.datetime(),
      linkValidUntil: z.iso.datetime().meta({ description: 'Fin de validité du dernier lien de mot de passe envoyé' }),
    }),
  ),
});
export type LandlordDetail = z.input<typeof landlordDetailSchema>;
