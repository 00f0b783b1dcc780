import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { z } from 'zod';
import type { StreamSubscription } from '#definitions/stream-subscriptions.ts';
import { compileFilter } from './event-filter.ts';

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

export interface LaneContext {
  readonly invoke: Invoke;
  readonly sleep: (ms: number) => Promise<void>;
  /** First retry delay, doubled at each retry up to 5 s. */
  readonly retryBaseDelayMs: number;
  readonly onError: (failure: StreamFailure) => void;
  /** Told when an invocation ends, whatever its outcome. */
  readonly onDeliveryEnd: () => void;
  readonly stopped: () => boolean;
}

/** A batch is retried from its first failed record, as Lambda does with ReportBatchItemFailures. */
const batchResponseSchema = z.object({
  batchItemFailures: z.array(z.object({ itemIdentifier: z.string().nullish() })).nullish(),
});

/**
 * What one event source mapping does with the records its filter lets through: in order, in
 * batches of at most `batchSize`, with the subscription's retry policy.
 *
 * Failures, as Lambda's event source mapping handles them:
 * - a partial batch response (`reportBatchItemFailures`) retries from the first failed record,
 *   records before it count as done;
 * - a thrown error (the function failed or timed out) splits the batch in two when
 *   `bisectBatchOnError` is set, each half then sent on its own; splitting is not a retry;
 * - a retried batch holds the same records, whatever arrived since;
 * - after `retryAttempts` retries with exponential backoff, the batch goes to `onError` (the
 *   dead-letter queue on AWS) and the lane moves on.
 */
export class SubscriptionLane {
  private readonly matches: (record: unknown) => boolean;
  private readonly queue: DynamoDBRecord[] = [];
  /** Sizes of batches already formed (a batch being retried, the halves of a split one), first one next. */
  private readonly formed: number[] = [];
  /** Failed sends of the next batch. */
  private attempts = 0;
  /** Cleared by the worker in the same tick it finds the queue empty, so no record is stranded. */
  private busy = false;
  private worker: Promise<void> = Promise.resolve();

  constructor(
    readonly id: string,
    readonly subscription: StreamSubscription,
    private readonly context: LaneContext,
  ) {
    this.matches = compileFilter(subscription.filterPattern);
  }

  /** Queues the record when the subscription's filter lets it through. */
  offer(record: DynamoDBRecord): void {
    if (!this.matches(record)) return;
    this.queue.push(record);
    if (!this.busy) {
      this.busy = true;
      this.worker = this.work();
    }
  }

  get idle(): boolean {
    return this.queue.length === 0 && !this.busy;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Resolves once the current worker has stopped. */
  settled(): Promise<void> {
    return this.worker;
  }

  private async work(): Promise<void> {
    for (;;) {
      if (this.queue.length === 0 || this.context.stopped()) {
        this.busy = false;
        return;
      }
      const batch = this.queue.slice(0, this.formed[0] ?? this.subscription.batchSize);
      const { retryFrom, threw, error } = await this.deliver(batch);
      if (retryFrom === -1) {
        this.queue.splice(0, batch.length);
        this.formed.shift();
        this.attempts = 0;
        continue;
      }
      if (threw && this.subscription.bisectBatchOnError && batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        this.formed.splice(0, 1, half, batch.length - half);
        this.attempts = 0;
        continue;
      }
      if (retryFrom > 0) {
        this.queue.splice(0, retryFrom);
        this.attempts = 0;
      }
      this.formed[0] = batch.length - retryFrom;
      this.attempts += 1;
      if (this.attempts > this.subscription.retryAttempts) {
        const failed = this.queue.splice(0, batch.length - retryFrom);
        this.formed.shift();
        this.context.onError({
          kind: 'delivery',
          subscription: this.id,
          handler: this.subscription.handler,
          records: failed,
          attempts: this.attempts,
          error: threw ? error : new Error(`${this.subscription.handler} reported ${failed.length} failed record(s) in batchItemFailures`),
        });
        this.attempts = 0;
        continue;
      }
      await this.context.sleep(Math.min(5_000, this.context.retryBaseDelayMs * 2 ** (this.attempts - 1)));
    }
  }

  /** Invokes the handler with one batch; `retryFrom` is the first record to retry, or -1 when all succeeded. */
  private async deliver(batch: DynamoDBRecord[]): Promise<{ retryFrom: number; threw: boolean; error?: unknown }> {
    const event: DynamoDBStreamEvent = { Records: batch };
    try {
      const response = await this.context.invoke(this.subscription.handler, event);
      // Without ReportBatchItemFailures, Lambda reads nothing in the response: the batch succeeded.
      return { retryFrom: this.subscription.reportBatchItemFailures ? firstFailedIndex(response, batch) : -1, threw: false };
    } catch (error) {
      return { retryFrom: 0, threw: true, error };
    } finally {
      this.context.onDeliveryEnd();
    }
  }
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
