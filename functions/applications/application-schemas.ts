import * as z from 'zod';
import { pageCursorSchema } from '#shared/page-cursor.ts';
import { typologySchema } from '#housing-file/situation-schemas.ts';
import { offerIdSchema } from '#offers/offer-schemas.ts';
import { applicationRules } from './application-rules.ts';

export const scoreLineSchema = z.object({ criterion: z.string(), points: z.number(), detail: z.string() });

/** A reason the re-check at the close found (issue #13 item 2): its code and the applicant's message. */
export const closeCheckReasonSchema = z.object({
  code: z.enum(['FILE_INCOMPLETE', 'NUD_INVALID', 'EMPLOYMENT_NOT_CONFIRMED', 'COMPANY_NOT_ELIGIBLE']),
  message: z.string(),
});

const applicationStatuses = [
  'SUBMITTED',
  'WITHDRAWN',
  'NOT_SELECTED',
  'SELECTED',
  'RANKED',
  'EXCLUDED',
  'OFFERED',
  'ACCEPTED',
  'DECLINED',
  'EXPIRED',
  'ATTRIBUTED_TO_OTHER',
  'OFFER_UNFILLED',
  'NOT_ELIGIBLE_AT_CLOSE',
  'NOT_ELIGIBLE_AT_ROUND',
] as const;
export const applicationStatusSchema = z.enum(applicationStatuses);
export type ApplicationStatus = z.output<typeof applicationStatusSchema>;

/** What "Mes candidatures" shows of the offer, copied at apply time so that listing reads nothing else. */
export const offerSummarySchema = z.object({
  offerId: z.string(),
  residenceName: z.string().optional(),
  commune: z.string(),
  communeName: z.string().optional(),
  typology: typologySchema,
  rentEuros: z.number(),
  chargesEuros: z.number(),
  closesAt: z.string(),
});

/**
 * An application is named by its offer's id: an employee has at most one application per offer,
 * so `/me/applications/{applicationId}` takes the offer id and the caller fixes the employee.
 */
export const applicationParamsSchema = z.object({
  applicationId: offerIdSchema.meta({ description: 'Identifiant de la candidature : celui de l’offre (une candidature par offre)' }),
});

export const applicationListQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(applicationRules.pageSize.max)
    .default(applicationRules.pageSize.default)
    .meta({ description: `Taille de page (1 à ${applicationRules.pageSize.max}, ${applicationRules.pageSize.default} par défaut)` }),
  cursor: pageCursorSchema.optional(),
});
export type ApplicationListQuery = z.output<typeof applicationListQuerySchema>;

export const applicationViewSchema = z.object({
  applicationId: z.string().meta({ description: 'Identique à l’identifiant de l’offre' }),
  status: applicationStatusSchema.meta({
    description:
      'SUBMITTED déposée ; WITHDRAWN retirée ; NOT_SELECTED non retenue par le robot ; SELECTED parmi les 3 retenues ; RANKED classée par la commission ; EXCLUDED écartée par la commission ; OFFERED logement proposé ; ACCEPTED acceptée ; DECLINED refusée ; EXPIRED délai de réponse dépassé ; ATTRIBUTED_TO_OTHER attribué à un autre candidat ; OFFER_UNFILLED offre non pourvue ; NOT_ELIGIBLE_AT_CLOSE non notée : le dossier ne remplissait plus les conditions à la clôture (voir closeCheckReasons) ; NOT_ELIGIBLE_AT_ROUND en réserve, écartée avant le tour suivant : le dossier ne remplissait plus les conditions (voir closeCheckReasons)',
  }),
  appliedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  position: z.int().min(1).optional().meta({ description: 'Rang, une fois connu' }),
  score: z.number().optional(),
  scoreBreakdown: z.array(scoreLineSchema).optional(),
  gridVersion: z.string().optional(),
  withdrawnAt: z.iso.datetime().optional(),
  offeredUntil: z.iso.datetime().optional().meta({ description: 'Logement proposé : date limite pour accepter ou refuser' }),
  answeredAt: z.iso.datetime().optional(),
  commissionReason: z.string().optional().meta({ description: 'Motif donné par la commission (classement ou exclusion)' }),
  closeCheckReasons: z.array(closeCheckReasonSchema).optional().meta({
    description:
      'Pourquoi la candidature n’a pas été notée (à la clôture) ou pas présentée au tour suivant : ce que la vérification a trouvé',
  }),
  round: z.int().min(1).optional().meta({
    description:
      'Tour de sélection où le dossier est allé en commission (2 : second tour) ; NOT_ELIGIBLE_AT_ROUND : le tour où il a été écarté',
  }),
  provisionalPosition: z
    .object({ position: z.int().min(1), of: z.int().min(1), text: z.string().meta({ description: '« 12e sur 87 »' }) })
    .optional()
    .meta({
      description:
        'Candidature déposée, période ouverte : position provisoire parmi les candidats de l’offre, selon le score que le robot calculerait à la clôture',
    }),
  offer: offerSummarySchema.extend({ rentWithChargesEuros: z.number(), closesAt: z.iso.datetime() }),
});
export type ApplicationView = z.input<typeof applicationViewSchema>;

export const appliedSchema = z.object({
  message: z.string(),
  application: applicationViewSchema,
});
export type Applied = z.input<typeof appliedSchema>;

export const applicationPageSchema = z.object({
  applications: z.array(applicationViewSchema),
  cursor: z.string().optional().meta({ description: 'Absent sur la dernière page' }),
});
export type ApplicationPage = z.input<typeof applicationPageSchema>;
