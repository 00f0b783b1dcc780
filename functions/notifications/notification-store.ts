import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '#shared/query-all.ts';
import { errorName, logger } from '#shared/powertools.ts';
import { notificationFromItem, notificationKey, type Notification } from './outbox.ts';

/** What a sent notification keeps in place of its recipient. */
const redactedRecipient = 'redacted';

export interface NotificationStore {
  /**
   * Takes the right to send: PENDING, or SENDING whose lease ran out (a sender that died).
   * Undefined when another delivery holds it or it was already sent.
   */
  claim(id: string, now: Date, leaseMs: number): Promise<Notification | undefined>;
  markSent(id: string, messageId: string, now: Date): Promise<void>;
  /** Gives the notification back after a failed send, for the next delivery or the sweeper. */
  release(id: string): Promise<void>;
  /** Stops trying: out of the pending index, kept for the operator (recipient blanked). */
  abandon(id: string, now: Date): Promise<void>;
  /** Pending notifications created before `before`, oldest first (sparse GSI3, no Scan). */
  listPending(before: Date, limit: number): Promise<Notification[]>;
  /**
   * Account erasure: deletes the notifications still pending to `email` (the pending index is
   * small: sending takes them out); one being sent right now is left to finish, then blanked.
   */
  forgetPendingTo(email: string): Promise<number>;
}

const ignoreConditionFailure = (error: unknown) => {
  if (error instanceof ConditionalCheckFailedException) return undefined;
  throw error;
};

export function notificationStore(db: DynamoDBDocumentClient, tableName: string): NotificationStore {
  return {
    async claim(id, now, leaseMs) {
      const result = await db
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: notificationKey(id),
            UpdateExpression: 'SET #status = :sending, leaseUntil = :lease, attempts = if_not_exists(attempts, :zero) + :one',
            ConditionExpression: '#status = :pending OR (#status = :sending AND leaseUntil < :now)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':sending': 'SENDING',
              ':pending': 'PENDING',
              ':lease': now.getTime() + leaseMs,
              ':now': now.getTime(),
              ':zero': 0,
              ':one': 1,
            },
            ReturnValues: 'ALL_NEW',
          }),
        )
        .catch(ignoreConditionFailure);
      return result?.Attributes ? notificationFromItem(result.Attributes) : undefined;
    },
    async markSent(id, messageId, now) {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: notificationKey(id),
          // Once sent, the item keeps no personal data: recipient and parameters are blanked.
          UpdateExpression:
            'SET #status = :sent, sentAt = :at, messageId = :messageId, #to = :redacted, params = :none ' +
            'REMOVE leaseUntil, GSI3PK, GSI3SK',
          ConditionExpression: '#status = :sending',
          ExpressionAttributeNames: { '#status': 'status', '#to': 'to' },
          ExpressionAttributeValues: {
            ':sent': 'SENT',
            ':sending': 'SENDING',
            ':at': now.toISOString(),
            ':messageId': messageId,
            ':redacted': redactedRecipient,
            ':none': {},
          },
        }),
      );
    },
    async release(id) {
      await db
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: notificationKey(id),
            UpdateExpression: 'SET #status = :pending REMOVE leaseUntil',
            ConditionExpression: '#status = :sending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':pending': 'PENDING', ':sending': 'SENDING' },
          }),
        )
        .catch(ignoreConditionFailure);
    },
    async abandon(id, now) {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: notificationKey(id),
          UpdateExpression:
            'SET #status = :abandoned, abandonedAt = :at, #to = :redacted, params = :none REMOVE leaseUntil, GSI3PK, GSI3SK',
          ConditionExpression: '#status = :sending',
          ExpressionAttributeNames: { '#status': 'status', '#to': 'to' },
          ExpressionAttributeValues: {
            ':abandoned': 'ABANDONED',
            ':sending': 'SENDING',
            ':at': now.toISOString(),
            ':redacted': redactedRecipient,
            ':none': {},
          },
        }),
      );
    },
    async forgetPendingTo(email) {
      const pending = await queryAll(db, {
        TableName: tableName,
        IndexName: 'GSI3',
        KeyConditionExpression: 'GSI3PK = :pk',
        FilterExpression: '#to = :email',
        ExpressionAttributeNames: { '#to': 'to' },
        ExpressionAttributeValues: { ':pk': 'OUTBOX#PENDING', ':email': email },
      });
      let deleted = 0;
      for (const item of pending) {
        const removed = await db
          .send(
            new DeleteCommand({
              TableName: tableName,
              Key: notificationKey(String(item.id)),
              ConditionExpression: '#status = :pending AND #to = :email',
              ExpressionAttributeNames: { '#status': 'status', '#to': 'to' },
              ExpressionAttributeValues: { ':pending': 'PENDING', ':email': email },
            }),
          )
          .then(() => true, ignoreConditionFailure);
        if (removed) deleted += 1;
      }
      return deleted;
    },
    async listPending(before, limit) {
      const { Items = [] } = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI3',
          KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK < :before',
          ExpressionAttributeValues: { ':pk': 'OUTBOX#PENDING', ':before': before.toISOString() },
          Limit: limit,
        }),
      );
      // An item this version cannot read (e.g. a template added by a newer deployment) is left
      // for the version that can, instead of failing the whole sweep.
      return Items.flatMap((item) => {
        try {
          return [notificationFromItem(item)];
        } catch (error) {
          logger.warn('Pending notification left for a newer version', { notificationId: String(item.id), errorName: errorName(error) });
          return [];
        }
      });
    },
  };
}
