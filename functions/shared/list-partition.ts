import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';

/** One page of a list partition, and the keys of the items in it that its schema cannot read. */
export interface ListPage<T> {
  readonly entries: T[];
  readonly cursor?: Record<string, unknown>;
  readonly unreadable: string[];
}

/**
 * One page of a sparse GSI1 list partition (`COMPANIES`, `LANDLORDS`: every item of a kind, in the
 * order of its folded name). An item the schema cannot read is left out of the page and named by
 * its key, so that one bad item never hides the others.
 */
export async function listPartitionPage<T>(
  db: DynamoDBDocumentClient,
  read: {
    readonly tableName: string;
    readonly partition: string;
    readonly schema: z.ZodType;
    readonly fromItem: (item: Record<string, unknown>) => T;
  },
  limit?: number,
  cursor?: Record<string, unknown>,
): Promise<ListPage<T>> {
  const result = await db.send(
    new QueryCommand({
      TableName: read.tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': read.partition },
      Limit: limit,
      ExclusiveStartKey: cursor,
    }),
  );
  const items = result.Items ?? [];
  const readable = (item: Record<string, unknown>) => read.schema.safeParse(item).success;
  return {
    entries: items.filter(readable).map(read.fromItem),
    cursor: result.LastEvaluatedKey,
    unreadable: items.filter((item) => !readable(item)).map((item) => String(item.PK)),
  };
}
