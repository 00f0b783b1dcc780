/**
 * The single DynamoDB table, defined once. The stateful CDK stack and the local cloud both
 * build their table from this object; `docs/data-model.md` explains every key and index.
 */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface IndexDefinition {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
}

export interface TableDefinition {
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly globalSecondaryIndexes: readonly IndexDefinition[];
  /** DynamoDB stream view type; the notifier reads new images of outbox items. */
  readonly stream: 'NEW_AND_OLD_IMAGES';
  /** Attribute holding an epoch-seconds expiry (idempotency records, link tokens). */
  readonly timeToLiveAttribute: string;
}

const stringKey = (name: string): KeyAttribute => ({ name, type: 'S' });

export const table: TableDefinition = {
  partitionKey: stringKey('PK'),
  sortKey: stringKey('SK'),
  globalSecondaryIndexes: [
    // Lists by a parent: published offers of a department, applications of an employee.
    { name: 'GSI1', partitionKey: stringKey('GSI1PK'), sortKey: stringKey('GSI1SK') },
    // Lists by an owner: offers and imports of a landlord, employees of a company.
    { name: 'GSI2', partitionKey: stringKey('GSI2PK'), sortKey: stringKey('GSI2SK') },
    // Sparse work queues for schedules: offers awaiting scoring, NUDs expiring by month.
    { name: 'GSI3', partitionKey: stringKey('GSI3PK'), sortKey: stringKey('GSI3SK') },
  ],
  stream: 'NEW_AND_OLD_IMAGES',
  timeToLiveAttribute: 'expiresAt',
};
