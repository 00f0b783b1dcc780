import * as z from 'zod';
import { housingKindSchema, typologySchema } from '#housing-file/situation-schemas.ts';
import { accessibilitySchema, energyClassSchema, financingSchema, offerIdSchema } from '#offers/offer-schemas.ts';
import { fromBase64Url, invalidCursorMessage, toBase64Url } from '#shared/page-cursor.ts';
import { scoreLineSchema } from './application-schemas.ts';

/**
 * Shapes of the employee's offer routes: the three tabs (R7) and an offer's details with the
 * eligibility verdict. An employee never sees the landlord's internals (who created the draft,
 * which other companies an offer is reserved for).
 */

export const browseRules = {
  pageSize: { default: 20, max: 50 },
  /**
   * Pages read per department Query before giving up on the rest: 1 MB each, so about 2,500
   * offers per department. Beyond that the tabs show the offers closing soonest (the index order).
   */
  maxPagesPerDepartment: 10,
} as const;

export const tabSchema = z
  .enum(['requested', 'neighbouring', 'department'], { error: 'Onglet attendu : requested, neighbouring ou department.' })
  .meta({
    description: 'requested : communes demandées ; neighbouring : communes limitrophes ; department : autres communes du département',
  });

/** Cursor of a tab's list: the offset of the next offer, `{"o":<n>}` in base64url, opaque to the client. */
const tabCursorSchema = z
  .string()
  .max(200)
  .transform((text, ctx) => {
    try {
      const decoded = z.object({ o: z.int().min(0) }).safeParse(JSON.parse(fromBase64Url(text) ?? ''));
      if (decoded.success) return decoded.data.o;
    } catch (error) {
      // Not JSON: falls through to the message below; anything else is a bug.
      if (!(error instanceof SyntaxError)) throw error;
    }
    ctx.addIssue({ code: 'custom', message: invalidCursorMessage });
    return z.NEVER;
  })
  .meta({ description: 'Curseur opaque rendu par la page précédente' });
export const encodeTabCursor = (offset: number) => toBase64Url(JSON.stringify({ o: offset }));

export const browseQuerySchema = z.object({
  tab: tabSchema.default('requested'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(browseRules.pageSize.max)
    .default(browseRules.pageSize.default)
    .meta({ description: `Taille de page (1 à ${browseRules.pageSize.max}, ${browseRules.pageSize.default} par défaut)` }),
  cursor: tabCursorSchema.optional(),
});
export type BrowseQuery = z.output<typeof browseQuerySchema>;

const ceilingViewSchema = z
  .object({
    amountEuros: z.number(),
    official: z.boolean().meta({ description: 'false : montant estimé, pas celui du barème officiel' }),
    version: z.string().meta({ description: 'Version du barème appliqué' }),
    zone: z.enum(['A', 'B', 'C']),
    category: z.int().meta({ description: 'Catégorie de ménage (1 à 6)' }),
    extraPersons: z.int(),
    financing: financingSchema,
  })
  .meta({ description: 'Plafond de ressources applicable au ménage pour cette offre' });

/** What the tabs show of an offer. */
const offerSummarySchema = z.object({
  offerId: z.string(),
  residenceName: z.string().optional(),
  address: z.string(),
  postalCode: z.string(),
  commune: z.string(),
  communeName: z.string().optional(),
  department: z.string(),
  kind: housingKindSchema,
  typology: typologySchema,
  rooms: z.int(),
  bedrooms: z.int(),
  surfaceM2: z.number(),
  floor: z.int().optional(),
  elevator: z.boolean().optional(),
  accessibility: accessibilitySchema.optional(),
  rentEuros: z.number(),
  chargesEuros: z.number(),
  rentWithChargesEuros: z.number().optional(),
  energyClass: energyClassSchema.optional(),
  financing: financingSchema,
  availableFrom: z.string().optional(),
  publishedAt: z.iso.datetime(),
  closesAt: z.iso.datetime().meta({ description: 'Fin de la période de candidature' }),
  applicantCount: z.int().min(0),
  ceiling: ceilingViewSchema,
});
export type OfferSummary = z.input<typeof offerSummarySchema>;

/** Something the person must do before applying anywhere, and the page of the web app where it is done. */
const missingStepSchema = z.object({
  code: z.string().meta({
    description:
      'file-missing, household, income, main-residence, search-criteria, nud-unknown, nud-expired, document-absent, document-expired, employment-not-confirmed, employment-rejected, too-many-applications',
  }),
  message: z.string(),
  fixAt: z.string().meta({
    description: 'Page de l’application où le corriger : /ma-situation, /mes-documents, /mes-candidatures (functions/shared/page-paths.ts)',
  }),
});

export const tabPageSchema = z.object({
  tab: tabSchema,
  offers: z
    .array(offerSummarySchema)
    .meta({ description: 'Offres auxquelles le salarié peut candidater, la clôture la plus proche d’abord' }),
  counts: z.object({ requested: z.int(), neighbouring: z.int(), department: z.int() }),
  cursor: z.string().optional().meta({ description: 'Absent sur la dernière page' }),
  message: z.string().optional().meta({ description: 'Pourquoi la liste est vide quand la situation ne permet pas de chercher' }),
  missing: z
    .array(missingStepSchema)
    .optional()
    .meta({ description: 'Quand le salarié ne peut pas candidater : ce qui manque, et où le corriger (aucune offre n’est listée)' }),
});
export type TabPage = z.input<typeof tabPageSchema>;

export const browseParamsSchema = z.object({ offerId: offerIdSchema });

const reasonViewSchema = z.object({
  code: z.string(),
  met: z.boolean(),
  message: z.string(),
  fixAt: z.string().optional().meta({ description: 'Critère non rempli que le salarié peut corriger : la page où le faire' }),
});

const provisionalScoreSchema = z
  .object({
    total: z.number(),
    breakdown: z.array(scoreLineSchema).meta({ description: 'Une ligne par critère de la grille' }),
    gridVersion: z.string().meta({ description: 'La grille en vigueur à la clôture, celle du robot' }),
    scoredAt: z.iso.datetime().meta({ description: 'Instant pour lequel le score est calculé : la clôture de la période de candidature' }),
    basis: z.enum(['application', 'file']).meta({
      description: 'application : les faits relevés à « Je postule », que le robot notera ; file : le dossier tel qu’il est maintenant',
    }),
  })
  .meta({ description: 'Score provisoire du salarié pour cette offre, tant que la période de candidature est ouverte' });

/** An offer's details for an employee, with the verdict. */
export const offerDetailsSchema = offerSummarySchema.extend({
  depositEuros: z.number().optional(),
  description: z.string().optional(),
  reserved: z.boolean().meta({ description: 'Réservée aux salariés de certaines entreprises' }),
  ceiling: ceilingViewSchema.nullable(),
  eligibility: z.object({
    eligible: z.boolean(),
    reasons: z.array(reasonViewSchema).meta({ description: 'Chaque critère, rempli ou non, avec un message en français' }),
    missing: z.array(missingStepSchema).meta({ description: 'Ce qui empêche de candidater à toute offre, et où le corriger' }),
    ceiling: ceilingViewSchema.nullable(),
  }),
  provisionalScore: provisionalScoreSchema.optional(),
});
export type OfferDetails = z.input<typeof offerDetailsSchema>;
