import type { FunctionNeeds } from '#shared/route.ts';
/**
 * The offer lifecycle (DESIGN §4): its task functions and the Task states that run them. The CDK
 * construct (`lib/constructs/offer-lifecycle.ts`) builds the state machine from these names; the
 * local cloud takes the synthesized definition and runs each Task state with the handler named
 * here, so both read one table.
 */
export interface LifecycleFunction {
  /** Lambda entry relative to `functions/`; it exports `handler`, called with the task's payload. */
  readonly handler: string;
  readonly description: string;
  /** What the task function calls; its IAM policy is derived from this. */
  readonly needs: FunctionNeeds;
}

export const lifecycleFunctions = {
  closeAndScore: {
    handler: 'lifecycle/handlers/close-and-score.ts',
    // BatchWriteItem: the not-selected files' outcomes and e-mails; DeleteItem: an outcome a retry withdraws.
    needs: { table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'], indexes: ['GSI2'] },
    description: 'Clôt une offre, note chaque candidature et retient les 3 meilleures',
  },
  awaitCommission: {
    handler: 'lifecycle/handlers/await-commission.ts',
    needs: { table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: ['GSI2'], lifecycle: ['SendTaskSuccess'] },
    description: 'Attend le classement de la commission (jeton de rappel conservé sur l’offre)',
  },
  commissionOverdue: {
    handler: 'lifecycle/handlers/commission-overdue.ts',
    needs: { table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: ['GSI2'] },
    description: 'Délai de la commission dépassé : relance, puis l’ordre du robot est retenu',
  },
  offerNextCandidate: {
    handler: 'lifecycle/handlers/offer-next-candidate.ts',
    needs: { table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: ['GSI2'] },
    description: 'Propose le logement au candidat suivant du classement',
  },
  awaitAnswer: {
    handler: 'lifecycle/handlers/await-answer.ts',
    needs: { table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: ['GSI2'], lifecycle: ['SendTaskSuccess'] },
    description: 'Attend la réponse du candidat (jeton de rappel conservé sur l’offre)',
  },
  answerOverdue: {
    handler: 'lifecycle/handlers/answer-overdue.ts',
    needs: { table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: ['GSI2'] },
    description: 'Délai de réponse du candidat dépassé : la proposition expire',
  },
  attribute: {
    handler: 'lifecycle/handlers/attribute.ts',
    needs: { table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: ['GSI2'] },
    description: 'Attribue le logement au candidat qui a accepté et prévient les autres',
  },
  startNextRound: {
    handler: 'lifecycle/handlers/start-next-round.ts',
    needs: { table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: ['GSI2'] },
    description: 'Aucun candidat n’a pris le logement : les dossiers suivants du robot vont en commission (tour suivant)',
  },
  markUnfilled: {
    handler: 'lifecycle/handlers/mark-unfilled.ts',
    needs: { table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: ['GSI2'] },
    description: 'Offre non pourvue : prévient le bailleur et les candidats restants',
  },
  recordFailure: {
    handler: 'lifecycle/handlers/record-failure.ts',
    needs: { table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'], indexes: ['GSI2'] },
    description: 'Consigne l’échec d’une étape dans l’historique de l’offre, pour la réparation',
  },
} as const satisfies Record<string, LifecycleFunction>;

export type LifecycleFunctionId = keyof typeof lifecycleFunctions;

/** Lambda timeout of a lifecycle task function: scoring reads and writes every application of an offer. */
export const lifecycleFunctionTimeoutSeconds = 60;

/** Task state name → the function it invokes. Callback states wait for a task token. */
export const lifecycleTaskStates = {
  'Close and score': 'closeAndScore',
  'Await commission ranking': 'awaitCommission',
  'Remind commission': 'commissionOverdue',
  'Await ranking after reminder': 'awaitCommission',
  'Keep robot order': 'commissionOverdue',
  'Offer to next candidate': 'offerNextCandidate',
  'Await candidate answer': 'awaitAnswer',
  'Expire offer to candidate': 'answerOverdue',
  'Attribute offer': 'attribute',
  'Start next round': 'startNextRound',
  'Mark unfilled': 'markUnfilled',
  'Record failure': 'recordFailure',
} as const satisfies Record<string, LifecycleFunctionId>;

export type LifecycleTaskState = keyof typeof lifecycleTaskStates;

/** Where an execution starts: a new offer waits for its window; the reconciler resumes at a later phase. */
export const lifecyclePhases = ['WINDOW', 'SCORING', 'COMMISSION', 'OFFERING'] as const;
export type LifecyclePhase = (typeof lifecyclePhases)[number];

/** The lifecycle's durations (ISO 8601), the same in every stage unless configured otherwise. */
export interface LifecycleDurations {
  readonly applicationWindow: string;
  readonly commissionDeadline: string;
  readonly commissionGrace: string;
  readonly acceptancePeriod: string;
}

/** DESIGN §2 and §4: 7 days to apply, 30 for the commission (then 7 after a reminder), 14 to accept. */
export const productionDurations: LifecycleDurations = {
  applicationWindow: 'P7D',
  commissionDeadline: 'P30D',
  commissionGrace: 'P7D',
  acceptancePeriod: 'P14D',
};

/**
 * Issue #13 item 6: how many selection rounds an offer may have. When every candidate of a round
 * declined, let the deadline pass or was excluded, the robot's next best files go to the
 * commission, until this many rounds have run; then the offer is unfilled. The default: a stage
 * sets its own as it sets the durations (the stack's `selectionRounds`, the local cloud's option,
 * `SELECTION_ROUNDS=3 npm start`), read by the functions as `SELECTION_ROUNDS`; it travels in the
 * execution input (`rounds`).
 */
export const selectionRounds = 2;
