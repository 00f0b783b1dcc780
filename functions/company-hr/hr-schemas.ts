import * as z from 'zod';
import { pageCursorSchema } from '#shared/page-cursor.ts';
import { siretSchema } from '#companies/company-schemas.ts';
import { employmentStatusSchema } from '#identity/identity-schemas.ts';

/**
 * Shapes of the company-HR routes: HR invitations (operator) and what a company sees and decides
 * about the employees who registered with its SIRET.
 */

export const hrInvitationRequestSchema = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((email) => email.toLowerCase())
    .meta({ description: 'E-mail du contact RH ; devient son identifiant de connexion' }),
});
export type HrInvitationRequest = z.output<typeof hrInvitationRequestSchema>;

export const hrInvitationViewSchema = z.object({
  siret: z.string(),
  email: z.string(),
  invitedAt: z.iso.datetime(),
  linkValidUntil: z.iso.datetime().meta({ description: 'Fin de validité du lien de mot de passe envoyé' }),
  emailSent: z
    .boolean()
    .meta({ description: 'Faux quand ce contact était déjà invité avec un lien encore valable : ni second compte ni second e-mail' }),
});
export type HrInvitationView = z.input<typeof hrInvitationViewSchema>;

/** Employee ids are Cognito `sub`s; anything else cannot name an employee. */
const employeeIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,64}$/, 'Identifiant de salarié invalide.')
  .meta({ description: 'Identifiant du salarié (tel que renvoyé par la liste)' });

export const companyEmployeeParamsSchema = z.object({ siret: siretSchema, employeeId: employeeIdSchema });

export const employeeListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: 'Taille de page (1 à 100, 20 par défaut)' }),
  cursor: pageCursorSchema.optional(),
});
export type EmployeeListQuery = z.output<typeof employeeListQuerySchema>;

const employmentViewSchema = z.object({
  status: employmentStatusSchema,
  decidedAt: z.iso.datetime().optional(),
});

/** What a company sees of an employee: nothing beyond the name, the dates and the statuses. */
const companyEmployeeViewSchema = z.strictObject({
  employeeId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  registeredAt: z.iso.datetime(),
  account: z.enum(['PENDING_PASSWORD', 'ACTIVE']).meta({ description: 'Mot de passe encore à définir, ou compte actif' }),
  employment: employmentViewSchema,
  recommendedAt: z.iso.datetime().optional().meta({ description: 'Présent quand l’entreprise recommande ce salarié' }),
});

export const companyEmployeePageSchema = z.object({
  employees: z.array(companyEmployeeViewSchema),
  cursor: z.string().optional().meta({ description: 'Absent sur la dernière page' }),
});

export const employmentDecisionSchema = z.strictObject({
  decision: z.enum(['confirmed', 'rejected']),
  reason: z.string().trim().min(1).max(500).optional().meta({ description: 'Motif, communiqué au salarié' }),
});
export type EmploymentDecisionRequest = z.output<typeof employmentDecisionSchema>;

export const employmentDecisionViewSchema = z.object({
  employeeId: z.string(),
  employment: employmentViewSchema.extend({ reason: z.string().optional() }),
});
export type EmploymentDecisionView = z.input<typeof employmentDecisionViewSchema>;

export const recommendationViewSchema = z.object({
  employeeId: z.string(),
  recommended: z.boolean(),
  recommendedAt: z.iso.datetime().optional(),
});
export type RecommendationView = z.input<typeof recommendationViewSchema>;
