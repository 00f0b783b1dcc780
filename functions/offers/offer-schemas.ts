import * as z from 'zod';
import { pageCursorSchema } from '#shared/page-cursor.ts';
import { siretSchema } from '#companies/company-schemas.ts';
import { housingKindSchema, inseeCodeSchema, typologySchema } from '#housing-file/situation-schemas.ts';
import { offerRules } from './offer-rules.ts';

/**
 * Shapes of the landlord's offer routes. Field formats are checked here (400, one French message
 * per field); what needs the commune list or several fields together (commune, typology and
 * rooms, rent with charges) is checked by the use cases, also as 400 field messages.
 */

const typed = (expected: string) => (issue: { input: unknown }) => (issue.input === undefined ? 'Champ obligatoire.' : expected);

const text = (max: number, expected = 'Texte attendu.') =>
  z
    .string({ error: typed(expected) })
    .trim()
    .min(1, 'Ne doit pas être vide.')
    .max(max, `Au plus ${max} caractères.`);

const euros = () =>
  z
    .number({ error: typed('Montant en euros attendu (nombre).') })
    .min(0, 'Le montant doit être positif ou nul.')
    .max(100_000, 'Montant trop élevé.')
    .refine((value) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6, 'Au plus deux décimales (centimes).');

const integer = (min: number, max: number, expected: string) =>
  z
    .int({ error: typed(expected) })
    .min(min, expected)
    .max(max, expected);

const externalReferenceSchema = z
  .string({ error: typed('Référence externe attendue (texte).') })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, 'Référence externe : 1 à 64 caractères (lettres, chiffres, . _ - /).')
  .meta({ description: 'Référence de l’offre chez le bailleur, unique pour ce bailleur' });

export const energyClassSchema = z.enum(['A', 'B', 'C', 'D', 'E', 'F', 'G'], { error: 'Classe énergie attendue : A à G.' });
export const financingSchema = z.enum(['PLAI', 'PLUS', 'PLS'], { error: 'Financement attendu : PLAI, PLUS ou PLS.' });
export const accessibilitySchema = z
  .enum(['standard', 'accessible', 'adapted'], { error: 'Accessibilité attendue : standard, accessible ou adapted.' })
  .meta({
    description: 'standard : non aménagé ; accessible : accessible aux personnes à mobilité réduite ; adapted : adapté au fauteuil roulant',
  });
export const offerStatusSchema = z.enum(['DRAFT', 'PUBLISHED']);

/** The fields a landlord writes on an offer, apart from its external reference. */
export const offerFieldSchemas = {
  residenceName: text(120).meta({ description: 'Nom de la résidence' }),
  address: text(200).meta({ description: 'Adresse (numéro et voie)' }),
  postalCode: z
    .string({ error: typed('Code postal attendu.') })
    .trim()
    .regex(/^\d{5}$/, 'Code postal attendu : 5 chiffres.'),
  commune: inseeCodeSchema.meta({ description: 'Code INSEE de la commune (un arrondissement est rattaché à sa ville)', example: '75056' }),
  kind: housingKindSchema,
  typology: typologySchema,
  rooms: integer(1, 20, 'Nombre de pièces entier attendu (1 à 20).'),
  bedrooms: integer(0, 19, 'Nombre de chambres entier attendu (0 à 19).'),
  surfaceM2: z
    .number({ error: typed('Surface en m² attendue (nombre).') })
    .positive('La surface doit être positive.')
    .max(1_000, 'Surface trop grande.'),
  floor: integer(-2, 60, 'Étage entier attendu (0 = rez-de-chaussée, -2 à 60).'),
  elevator: z.boolean({ error: typed('Vrai ou faux attendu.') }),
  accessibility: accessibilitySchema,
  rentEuros: euros().meta({ description: 'Loyer mensuel hors charges' }),
  chargesEuros: euros().meta({ description: 'Charges mensuelles' }),
  rentWithChargesEuros: euros().meta({
    description: 'Facultatif : s’il est donné, doit valoir loyer + charges ; toujours calculé en retour',
  }),
  depositEuros: euros().meta({ description: 'Dépôt de garantie' }),
  energyClass: energyClassSchema,
  financing: financingSchema,
  availableFrom: z.iso.date({ error: typed('Date attendue au format AAAA-MM-JJ (ex. 2026-03-15).') }),
  description: text(4_000),
  reservedForSirets: z
    .array(siretSchema, { error: 'Liste de SIRET attendue.' })
    .max(50, 'Au plus 50 entreprises.')
    .transform((sirets) => [...new Set(sirets)])
    .meta({ description: 'Réservé aux salariés de ces entreprises ; absent : ouvert à tous' }),
} as const;

type FieldName = keyof typeof offerFieldSchemas;

/**
 * What publication requires. A draft may lack any of them; residence name, description and
 * reservation stay optional, and rent with charges is derived.
 */
export const fieldsRequiredToPublish = [
  'address',
  'postalCode',
  'commune',
  'kind',
  'typology',
  'rooms',
  'bedrooms',
  'surfaceM2',
  'floor',
  'elevator',
  'accessibility',
  'rentEuros',
  'chargesEuros',
  'depositEuros',
  'energyClass',
  'financing',
  'availableFrom',
] as const satisfies readonly FieldName[];

const optionalFields = Object.fromEntries(Object.entries(offerFieldSchemas).map(([name, schema]) => [name, schema.optional()])) as {
  [K in FieldName]: z.ZodOptional<(typeof offerFieldSchemas)[K]>;
};
const clearableFields = Object.fromEntries(
  Object.entries(offerFieldSchemas).map(([name, schema]) => [name, schema.nullable().optional()]),
) as { [K in FieldName]: z.ZodOptional<z.ZodNullable<(typeof offerFieldSchemas)[K]>> };

/** `POST /landlord/offers`: a draft; only the external reference is required. */
export const offerDraftSchema = z.strictObject({ externalReference: externalReferenceSchema, ...optionalFields });
export type OfferDraftInput = z.output<typeof offerDraftSchema>;

/**
 * `PATCH /landlord/offers/{offerId}`: the fields sent replace the draft's, `null` clears one, the
 * others stay. The external reference cannot change (it is the landlord's key for the offer).
 */
export const offerPatchSchema = z.strictObject(clearableFields);
export type OfferPatchInput = z.output<typeof offerPatchSchema>;

export const offerIdSchema = z.uuid({ error: 'Identifiant d’offre invalide.' }).meta({ description: 'Identifiant de l’offre' });
export const offerParamsSchema = z.object({ offerId: offerIdSchema });

export const offerListQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(offerRules.pageSize.max)
    .default(offerRules.pageSize.default)
    .meta({ description: `Taille de page (1 à ${offerRules.pageSize.max}, ${offerRules.pageSize.default} par défaut)` }),
  cursor: pageCursorSchema.optional(),
});
export type OfferListQuery = z.output<typeof offerListQuerySchema>;

/** What a landlord sees of its offer: everything it wrote, the derived fields and the applicant count, never an applicant. */
export const offerViewSchema = z.object({
  offerId: z.string(),
  landlordId: z.string(),
  status: offerStatusSchema.meta({ description: 'DRAFT : brouillon modifiable ; PUBLISHED : publiée, plus modifiable' }),
  externalReference: z.string(),
  residenceName: z.string().optional(),
  address: z.string().optional(),
  postalCode: z.string().optional(),
  commune: z.string().optional(),
  communeName: z.string().optional(),
  department: z.string().optional().meta({ description: 'Déduit de la commune' }),
  kind: housingKindSchema.optional(),
  typology: typologySchema.optional(),
  rooms: z.int().optional(),
  bedrooms: z.int().optional(),
  surfaceM2: z.number().optional(),
  floor: z.int().optional(),
  elevator: z.boolean().optional(),
  accessibility: accessibilitySchema.optional(),
  rentEuros: z.number().optional(),
  chargesEuros: z.number().optional(),
  rentWithChargesEuros: z.number().optional().meta({ description: 'Loyer + charges, calculé' }),
  depositEuros: z.number().optional(),
  energyClass: energyClassSchema.optional(),
  financing: financingSchema.optional(),
  availableFrom: z.string().optional(),
  description: z.string().optional(),
  reservedForSirets: z.array(z.string()).optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  publishedAt: z.iso.datetime().optional(),
  closesAt: z.iso.datetime().optional().meta({ description: 'Fin de la période de candidature' }),
  applicantCount: z.int().min(0).meta({ description: 'Nombre de candidats (aucune donnée personnelle)' }),
});
export type OfferView = z.input<typeof offerViewSchema>;

export const offerPageSchema = z.object({
  offers: z.array(offerViewSchema),
  cursor: z.string().optional().meta({ description: 'Absent sur la dernière page' }),
});
export type OfferPage = z.input<typeof offerPageSchema>;
