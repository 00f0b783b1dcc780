import { DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type AttributeValue as SdkAttributeValue,
  type _Record as SdkRecord,
  type Shard,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { z } from 'zod';
import { streamSubscriptions, type StreamSubscription } from '#definitions/stream-subscriptions.ts';
import { localCredentials, localRegion } from './dynamodb.ts';
import { compileFilter } from './event-filter.ts';
import { invokeLocal } from './lambda.ts';
import type { RunningService } from './service.ts';

/** How a stand-in calls a Lambda entry; `invokeLocal` in the local cloud, a recorder in tests. */
export type Invoke = (entry: string, event: unknown) => Promise<unknown>;

export type StreamFailure =
  | {
      /** Records given up after the last retry, as an on-failure destination would receive them. */
      readonly kind: 'delivery';
      readonly subscription: string;
      readonly handler: string;
      readonly records: readonly DynamoDBRecord[];
      readonly attempts: number;
      readonly error: unknown;
    }
  | { readonly kind: 'polling'; readonly error: unknown };

export interface StreamsPollerOptions {
  readonly dynamoEndpoint: string;
  readonly tableName: string;
  /** Subscriptions to feed; the definitions' `streamSubscriptions` by default. */
  readonly subscriptions?: Readonly<Record<string, StreamSubscription>>;
  readonly invoke?: Invoke;
  /** Pause between two reads of the stream once caught up; 200 ms by default. */
  readonly pollIntervalMs?: number;
  /** Retries of a failed batch before its records go to `onError`; 3 by default. */
  readonly maxRetries?: number;
  /** First retry delay, doubled at each retry up to 5 s; 100 ms by default. */
  readonly retryBaseDelayMs?: number;
  /** Told about records given up and about polling errors; printed to stderr when absent. */
  readonly onError?: (failure: StreamFailure) => void;
}

export interface StreamsPoller extends RunningService {
  /** The DynamoDB endpoint whose stream is read. */
  readonly url: string;
  readonly streamArn: string;
  /**
   * Resolves once the stream is quiet: a full read that began after the last delivery found
   * nothing new and no subscription has records pending, so everything written before the
   * call (and whatever the handlers wrote in turn) has been delivered or given up.
   */
  idle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** A batch is retried from its first failed record, as Lambda does with ReportBatchItemFailures. */
const batchResponseSchema = z.object({
  batchItemFailures: z.array(z.object({ itemIdentifier: z.string().nullish() })).nullish(),
});

interface ShardState {
  readonly id: string;
  readonly parentId: string | undefined;
  /** Where to start when no record of the shard has been read yet. */
  readonly startAt: Extract<ShardIteratorType, 'LATEST' | 'TRIM_HORIZON'>;
  iterator: string | undefined;
  lastSequenceNumber: string | undefined;
  done: boolean;
}

interface Lane {
  readonly id: string;
  readonly subscription: StreamSubscription;
  readonly matches: (record: unknown) => boolean;
  readonly queue: DynamoDBRecord[];
  attempts: number;
  /** Cleared by the worker in the same tick it finds the queue empty, so no record is stranded. */
  busy: boolean;
  worker: Promise<void>;
}

interface CycleResult {
  readonly startedAt: number;
  readonly quiet: boolean;
}

/**
 * Feeds the stream-triggered handlers from DynamoDB Local's stream, as Lambda event source
 * mappings do: each subscription gets the records its filter pattern lets through, in order,
 * in batches of at most `batchSize`, as `{ Records }` events.
 *
 * Starting position: shards open when the poller starts are read from LATEST, so a restart
 * over persisted data does not replay history; shards that appear later (roll-over) are read
 * from TRIM_HORIZON, after their parent is drained, so nothing written after start is missed.
 *
 * Failures: a thrown error retries the whole batch; a partial batch response retries from the
 * first failed record (records before it count as done). After `maxRetries` retries with
 * exponential backoff, the failed records go to `onError` and the subscription moves on.
 * Subscriptions progress independently: a failing handler does not hold the others back.
 */
export async function startStreamsPoller(options: StreamsPollerOptions): Promise<StreamsPoller> {
  const lanes: Lane[] = Object.entries(options.subscriptions ?? streamSubscriptions).map(([id, subscription]) => ({
    id,
    subscription,
    matches: compileFilter(subscription.filterPattern),
    queue: [],
    attempts: 0,
    busy: false,
    worker: Promise.resolve(),
  }));
  const invoke = options.invoke ?? invokeLocal;
  const onError = options.onError ?? reportFailure;
  const pollIntervalMs = options.pollIntervalMs ?? 200;
  const maxRetries = options.maxRetries ?? 3;
  const retryBaseDelayMs = options.retryBaseDelayMs ?? 100;

  const clientConfig = {
    endpoint: options.dynamoEndpoint,
    region: localRegion,
    credentials: localCredentials,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 1_000, requestTimeout: 5_000 }),
  };
  const dynamodb = new DynamoDBClient(clientConfig);
  const streams = new DynamoDBStreamsClient(clientConfig);
  const destroyClients = () => {
    dynamodb.destroy();
    streams.destroy();
  };

  let streamArn: string;
  const shards = new Map<string, ShardState>();
  try {
    streamArn = await latestStreamArn(dynamodb, options.tableName);
    for (const shard of await listShards(streams, streamArn)) {
      const state = shardState(shard, 'LATEST');
      // A LATEST iterator marks "now", so it is taken at start rather than at first read.
      if (!state.done) state.iterator = await shardIterator(streams, streamArn, state);
      shards.set(state.id, state);
    }
  } catch (error) {
    destroyClients();
    throw error;
  }

  // A logical clock orders cycle starts and delivery ends, which is all `idle` needs.
  let clock = 0;
  let lastDeliveryEnd = 0;
  let stopped = false;
  let pollingError: unknown;
  const sleeper = createSleeper();
  const cycleWaiters = new Set<(result: CycleResult) => void>();

  const readShard = async (shard: ShardState): Promise<number> => {
    let read = 0;
    while (!stopped) {
      shard.iterator ??= await shardIterator(streams, streamArn, shard);
      let page;
      try {
        page = await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 }));
      } catch (error) {
        if (!(error instanceof ExpiredIteratorException)) throw error;
        // Iterators expire after 15 minutes (a laptop asleep): resume after the last record read.
        shard.iterator = undefined;
        continue;
      }
      const records = page.Records ?? [];
      for (const record of records) route(toLambdaRecord(record, streamArn));
      read += records.length;
      shard.lastSequenceNumber = records.at(-1)?.dynamodb?.SequenceNumber ?? shard.lastSequenceNumber;
      shard.iterator = page.NextShardIterator;
      if (!shard.iterator) shard.done = true;
      if (records.length === 0 || shard.done) return read;
    }
    return read;
  };

  const refreshShards = async () => {
    for (const shard of await listShards(streams, streamArn)) {
      if (shard.ShardId && !shards.has(shard.ShardId)) shards.set(shard.ShardId, shardState(shard, 'TRIM_HORIZON'));
    }
  };

  // A child shard continues its parent: it is read only once the parent is drained.
  const readableShards = () =>
    [...shards.values()].filter((shard) => !shard.done && !(shard.parentId && shards.get(shard.parentId)?.done === false));

  const cycle = async (): Promise<number> => {
    await refreshShards();
    let read = 0;
    for (const shard of readableShards()) read += await readShard(shard);
    return read;
  };

  const route = (record: DynamoDBRecord) => {
    for (const lane of lanes) {
      if (!lane.matches(record)) continue;
      lane.queue.push(record);
      if (!lane.busy) {
        lane.busy = true;
        lane.worker = work(lane);
      }
    }
  };

  /** Invokes the handler with one batch; `retryFrom` is the first record to retry, or -1 when all succeeded. */
  const deliver = async (lane: Lane, batch: DynamoDBRecord[]): Promise<{ retryFrom: number; error?: unknown }> => {
    const event: DynamoDBStreamEvent = { Records: batch };
    try {
      return { retryFrom: firstFailedIndex(await invoke(lane.subscription.handler, event), batch) };
    } catch (error) {
      return { retryFrom: 0, error };
    } finally {
      lastDeliveryEnd = ++clock;
    }
  };

  const work = async (lane: Lane) => {
    for (;;) {
      if (lane.queue.length === 0 || stopped) {
        lane.busy = false;
        return;
      }
      const batch = lane.queue.slice(0, lane.subscription.batchSize);
      const { retryFrom, error } = await deliver(lane, batch);
      if (retryFrom === -1) {
        lane.queue.splice(0, batch.length);
        lane.attempts = 0;
        continue;
      }
      if (retryFrom > 0) {
        lane.queue.splice(0, retryFrom);
        lane.attempts = 0;
      }
      lane.attempts += 1;
      if (lane.attempts > maxRetries) {
        const failed = lane.queue.splice(0, batch.length - retryFrom);
        onError({
          kind: 'delivery',
          subscription: lane.id,
          handler: lane.subscription.handler,
          records: failed,
          attempts: lane.attempts,
          error: error ?? new Error(`${lane.subscription.handler} reported ${failed.length} failed record(s) in batchItemFailures`),
        });
        lane.attempts = 0;
        continue;
      }
      await sleeper.sleep(Math.min(5_000, retryBaseDelayMs * 2 ** (lane.attempts - 1)));
    }
  };

  const lanesIdle = () => lanes.every((lane) => lane.queue.length === 0 && !lane.busy);

  const loop = async () => {
    while (!stopped) {
      const startedAt = ++clock;
      let quiet = false;
      try {
        quiet = (await cycle()) === 0;
        pollingError = undefined;
      } catch (error) {
        // One report per outage rather than one per poll.
        if (!stopped && pollingError === undefined) onError({ kind: 'polling', error });
        pollingError = error;
      }
      for (const notify of [...cycleWaiters]) notify({ startedAt, quiet });
      await sleeper.sleep(pollIntervalMs);
    }
  };
  const looping = loop();

  const waitForCycle = () =>
    new Promise<CycleResult>((resolve) => {
      const notify = (result: CycleResult) => {
        cycleWaiters.delete(notify);
        resolve(result);
      };
      cycleWaiters.add(notify);
    });

  let stopping: Promise<void> | undefined;
  return {
    name: 'DynamoDB Streams poller',
    url: options.dynamoEndpoint,
    streamArn,
    async idle(timeoutMs = 10_000) {
      const calledAt = ++clock;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (stopped) throw new Error('The streams poller is stopped');
        const result = await withTimeout(waitForCycle(), deadline - Date.now());
        if (result && result.quiet && result.startedAt > calledAt && result.startedAt > lastDeliveryEnd && lanesIdle()) return;
        if (Date.now() >= deadline) {
          const pending = lanes.map((lane) => `${lane.id}: ${lane.queue.length} pending`).join(', ');
          const reading = pollingError === undefined ? '' : `; reading the stream fails: ${String(pollingError)}`;
          throw new Error(`Streams poller still busy after ${timeoutMs} ms (${pending}${reading})`);
        }
      }
    },
    stop: () =>
      (stopping ??= (async () => {
        stopped = true;
        sleeper.wakeAll();
        await looping;
        for (const notify of [...cycleWaiters]) notify({ startedAt: 0, quiet: false });
        await Promise.allSettled(lanes.map((lane) => lane.worker));
        destroyClients();
      })()),
  };
}

async function latestStreamArn(client: DynamoDBClient, tableName: string): Promise<string> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName })).catch((error: unknown) => {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    throw new Error(`Table ${tableName} does not exist: create it before starting the streams poller (ensureTable)`);
  });
  if (!Table?.LatestStreamArn || !Table.StreamSpecification?.StreamEnabled) {
    throw new Error(`Table ${tableName} has no stream enabled: create it from definitions/table.ts (ensureTable)`);
  }
  return Table.LatestStreamArn;
}

async function listShards(client: DynamoDBStreamsClient, streamArn: string): Promise<Shard[]> {
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

function shardState(shard: Shard, openShardStart: ShardState['startAt']): ShardState {
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

async function shardIterator(client: DynamoDBStreamsClient, streamArn: string, shard: ShardState): Promise<string> {
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

/**
 * Index in the batch from which Lambda would retry, or -1 when the batch succeeded. As on
 * AWS, no response or an empty list is success, and an identifier that is empty or names no
 * record of the batch fails the whole batch.
 */
export function firstFailedIndex(response: unknown, batch: readonly DynamoDBRecord[]): number {
  const failures = batchResponseSchema.safeParse(response).data?.batchItemFailures ?? [];
  if (failures.length === 0) return -1;
  const indexes = failures.map(({ itemIdentifier }) =>
    itemIdentifier ? batch.findIndex((record) => record.dynamodb?.SequenceNumber === itemIdentifier) : -1,
  );
  return indexes.includes(-1) ? 0 : Math.min(...indexes);
}

/** The record as Lambda hands it over: JSON types (epoch seconds, base64 binaries) and the stream ARN. */
export function toLambdaRecord(record: SdkRecord, streamArn: string): DynamoDBRecord {
  const change = record.dynamodb;
  return withoutUndefined({
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource,
    awsRegion: record.awsRegion,
    dynamodb: change
      ? withoutUndefined({
          ApproximateCreationDateTime: change.ApproximateCreationDateTime
            ? Math.floor(change.ApproximateCreationDateTime.getTime() / 1000)
            : undefined,
          Keys: toLambdaImage(change.Keys),
          NewImage: toLambdaImage(change.NewImage),
          OldImage: toLambdaImage(change.OldImage),
          SequenceNumber: change.SequenceNumber,
          SizeBytes: change.SizeBytes,
          StreamViewType: change.StreamViewType,
        })
      : undefined,
    eventSourceARN: streamArn,
    // TTL deletions carry the DynamoDB service as identity.
    userIdentity: record.userIdentity
      ? { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId }
      : undefined,
  });
}

function toLambdaImage(image: Record<string, SdkAttributeValue> | undefined): Record<string, AttributeValue> | undefined {
  if (!image) return undefined;
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toLambdaAttribute(value)]));
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function toLambdaAttribute(value: SdkAttributeValue): AttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaAttribute) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) ?? {} };
  throw new Error(`Unknown DynamoDB attribute type in stream record: ${Object.keys(value).join(', ')}`);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/** The promise's value, or undefined once `ms` have passed. */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, ms));
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Timers that `stop` can cut short, so stopping never waits out a backoff or a poll pause. */
function createSleeper() {
  const pending = new Map<NodeJS.Timeout, () => void>();
  return {
    sleep(ms: number): Promise<void> {
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(timer);
          resolve();
        }, ms);
        pending.set(timer, resolve);
      });
    },
    wakeAll() {
      for (const [timer, resolve] of pending) {
        clearTimeout(timer);
        resolve();
      }
      pending.clear();
    },
  };
}

function reportFailure(failure: StreamFailure): void {
  const message = failure.error instanceof Error ? failure.error.message : String(failure.error);
  if (failure.kind === 'polling') {
    console.error(`[streams] reading the table stream failed: ${message}`);
    return;
  }
  const sequenceNumbers = failure.records.map((record) => record.dynamodb?.SequenceNumber).join(', ');
  console.error(
    `[streams] ${failure.subscription} (${failure.handler}) gave up ${failure.records.length} record(s) ` +
      `[${sequenceNumbers}] after ${failure.attempts} attempts: ${message}`,
  );
}
