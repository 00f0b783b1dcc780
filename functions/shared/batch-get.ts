import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backoff, chunks, mapLimit, maxBatchAttempts } from './bounded.ts';

/**
 * Every item of `keys` that exists (strongly consistent unless told otherwise): BatchGetItem by
 * 100 keys, `concurrency` calls in flight, unprocessed keys asked again with jittered backoff (an
 * error after 8 attempts). Items come back in no particular order.
 */
export async function batchGetAll(
  db: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Record<string, unknown>[],
  options: { readonly concurrency?: number; readonly consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const { concurrency = 4, consistent = true } = options;
  const found: Record<string, unknown>[] = [];
  await mapLimit(chunks(keys, 100), concurrency, async (chunk) => {
    let pending: Record<string, unknown>[] | undefined = chunk;
    for (let attempt = 0; pending?.length; attempt += 1) {
      if (attempt >= maxBatchAttempts) throw new Error('BatchGetItem left keys unprocessed after every retry');
      if (attempt > 0) await backoff(attempt);
      const {
        Responses,
        UnprocessedKeys,
      }: { Responses?: Record<string, Record<string, unknown>[]>; UnprocessedKeys?: Record<string, { Keys?: Record<string, unknown>[] }> } =
        await db.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: consistent } } }));
      found.push(...(Responses?.[tableName] ?? []));
      pending = UnprocessedKeys?.[tableName]?.Keys;
    }
  });
  return found;
}
