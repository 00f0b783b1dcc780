import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backoff, chunks, mapLimit, maxBatchAttempts } from './bounded.ts';

/** Items per BatchWriteItem call: DynamoDB's limit. */
export const batchWriteSize = 25;

/**
 * Puts every item, unconditionally: BatchWriteItem by 25, `concurrency` calls in flight,
 * unprocessed items sent again with jittered backoff (an error after 8 attempts). For items whose
 * key makes a second put harmless; nothing is atomic across items.
 */
export async function putAll(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Record<string, unknown>[],
  concurrency: number,
): Promise<void> {
  await mapLimit(chunks(items, batchWriteSize), concurrency, async (chunk) => {
    let pending = chunk.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt >= maxBatchAttempts) throw new Error('BatchWriteItem left items unprocessed after every retry');
      if (attempt > 0) await backoff(attempt);
      const { UnprocessedItems } = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  });
}
