import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB cancels a transaction that touches an item another transaction is writing
 * (`TransactionCanceledException` with reason `TransactionConflict`), and refuses a single write
 * to such an item (`TransactionConflictException`). Nothing was written, so the request can
 * simply be sent again; the SDK does not do it. DynamoDB Local serialises transactions and never
 * answers either, which is why this lives in the client rather than in each store.
 */
export interface ConflictRetry {
  readonly maxRetries: number;
  readonly baseDelayMs: number;
}

const conflictRetry: ConflictRetry = { maxRetries: 3, baseDelayMs: 20 };

interface CancellationReason {
  readonly Code?: string;
}

export function isTransactionConflict(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TransactionConflictException') return true;
  if (error.name !== 'TransactionCanceledException') return false;
  const reasons = (error as Error & { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
  // Only when nothing but conflicts cancelled it: a failed condition is an answer, not a race.
  return (
    reasons.some((r) => r.Code === 'TransactionConflict') && reasons.every((r) => r.Code === 'TransactionConflict' || r.Code === 'None')
  );
}

/** Adds the retry to a DynamoDB client (and so to document clients built on it). */
export function retryTransactionConflicts(client: DynamoDBClient, settings: ConflictRetry = conflictRetry): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await next(args);
        } catch (error) {
          if (attempt >= settings.maxRetries || !isTransactionConflict(error)) throw error;
          const delay = settings.baseDelayMs * 2 ** attempt * (0.5 + Math.random());
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      }
    },
    { step: 'initialize', name: 'retryTransactionConflicts' },
  );
}
