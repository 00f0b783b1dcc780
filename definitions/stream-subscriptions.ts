/**
 * Functions fed by the table's stream, with their event-source-mapping filters. The stateless
 * CDK stack creates one event source mapping each (FilterCriteria from `filterPattern`); the
 * local streams poller applies the same patterns before calling the handler.
 */
export interface StreamSubscription {
  /** Lambda entry relative to `functions/`; it exports `handler`, called with a DynamoDB stream event. */
  readonly handler: string;
  /** Lambda event filter pattern applied to each stream record. */
  readonly filterPattern: Record<string, unknown>;
  readonly batchSize: number;
  readonly description: string;
}

export const streamSubscriptions = {
  notifier: {
    handler: 'notifications/handlers/send-notifications.ts',
    filterPattern: {
      eventName: ['INSERT'],
      dynamodb: { NewImage: { entity: { S: ['Notification'] } } },
    },
    batchSize: 10,
    description: 'Envoie par e-mail (SES) les notifications écrites dans la table',
  },
} as const satisfies Record<string, StreamSubscription>;
