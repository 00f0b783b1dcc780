import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
} from '@aws-sdk/client-dynamodb-streams';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { streamFunctionTimeoutSeconds, streamSubscriptions, type StreamSubscription } from '#definitions/stream-subscriptions.ts';
import { localCredentials, localRegion } from './dynamodb.ts';
import { invokeLocal } from './lambda.ts';
import type { RunningService } from './service.ts';
import { toLambdaRecord } from './stream-records.ts';
import { latestStreamArn, listShards, shardIterator, shardState, type ShardState } from './stream-shards.ts';
import { SubscriptionLane, type Invoke, type StreamFailure } from './stream-subscription-lane.ts';

export interface StreamsPollerOptions {
  readonly dynamoEndpoint: string;
  readonly tableName: string;
  /** Subscriptions to feed, each with its filter and retry policy; the definitions' `streamSubscriptions` by default. */
  readonly subscriptions?: Readonly<Record<string, StreamSubscription>>;
  readonly invoke?: Invoke;
  /** Pause between two reads of the stream once caught up; 200 ms by default. */
  readonly pollIntervalMs?: number;
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

interface CycleResult {
  readonly startedAt: number;
  readonly quiet: boolean;
}

const invokeStreamFunction: Invoke = (entry, event) => invokeLocal(entry, event, { timeoutSeconds: streamFunctionTimeoutSeconds });

/**
 * Feeds the stream-triggered handlers from DynamoDB Local's stream, as Lambda event source
 * mappings do: each subscription (`SubscriptionLane`) gets the records its filter pattern lets
 * through, in order, in batches, with its retry policy. Subscriptions progress independently: a
 * failing handler does not hold the others back.
 *
 * Starting position: shards open when the poller starts are read from LATEST, so a restart
 * over persisted data does not replay history (the poller keeps no checkpoint: each start is a
 * mapping resuming); shards that appear later (roll-over) are read from TRIM_HORIZON, after
 * their parent is drained, so nothing written after start is missed.
 */
export async function startStreamsPoller(options: StreamsPollerOptions): Promise<StreamsPoller> {
  const invoke = options.invoke ?? invokeStreamFunction;
  const onError = options.onError ?? reportFailure;
  const pollIntervalMs = options.pollIntervalMs ?? 200;
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

  const laneContext = {
    invoke,
    sleep: sleeper.sleep,
    retryBaseDelayMs,
    onError,
    onDeliveryEnd: () => {
      lastDeliveryEnd = ++clock;
    },
    stopped: () => stopped,
  };
  const lanes = Object.entries(options.subscriptions ?? streamSubscriptions).map(
    ([id, subscription]) => new SubscriptionLane(id, subscription, laneContext),
  );

  const readShard = async (shard: ShardState): Promise<number> => {
    let read = 0;
    while (!stopped) {
      shard.iterator ??= await shardIterator(streams, streamArn, shard);
      let page: GetRecordsCommandOutput;
      try {
        page = await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 }));
      } catch (error) {
        if (!(error instanceof ExpiredIteratorException)) throw error;
        // Iterators expire after 15 minutes (a laptop asleep): resume after the last record read.
        shard.iterator = undefined;
        continue;
      }
      const records = page.Records ?? [];
      for (const record of records) {
        const lambdaRecord = toLambdaRecord(record, streamArn);
        for (const lane of lanes) lane.offer(lambdaRecord);
      }
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

  const lanesIdle = () => lanes.every((lane) => lane.idle);

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
        if (result?.quiet && result.startedAt > calledAt && result.startedAt > lastDeliveryEnd && lanesIdle()) return;
        if (Date.now() >= deadline) {
          const pending = lanes.map((lane) => `${lane.id}: ${lane.pending} pending`).join(', ');
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
        await Promise.allSettled(lanes.map((lane) => lane.settled()));
        destroyClients();
      })()),
  };
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

/** Names the error and the records by sequence number only: records and error messages may hold personal data. */
function reportFailure(failure: StreamFailure): void {
  const name = failure.error instanceof Error ? failure.error.name : typeof failure.error;
  if (failure.kind === 'polling') {
    const message = failure.error instanceof Error ? failure.error.message : String(failure.error);
    console.error(`[streams] reading the table stream failed: ${name}: ${message}`);
    return;
  }
  const sequenceNumbers = failure.records.map((record) => record.dynamodb?.SequenceNumber).join(', ');
  console.error(
    `[streams] ${failure.subscription} (${failure.handler}) gave up ${failure.records.length} record(s) ` +
      `[${sequenceNumbers}] after ${failure.attempts} attempts: ${name}`,
  );
}
