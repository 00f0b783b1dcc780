import { createHmac } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LimitWindow } from './rate-limit-rules.ts';
import type { RateLimit } from './route.ts';

/**
 * Counters of the application-level limits: one item per limit, subject and fixed window, removed
 * by the table's TTL once the window is over. The subject (an e-mail, an address, a SIRET) never
 * appears in clear: the key holds its HMAC-SHA-256 under a per-deployment pepper.
 */
export interface RateLimitStoreDeps {
  readonly dynamodb: DynamoDBDocumentClient;
  readonly tableName: string;
  /** HMAC key of the subjects; fixed for a deployment so that every function builds the same keys. */
  readonly pepper: string;
}

/** One counter: a limit of a route, for one subject, in one window. */
export interface LimitCounter {
  /** The route, `POST /auth/login`. */
  readonly scope: string;
  readonly limit: RateLimit;
  readonly subject: string;
  readonly window: LimitWindow;
}

export interface RateLimiter {
  /** Counts one attempt and answers the window's count, this attempt included. */
  count(counter: LimitCounter): Promise<number>;
  /** Gives an attempt back (a success, for limits on failures only). */
  giveBack(counter: LimitCounter): Promise<void>;
}

/** The pepper of a deployment: derived from its user pool id, so that the table alone does not give the subjects back. */
export const rateLimitPepper = (userPoolId: string) => `rate-limit:${userPoolId}`;

function counterKey(pepper: string, counter: LimitCounter) {
  const { scope, limit, subject, window } = counter;
  const digest = createHmac('sha256', pepper).update(`${scope}|${limit.by}|${limit.windowSeconds}|${subject}`).digest('base64url');
  return { PK: `RATE#${digest}`, SK: `WINDOW#${window.start}` };
}

export function dynamoRateLimiter(deps: RateLimitStoreDeps): RateLimiter {
  return {
    async count(counter) {
      const { Attributes } = await deps.dynamodb.send(
        new UpdateCommand({
          TableName: deps.tableName,
          Key: counterKey(deps.pepper, counter),
          UpdateExpression: 'ADD #count :one SET expiresAt = if_not_exists(expiresAt, :expiresAt)',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':one': 1, ':expiresAt': counter.window.end },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(Attributes?.count ?? 1);
    },
    async giveBack(counter) {
      try {
        await deps.dynamodb.send(
          new UpdateCommand({
            TableName: deps.tableName,
            Key: counterKey(deps.pepper, counter),
            UpdateExpression: 'ADD #count :minusOne',
            // A counter already expired is not brought back to life.
            ConditionExpression: 'attribute_exists(PK) AND #count > :zero',
            ExpressionAttributeNames: { '#count': 'count' },
            ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
  };
}

/**
 * A quota counted with the write it allows: the counter's increment as a transaction item, which
 * cancels the whole transaction when the window already holds `limit.max` (an e-mail and its count
 * go together, or neither). Same counters as `dynamoRateLimiter`: one mechanism for every limit.
 */
export function quotaTransactItem(deps: Pick<RateLimitStoreDeps, 'tableName' | 'pepper'>, counter: LimitCounter) {
  return {
    Update: {
      TableName: deps.tableName,
      Key: counterKey(deps.pepper, counter),
      UpdateExpression: 'ADD #count :one SET expiresAt = if_not_exists(expiresAt, :expiresAt)',
      ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':one': 1, ':max': counter.limit.max, ':expiresAt': counter.window.end },
    },
  };
}
