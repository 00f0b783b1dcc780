import * as z from 'zod';
import { scoreLineSchema } from '#applications/application-schemas.ts';
import { priorityCriteria } from '#housing-file/priority-criteria.ts';
import { offerDraftSchema } from '#offers/offer-schemas.ts';
import { selectionSize } from '#scoring/scoring-rules.ts';

export const lifecycleEventKinds = [
  'WINDOW_CLOSED',
  'ROBOT_SELECTION',
  'ROUND_STARTED',
  'RESERVE_SET_ASIDE',
  'COMMISSION_REMINDED',
  'COMMISSION_DECISION',
  'ROBOT_ORDER_KEPT',
  'CANDIDATE_OFFERED',
  'CANDIDATE_ACCEPTED',
  'CANDIDATE_DECLINED',
  'CANDIDATE_EXPIRED',
  'CANDIDATE_SKIPPED',
  'OFFER_ATTRIBUTED',
  'OFFER_UNFILLED',
  'OFFER_REPUBLISHED',
  'LIFECYCLE_FAILED',
  'LIFECYCLE_RESUMED',
] as const;
export type LifecycleEventKind = (typeof lifecycleEventKinds)[number];

/** Who or what caused an event. */
export const eventActors = ['robot', 'commission', 'timer', 'candidate', 'reconciler', 'workflow', 'landlord'] as const;

const lifecycleStages = ['CLOSED', 'COMMISSION', 'OFFERING', 'ATTRIBUTED', 'UNFILLED'] as const;
export const lifecycleStageSchema = z.enum(lifecycleStages);
export type LifecycleStage = z.output<typeof lifecycleStageSchema>;

/** On the landlord's side an application is named by its applicant's id (unique within an offer). */
const applicationIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9-]+$/, 'Identifiant de candidature invalide.')
  .meta({ description: 'Identifiant de la candidature, tel que `GET /landlord/offers/{offerId}/candidates` le donne' });

const reasonSchema = z.string().trim().min(1, 'Motif vide.').max(500, '500 caractères au plus.');

/**
 * Grounds the commission can name for an exclusion, besides its free-text reason: a criterion or
 * a date declared and contradicted by the proofs is a false declaration (issue 13, item 3). The
 * ground is written at the head of the reason, so the applicant's e-mail and "Mes candidatures"
 * read it.
 */
export const exclusionGrounds = {
  'false-declaration': 'Fausse déclaration (critère prioritaire ou date d’inscription contredits par les justificatifs)',
} as const;

const exclusionEntrySchema = z
  .strictObject({
    applicationId: applicationIdSchema,
    reason: reasonSchema,
    ground: z
      .enum(Object.keys(exclusionGrounds) as [keyof typeof exclusionGrounds], { error: 'Motif attendu : false-declaration.' })
      .optional()
      .meta({ description: 'false-declaration : fausse déclaration, au vu des justificatifs affichés à côté du score' }),
  })
  .transform(({ ground, ...entry }) => (ground ? { ...entry, reason: `${exclusionGrounds[ground]} : ${entry.reason}` } : entry));

export const commissionDecisionSchema = z
  .strictObject({
    ranking: z
      .array(
        z.strictObject({
          applicationId: applicationIdSchema,
          reason: reasonSchema.optional().meta({ description: 'Critère de la commission, par exemple handicap ou urgence' }),
        }),
      )
      .max(selectionSize)
      .meta({ description: 'Les dossiers retenus, dans l’ordre où le logement leur sera proposé' }),
    exclusions: z
      .array(exclusionEntrySchema)
      .max(selectionSize)
      .default([])
      .meta({ description: 'Les dossiers écartés, chacun avec son motif' }),
  })
  .superRefine((decision, context) => {
    const seen = new Set<string>();
    const check = (list: 'ranking' | 'exclusions', entries: readonly { applicationId: string }[]) => {
      entries.forEach((entry, index) => {
        if (seen.has(entry.applicationId)) {
          context.addIssue({
            code: 'custom',
            path: [list, index, 'applicationId'],
            message: 'Ce dossier figure deux fois dans la décision.',
          });
        }
        seen.add(entry.applicationId);
      });
    };
    check('ranking', decision.ranking);
    check('exclusions', decision.exclusions);
  });
export type CommissionDecisionInput = z.output<typeof commissionDecisionSchema>;

export const commissionOutcomeSchema = z.object({
  offerId: z.string(),
  stage: lifecycleStageSchema,
  ranking: z.array(z.object({ applicationId: z.string(), position: z.int(), reason: z.string().optional() })),
  exclusions: z.array(z.object({ applicationId: z.string(), reason: z.string() })),
  decidedAt: z.iso.datetime(),
});
export type CommissionOutcome = z.input<typeof commissionOutcomeSchema>;

const candidateProofsSchema = z.object({
  priorityCriteria: z
    .array(
      z.object({
        criterion: z.enum(priorityCriteria),
        label: z.string(),
        proofType: z.string().meta({ description: 'Type du justificatif, à ouvrir dans `documents`' }),
        provenAtApplication: z.boolean().meta({
          description: 'Justificatif reçu quand le candidat a postulé (le robot ne compte que ceux-là, quelle que soit la grille)',
        }),
        proofReceivedAt: z.string().nullable().meta({ description: 'Réception du justificatif actuel ; null : aucun' }),
      }),
    )
    .meta({ description: 'Critères de ménage prioritaire déclarés, chacun avec son justificatif' }),
  seniority: z
    .object({
      firstRegisteredOnAtApplication: z.iso
        .date()
        .nullable()
        .meta({ description: 'Date de première inscription déclarée, comptée par le robot' }),
      firstRegisteredOn: z.iso.date().nullable().meta({ description: 'Date actuelle (corrigée par l’opérateur le cas échéant)' }),
      certificateAtApplication: z.boolean().meta({ description: 'Attestation NUD reçue quand le candidat a postulé' }),
      certificateReceivedAt: z
        .string()
        .nullable()
        .meta({ description: 'Réception de l’attestation NUD actuelle, à ouvrir dans `documents`' }),
    })
    .meta({ description: 'Ancienneté de la demande : la date déclarée et l’attestation qui la montre' }),
});
export type CandidateProofsView = z.input<typeof candidateProofsSchema>;

export const candidatesSchema = z.object({
  offerId: z.string(),
  stage: lifecycleStageSchema,
  closedAt: z.iso.datetime(),
  applicants: z.int().meta({ description: 'Nombre de candidatures à la clôture' }),
  gridVersion: z.string().optional(),
  round: z.int().min(1).optional().meta({ description: 'Tour de sélection des dossiers présentés (2 : dossiers suivants du robot)' }),
  candidates: z.array(
    z.object({
      applicationId: z.string(),
      status: z.string(),
      position: z.int().optional().meta({ description: 'Rang du robot, puis de la commission' }),
      score: z.number().optional(),
      scoreBreakdown: z.array(scoreLineSchema).optional(),
      commissionReason: z.string().optional(),
      appliedAt: z.iso.datetime(),
      applicant: z
        .object({ civility: z.string().optional(), lastName: z.string(), firstName: z.string(), email: z.string(), phone: z.string() })
        .optional(),
      situation: z.record(z.string(), z.unknown()).optional().meta({ description: '« Ma situation » du candidat' }),
      documents: z.array(
        z.object({
          type: z.string(),
          filename: z.string().optional(),
          receivedAt: z.string().optional(),
          downloadUrl: z.string().optional().meta({
            description: 'Lien de téléchargement valable 5 minutes ; absent une fois le logement attribué ou l’offre infructueuse',
          }),
        }),
      ),
      ...candidateProofsSchema.shape,
    }),
  ),
});
export type CandidatesView = z.input<typeof candidatesSchema>;

export const historySchema = z.object({
  offerId: z.string(),
  stage: lifecycleStageSchema.optional().meta({ description: 'Absent tant que la période de candidature est ouverte' }),
  round: z.int().min(1).optional().meta({
    description: 'Tour de sélection en cours ou dernier tour (2 : les dossiers suivants du robot, après un premier tour sans attribution)',
  }),
  republishedAs: z.string().optional().meta({ description: 'Offre non pourvue republiée : l’identifiant de la nouvelle offre' }),
  events: z.array(
    z.object({
      at: z.iso.datetime(),
      kind: z.enum(lifecycleEventKinds),
      actor: z.enum(eventActors),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type HistoryView = z.input<typeof historySchema>;

/** `POST /landlord/offers/{offerId}/republish`: the new offer's reference, by default the old one marked `-RP`. */
export const republishSchema = z.strictObject({
  externalReference: offerDraftSchema.shape.externalReference
    .optional()
    .meta({ description: 'Référence de la nouvelle offre chez le bailleur (par défaut : l’ancienne suivie de -RP)' }),
});
export type RepublishInput = z.output<typeof republishSchema>;
