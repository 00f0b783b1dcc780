import type { FunctionNeeds } from '#shared/route.ts';
/**
 * Functions fed by the table's stream, with their event-source-mapping filters and retry policy.
 * The stateless CDK stack creates one event source mapping each from these fields; the local
 * streams poller applies the same filters and the same retry policy before calling the handler.
 */
export interface StreamSubscription {
  /** Lambda entry relative to `functions/`; it exports `handler`, called with a DynamoDB stream event. */
  readonly handler: string;
  /** Lambda event filter pattern applied to each stream record. */
  readonly filterPattern: Record<string, unknown>;
  readonly batchSize: number;
  /**
   * Where a new mapping starts reading. The local poller reads shards open at its start from
   * LATEST whatever this says: it keeps no checkpoint, so a restart there is a mapping resuming.
   */
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** Retries of a failed batch before its records go to the dead-letter queue (sending a split half is not one). */
  readonly retryAttempts: number;
  /** When the function fails, the batch is split in two and each half is sent on its own. */
  readonly bisectBatchOnError: boolean;
  /** The handler answers `batchItemFailures`; the batch is retried from the first record named there. */
  readonly reportBatchItemFailures: boolean;
  readonly description: string;
  /** What the function calls; its IAM policy is derived from this. */
  readonly needs: FunctionNeeds;
}

/** Lambda timeout of a stream-fed function: a batch of e-mails sent one by one. */
export const streamFunctionTimeoutSeconds = 60;

export const streamSubscriptions = {
  notifier: {
    handler: 'notifications/handlers/send-notifications.ts',
    needs: { table: ['Query', 'UpdateItem'], indexes: ['GSI3'], email: true },
    filterPattern: {
      eventName: ['INSERT'],
      dynamodb: { NewImage: { entity: { S: ['Notification'] } } },
    },
    batchSize: 10,
    // From the oldest record kept: an outbox item written before the mapping existed is still sent.
    startingPosition: 'TRIM_HORIZON',
    retryAttempts: 5,
    bisectBatchOnError: true,
    reportBatchItemFailures: true,
    description: 'Envoie par e-mail (SES) les notifications écrites dans la table',
  },
} as const satisfies Record<string, StreamSubscription>;
