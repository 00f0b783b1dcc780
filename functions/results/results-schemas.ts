import * as z from 'zod';
import { inseeCodeSchema, typologySchema } from '#housing-file/situation-schemas.ts';
import { financingSchema } from '#offers/offer-schemas.ts';
import { invalidCursorMessage, pageCursorSchema } from '#shared/page-cursor.ts';

/**
 * Published results of attributed offers (issue 13, item 8), as UK choice-based lettings publish
 * past lets: what it took to be housed, never who was. No offer id, address, residence, date or
 * person; an offer with fewer than `minApplicantsForDetails` applicants shows only its counts.
 */
export const resultsRules = {
  /** Below this many applicants, the attributed file's score, seniority and delay are withheld. */
  minApplicantsForDetails: 5,
  pageSize: { default: 20, max: 50 },
  /** Seniority bands of the attributed request, in whole years since its first registration at the close. */
  seniorityBandsYears: [1, 2, 5] as const,
} as const;

const seniorityBands = ['moins d’1 an', '1 à 2 ans', '2 à 5 ans', '5 ans ou plus', 'inconnue'] as const;
const seniorityBandSchema = z.enum(seniorityBands);
export type SeniorityBand = z.output<typeof seniorityBandSchema>;

/** The results' own cursor (`ClosedOffersCursor`): a closing instant and a count, no offer key. */
const resultsCursorSchema = pageCursorSchema.pipe(
  z.object({
    closedBefore: z.iso.datetime({ error: invalidCursorMessage }),
    skip: z
      .string({ error: invalidCursorMessage })
      .regex(/^\d{1,4}$/, invalidCursorMessage)
      .transform(Number),
  }),
);

export const resultsQuerySchema = z.object({
  department: z
    .string({ error: 'Département attendu (ex. 75, 2A, 971).' })
    .regex(/^(\d{2}|2[AB]|97\d)$/, 'Département attendu : 2 caractères, ou 3 outre-mer (ex. 75, 2A, 971).')
    .meta({ description: 'Département des offres', example: '75' }),
  commune: inseeCodeSchema.optional().meta({ description: 'Code INSEE de la commune, pour n’en voir que les offres', example: '75056' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(resultsRules.pageSize.max)
    .default(resultsRules.pageSize.default)
    .meta({ description: `Offres closes lues par page (1 à ${resultsRules.pageSize.max}, ${resultsRules.pageSize.default} par défaut)` }),
  cursor: resultsCursorSchema.optional(),
});
export type ResultsQuery = z.output<typeof resultsQuerySchema>;

const resultSchema = z.object({
  typology: typologySchema,
  commune: z.string(),
  communeName: z.string().optional(),
  financing: financingSchema,
  applicants: z.int().min(0).meta({ description: 'Nombre de candidats' }),
  attributed: z
    .object({
      score: z.number().meta({ description: 'Score du dossier attributaire' }),
      seniorityBand: seniorityBandSchema.meta({ description: 'Ancienneté de sa demande de logement social à la clôture' }),
      daysToAttribution: z.int().min(0).meta({ description: 'Jours de la publication à l’attribution' }),
    })
    .optional()
    .meta({
      description: `Absent quand l’offre a eu moins de ${resultsRules.minApplicantsForDetails} candidats : seuls les comptes sont publiés`,
    }),
});
export type PublishedResult = z.input<typeof resultSchema>;

export const resultsPageSchema = z.object({
  results: z.array(resultSchema).meta({ description: 'Offres attribuées, la clôture la plus récente d’abord' }),
  cursor: z.string().optional().meta({ description: 'Absent sur la dernière page' }),
});
export type ResultsPage = z.input<typeof resultsPageSchema>;
