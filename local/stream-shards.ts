import { DescribeTableCommand, ResourceNotFoundException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type DynamoDBStreamsClient,
  type Shard,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';

/** The table's stream and its shards, as the poller reads them: where each shard is read from, and resumed. */

export interface ShardState {
  readonly id: string;
  readonly parentId: string | undefined;
  /** Where to start when no record of the shard has been read yet. */
  readonly startAt: Extract<ShardIteratorType, 'LATEST' | 'TRIM_HORIZON'>;
  iterator: string | undefined;
  lastSequenceNumber: string | undefined;
  done: boolean;
}

export async function latestStreamArn(client: DynamoDBClient, tableName: string): Promise<string> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName })).catch((error: unknown) => {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    throw new Error(`Table ${tableName} does not exist: create it before starting the streams poller (ensureTable)`);
  });
  if (!Table?.LatestStreamArn || !Table.StreamSpecification?.StreamEnabled) {
    throw new Error(`Table ${tableName} has no stream enabled: create it from definitions/table.ts (ensureTable)`);
  }
  return Table.LatestStreamArn;
}

export async function listShards(client: DynamoDBStreamsClient, streamArn: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  let exclusiveStartShardId: string | undefined;
  do {
    const { StreamDescription } = await client.send(
      new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
    );
    shards.push(...(StreamDescription?.Shards ?? []));
    exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
  } while (exclusiveStartShardId);
  return shards;
}

export function shardState(shard: Shard, openShardStart: ShardState['startAt']): ShardState {
  const closed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
  return {
    id: shard.ShardId ?? '',
    parentId: shard.ParentShardId,
    startAt: openShardStart,
    iterator: undefined,
    lastSequenceNumber: undefined,
    // Shards already closed when the poller starts hold only history.
    done: closed && openShardStart === 'LATEST',
  };
}

export async function shardIterator(client: DynamoDBStreamsClient, streamArn: string, shard: ShardState): Promise<string> {
  const resume = shard.lastSequenceNumber !== undefined;
  const request = (type: ShardIteratorType) =>
    client.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shard.id,
        ShardIteratorType: type,
        SequenceNumber: type === 'AFTER_SEQUENCE_NUMBER' ? shard.lastSequenceNumber : undefined,
      }),
    );
  const { ShardIterator } = await request(resume ? 'AFTER_SEQUENCE_NUMBER' : shard.startAt).catch((error: unknown) => {
    // Records older than 24 hours are trimmed: after a long pause, resume from the oldest kept.
    if (resume && error instanceof TrimmedDataAccessException) return request('TRIM_HORIZON');
    throw error;
  });
  if (!ShardIterator) throw new Error(`No iterator for shard ${shard.id} of ${streamArn}`);
  return ShardIterator;
}
