import { randomUUID } from 'node:crypto';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { alertRules, type AlertRules } from '#alerts/alert-schemas.ts';
import { alertStore, subscriptionToItem } from '#alerts/alert-store.ts';
import { runNewOfferAlerts, type NewOfferAlertsDeps, type NewOfferAlertsCounts } from '#alerts/new-offer-alerts-job.ts';
import { applicationStore } from '#applications/application-store.ts';
import { verdictRules } from '#applications/apply-verdict.ts';
import { employeeKey } from '#identity/employee-store.ts';
import { jobRunStore } from '#jobs/job-run-store.ts';
import { offerKey, offerStore, publishedOffersPartition } from '#offers/offer-store.ts';
import { loadGeography } from '#offers/reference/geography.ts';
import { batchGetAll } from '#shared/batch-get.ts';
import { putAll } from '#shared/batch-write.ts';
import { calendarDayIn } from '#shared/calendar.ts';
import { mapLimit } from '#shared/bounded.ts';
import { queryAll } from '#shared/query-all.ts';
import { createDemoEmployee } from '#local/demo-scenario.ts';
import { median, time, type BenchTarget, type Figure } from './harness.ts';
import { openOffer, rawClient } from './load-setup.ts';
import { outboxDrained } from './lifecycle-robot.bench.ts';

const subscriberCount = 2_000;
/** New offers of the day in the subscribers' department; every other subscriber was sent them already. */
const newOfferCount = 4;
const runs = 3;

/**
 * `subscriberCount` subscribers written straight into the table: each a copy of one employee
 * file made as the demo makes them (profile with "Ma situation" in Paris, every required
 * document), under its own id and address, with an enabled subscription due today.
 */
async function seedSubscribers(target: BenchTarget, db: DynamoDBDocumentClient) {
  const tableName = target.environment.TABLE_NAME!;
  const model = await createDemoEmployee(
    target,
    {
      civility: 'Mme',
      firstName: 'Alerte',
      lastName: 'Banc',
      birthDate: '1990-04-12',
      contract: { kind: 'CDI' },
      contractStart: '2018-09-01',
      nudFirstRegisteredOn: '2022-03-15',
      recommended: false,
    },
    new Date(),
  );
  const modelItems = await queryAll(db, {
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': employeeKey(model.id).PK },
    ConsistentRead: true,
  });
  const ids = Array.from({ length: subscriberCount }, () => randomUUID());
  const files = ids.flatMap((id, index) => {
    const email = `alerte.${index}.${id.slice(0, 8)}@bench.alin.local`;
    return modelItems.map((item) => JSON.parse(JSON.stringify(item).replaceAll(model.id, id).replaceAll(model.email, email)));
  });
  await putAll(db, tableName, files, 8);
  return ids;
}

/**
 * The new-offer digest (`runNewOfferAlerts`, the job's own code with hand-built deps on the bench
 * cloud's DynamoDB Local) over 2,000 subscribers in Paris, half with the day's new offers to
 * receive (file read, verdict, the e-mail queued), half with nothing new (the marker only), all
 * written 25 subscribers to a conditional transaction, against the raw calls of the same items:
 * the index pages and the profiles' BatchGetItem, the department's Query, a Query of each
 * receiving subscriber's partition (as many at once as the job), then a BatchWriteItem of as many
 * items as the job writes (a subscription-sized item per subscriber, an e-mail-sized one per
 * digest, each with an index key, as many calls at once). Also the same job one subscriber at a
 * time (`subscriberConcurrency` and `subscribersPerTransaction` 1), as it ran before. Each run
 * puts the subscriptions back as due (same `now`'s day) and waits for the outbox to drain; one
 * warm-up run, then medians of `runs`.
 */
export async function newOfferAlertsBenchmark(target: BenchTarget): Promise<Figure[]> {
  const env = target.environment;
  const tableName = env.TABLE_NAME!;
  const db = rawClient(target);
  const ids = await seedSubscribers(target, db);
  const watermark = new Date().toISOString();
  const offerIds: string[] = [];
  for (let index = 0; index < newOfferCount; index += 1) offerIds.push(await openOffer(target, db));
  const offers = await batchGetAll(
    db,
    tableName,
    offerIds.map((offerId) => offerKey(offerId)),
  );
  const alreadySent = Object.fromEntries(offers.map((offer) => [String(offer.offerId), String(offer.closesAt)]));
  const receiving = ids.filter((_, index) => index % 2 === 0);
  const subscriptions = ids.map((employeeId, index) =>
    subscriptionToItem({
      employeeId,
      enabled: true,
      tabs: ['requested'],
      updatedAt: watermark,
      coveredUntil: watermark,
      sentOffers: index % 2 === 0 ? {} : alreadySent,
    }),
  );
  const resetSubscriptions = () => putAll(db, tableName, subscriptions, 8);

  const base = Date.now() + 60_000;
  const deps = (rules: AlertRules): NewOfferAlertsDeps => ({
    alerts: alertStore(db, tableName),
    offers: offerStore(db, tableName),
    files: applicationStore(db, tableName),
    verdictRules,
    geography: loadGeography,
    runs: jobRunStore(db, tableName),
    rules,
    appUrl: env.APP_URL!,
  });
  const expectAll = (counts: NewOfferAlertsCounts, what: string) => {
    const expected = { examined: subscriberCount, digests: receiving.length, nothingNew: subscriberCount - receiving.length, errors: 0 };
    for (const [name, value] of Object.entries(expected)) {
      if (counts[name as keyof typeof expected] !== value)
        throw new Error(`${what}: ${name} ${counts[name as keyof typeof expected]}, expected ${value}`);
    }
    if (counts.incomplete) throw new Error(`${what} stopped before the end`);
  };

  const parallel: number[] = [];
  const oneAtATime: number[] = [];
  const jobBusy: number[] = [];
  const rawReads: number[] = [];
  const rawWrites: number[] = [];
  for (let run = 0; run <= runs; run += 1) {
    // Each run its own instant of the same day (the run records are keyed by it).
    const now = new Date(base + run * 10_000);
    const today = calendarDayIn(alertRules.timeZone, now);
    await resetSubscriptions();
    await outboxDrained(target, db);

    const readsMs = await time(async () => {
      let cursor: Record<string, unknown> | undefined;
      let due = 0;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'GSI3',
            KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK < :today',
            ExpressionAttributeValues: { ':pk': 'ALERTS#SUBSCRIBED', ':today': today },
            Limit: 100,
            ExclusiveStartKey: cursor,
          }),
        );
        const items = page.Items ?? [];
        due += items.length;
        await batchGetAll(
          db,
          tableName,
          items.map((item) => employeeKey(String(item.employeeId))),
          { consistent: false },
        );
        cursor = page.LastEvaluatedKey;
      } while (cursor);
      if (due < subscriberCount) throw new Error(`raw Query read ${due} subscribers`);
      await queryAll(db, {
        TableName: tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK > :at',
        ExpressionAttributeValues: { ':pk': publishedOffersPartition('75'), ':at': `${now.toISOString()}#~` },
      });
      await mapLimit(receiving, alertRules.subscriberConcurrency, (employeeId) =>
        queryAll(db, {
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': employeeKey(employeeId).PK },
          ConsistentRead: true,
        }),
      );
    });
    // Items the size of what the job writes, under keys of their own (the subscriptions stay due).
    const writes = [
      ...subscriptions.map((subscription, index) => ({
        ...subscription,
        PK: `BENCH_ALERTS#${subscription.employeeId}`,
        SK: 'BENCH_ALERTS',
        entity: 'BenchAlerts',
        GSI3PK: 'BENCH#ALERTS',
        handledOn: today,
        sentOffers: index % 2 === 0 ? alreadySent : subscription.sentOffers,
      })),
      ...receiving.map((employeeId) => ({
        PK: `BENCH_MAIL#${randomUUID()}`,
        SK: 'BENCH_MAIL',
        entity: 'BenchMail',
        GSI3PK: 'BENCH#MAILS',
        GSI3SK: `${now.toISOString()}#${employeeId}`,
        to: `${employeeId}@bench.alin.local`,
        params: { count: String(newOfferCount), offers: 'x'.repeat(250 * newOfferCount) },
      })),
    ];
    const writesMs = await time(() => putAll(db, tableName, writes, alertRules.subscriberConcurrency));

    let counts: NewOfferAlertsCounts | undefined;
    const loopBefore = performance.eventLoopUtilization();
    const parallelMs = await time(async () => {
      counts = await runNewOfferAlerts(deps(alertRules), now);
    });
    // The client thread's own busy time: the job's JavaScript (parsing, matching, the SDK), not DynamoDB Local's.
    const busyMs = performance.eventLoopUtilization(loopBefore).active;
    expectAll(counts!, 'the digest');

    await resetSubscriptions();
    await outboxDrained(target, db);
    const oneMs = await time(async () => {
      counts = await runNewOfferAlerts(
        deps({ ...alertRules, subscriberConcurrency: 1, subscribersPerTransaction: 1 }),
        new Date(now.getTime() + 1),
      );
    });
    expectAll(counts!, 'the digest one at a time');
    if (run === 0) continue;
    parallel.push(parallelMs);
    jobBusy.push(busyMs);
    oneAtATime.push(oneMs);
    rawReads.push(readsMs);
    rawWrites.push(writesMs);
  }
  db.destroy();
  const raw = rawReads.map((reads, index) => reads + rawWrites[index]!);
  const details = {
    subscribers: subscriberCount,
    receiving: receiving.length,
    newOffers: newOfferCount,
    runs,
    subscriberConcurrency: alertRules.subscriberConcurrency,
    digestMedianMs: median(parallel),
    digestSubscribersPerSecond: subscriberCount / (median(parallel) / 1000),
    digestClientThreadBusyMedianMs: median(jobBusy),
    oneAtATimeMedianMs: median(oneAtATime),
    rawReadsMedianMs: median(rawReads),
    rawBatchWriteMedianMs: median(rawWrites),
    rawReadsAndBatchWriteMedianMs: median(raw),
  };
  console.log(`BENCH-DETAILS new-offer-alerts ${JSON.stringify(details)}`);
  return [
    {
      name: 'alerts-digest-2000-vs-raw-query-and-batchwrite',
      value: median(parallel) / median(raw),
      unit: 'ratio',
      goal: { op: '<=', value: 2 },
      details,
    },
    {
      name: 'alerts-digest-2000-one-at-a-time-vs-batched',
      value: median(oneAtATime) / median(parallel),
      unit: 'ratio',
      goal: { op: '>=', value: 3 },
      details,
    },
  ];
}
