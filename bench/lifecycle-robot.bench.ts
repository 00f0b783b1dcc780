import { randomUUID } from 'node:crypto';
import { SFNClient } from '@aws-sdk/client-sfn';
import { BatchWriteCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { applicationToItem, type Application } from '#applications/application-store.ts';
import { employeeKey, employeeToItem } from '#identity/employee-store.ts';
import { lifecycleStarter } from '#offers/lifecycle-starter.ts';
import { lifecycleStore } from '#lifecycle/lifecycle-store.ts';
import type { LifecycleDeps } from '#lifecycle/lifecycle-context.ts';
import { fileReadConcurrency } from '#lifecycle/close-check.ts';
import { closeAndScore, robotWrites } from '#lifecycle/tasks/close-and-score.ts';
import { chunks, mapLimit } from '#shared/bounded.ts';
import { scoringGridStore } from '#scoring/grid-store.ts';
import { documentRules, requiredDocumentTypes } from '#housing-file/document-rules.ts';
import { situationRules } from '#housing-file/situation-rules.ts';
import { companyEligibilityRules } from '#shared/business-rules.ts';
import { scoringFactsSchema, type ScoringFacts } from '#scoring/scoring-facts.ts';
import { durationMs, offerRules } from '#offers/offer-rules.ts';
import { offerKey, offerStore } from '#offers/offer-store.ts';
import { createOffer, publishOffer } from '#offers/offer-use-cases.ts';
import { routes } from '#definitions/routes.ts';
import { demoOffer, documentClient, waitFor } from '#local/demo-scenario.ts';
import { demoAccounts, demoCompanies, receivedDocumentItems } from '#local/seed.ts';
import { median, time, type BenchTarget, type Figure } from './harness.ts';

/**
 * An applicant written straight into the table: his profile (the robot's writes update its
 * counter; the re-check at the close reads it with his documents) and his application.
 */
export interface SeededApplicant {
  readonly employeeId: string;
  readonly firstName: string;
  readonly email: string;
  /** When absent, a profile item is written for him (a real account has one already). */
  readonly withProfile?: boolean;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** Varied, valid scoring facts: contracts, incomes, ages, NUD seniority, recommendations, employers. */
export function benchScoringFacts(index: number, takenAt: string): ScoringFacts {
  const contract = [
    {
      kind: 'CDI' as const,
      startDate: `${2010 + (index % 15)}-${pad(1 + (index % 12))}-01`,
      endDate: null,
      trialPeriod: { ongoing: false, endsOn: null },
    },
    {
      kind: 'CDD' as const,
      startDate: '2026-03-01',
      endDate: `2027-${pad(1 + (index % 12))}-15`,
      trialPeriod: { ongoing: index % 5 === 0, endsOn: index % 5 === 0 ? '2026-12-31' : null },
    },
    { kind: 'other' as const, startDate: '2025-09-01', endDate: null, trialPeriod: { ongoing: false, endsOn: null } },
  ][index % 3]!;
  return scoringFactsSchema.parse({
    siret: demoCompanies[index % demoCompanies.length]!.siret,
    contract,
    retainedIncomeEuros: 12_000 + ((index * 337) % 22_000),
    ceilingEuros: 32_000,
    applicantBirthDate: `${1965 + (index % 40)}-${pad(1 + (index % 12))}-${pad(1 + (index % 28))}`,
    spouseBirthDates: index % 4 === 0 ? [`${1970 + (index % 30)}-06-15`] : [],
    nudFirstRegisteredOn: `${2017 + (index % 9)}-${pad(1 + ((index * 7) % 12))}-${pad(1 + (index % 28))}`,
    recommended: index % 10 === 0,
    previouslySelectedWithoutAttribution: index % 17 === 0,
    priorityCriteria: [],
    takenAt,
  });
}

async function batchWrite(db: DynamoDBDocumentClient, tableName: string, items: readonly Record<string, unknown>[]): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let index = 0; index < items.length; index += 25) batches.push(items.slice(index, index + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const { UnprocessedItems } = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (UnprocessedItems?.[tableName] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/**
 * A published offer of the seeded landlord Paris Habitat with `applicants` already SUBMITTED,
 * through the offer use cases (the same checks as the routes) and direct writes of the
 * applications with their scoring facts. `publishedAt` in the past makes the window closed at
 * once; publication starts the offer's execution as the route does.
 */
export async function seedOfferWithApplications(
  target: BenchTarget,
  db: DynamoDBDocumentClient,
  applicants: readonly SeededApplicant[],
  publishedAt: Date,
) {
  const env = target.environment;
  const landlordId = demoAccounts.find((account) => account.key === 'landlord')!.attributes['custom:landlordId']!;
  const sfn = new SFNClient({ endpoint: env.AWS_ENDPOINT_URL_SFN, region: env.AWS_REGION });
  const offerDeps = {
    offers: offerStore(db, env.TABLE_NAME!),
    rules: { ...offerRules, applicationWindow: env.APPLICATION_WINDOW! },
    lifecycle: lifecycleStarter(sfn, env.OFFER_LIFECYCLE_ARN!, {
      commissionDeadline: env.COMMISSION_DEADLINE!,
      commissionGrace: env.COMMISSION_GRACE!,
      acceptancePeriod: env.ACCEPTANCE_PERIOD!,
    }),
    now: () => publishedAt,
    newId: () => randomUUID(),
  };
  const caller = { userId: 'bench', roles: ['landlord' as const], landlordId };
  const body = demoOffer();
  const created = await createOffer(offerDeps, routes.createLandlordOffer.request.body.parse(body), caller);
  const closesAt = new Date(publishedAt.getTime() + durationMs(env.APPLICATION_WINDOW!)).toISOString();
  const appliedAt = publishedAt.toISOString();
  const items = applicants.flatMap((applicant, index) => {
    const application: Application = {
      offerId: created.offerId,
      employeeId: applicant.employeeId,
      status: 'SUBMITTED',
      appliedAt,
      updatedAt: appliedAt,
      offer: {
        offerId: created.offerId,
        residenceName: body.residenceName,
        commune: body.commune,
        typology: 'T3',
        rentEuros: body.rentEuros,
        chargesEuros: body.chargesEuros,
        closesAt,
      },
      contact: { firstName: applicant.firstName, email: applicant.email },
      scoringFacts: benchScoringFacts(index, appliedAt),
    };
    const profile =
      applicant.withProfile === false
        ? []
        : [
            {
              ...employeeToItem({
                id: applicant.employeeId,
                email: applicant.email,
                civility: 'Mme',
                firstName: applicant.firstName,
                lastName: 'Banc',
                phone: '+33612345678',
                nud: `0750${String(1_000_000_000 + index)}`,
                siret: demoCompanies[index % demoCompanies.length]!.siret,
                consent: { acceptedAt: appliedAt, textVersion: 'bench' },
                registeredAt: appliedAt,
                account: 'ACTIVE',
                employment: { status: 'CONFIRMED' },
              }),
              activeApplications: 1,
              // A file the re-check at the close finds complete (issue #13 item 2): a valid NUD and every required document.
              nudFirstRegisteredOn: appliedAt.slice(0, 10),
            },
            ...receivedDocumentItems(applicant.employeeId, requiredDocumentTypes(documentRules), appliedAt, 'bench'),
          ];
    return [applicationToItem(application), ...profile];
  });
  await batchWrite(db, env.TABLE_NAME!, items);
  // A real account's count of active applications goes up as "Je postule" does; the lifecycle takes it down again.
  for (const applicant of applicants.filter(({ withProfile }) => withProfile === false)) {
    await db.send(
      new UpdateCommand({
        TableName: env.TABLE_NAME!,
        Key: employeeKey(applicant.employeeId),
        UpdateExpression: 'ADD activeApplications :one',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
  }
  await publishOffer(offerDeps, created.offerId, caller);
  sfn.destroy();
  return { offerId: created.offerId, closesAt };
}

/** Waits until the outbox has no pending notification, so a run does not measure the previous run's e-mails being sent. */
export async function outboxDrained(target: BenchTarget, db: DynamoDBDocumentClient): Promise<void> {
  await waitFor(
    'the outbox to drain',
    async () => {
      const { Items } = await db.send(
        new QueryCommand({
          TableName: target.environment.TABLE_NAME!,
          IndexName: 'GSI3',
          KeyConditionExpression: 'GSI3PK = :pending',
          ExpressionAttributeValues: { ':pending': 'OUTBOX#PENDING' },
          Limit: 1,
        }),
      );
      return (Items ?? []).length === 0 ? true : undefined;
    },
    300_000,
    500,
  );
}

const applicantCount = 2_000;
const runs = 3;

/**
 * The robot (`closeAndScore`, the task's own code with hand-built deps on the bench cloud's
 * DynamoDB Local) on an offer with 2,000 applications, against the raw calls it cannot do
 * without (issue 15 item 3): the reads, a paginated Query of the same partition (the same key
 * condition, consistent reads, no parsing) and, for the re-check at the close (issue #13 item 2),
 * one Query of each applicant's partition, as many at once as the robot (`fileReadConcurrency`);
 * then, to tell every applicant, a raw BatchWriteItem of one item per application (25 per call,
 * as many calls at once as the robot writes, `robotWrites.writeConcurrency`). Two ratios: the
 * robot until its first write (read, parse, companies, grid, score, select) against the reads,
 * and the whole task (plus every outcome: the selected files' transactions, the others' outcome
 * items and e-mails, the record) against the reads and the BatchWriteItem. Each run needs a
 * fresh offer (the task is idempotent), so a run is: seed, outbox drained, baseline, subject;
 * one warm-up run, then medians of `runs`.
 */
export async function lifecycleRobotBenchmark(target: BenchTarget): Promise<Figure[]> {
  const env = target.environment;
  const db = documentClient(target);
  const store = lifecycleStore(db, env.TABLE_NAME!);
  const grids = scoringGridStore(db, env.TABLE_NAME!, { cacheMs: 60_000 });
  const readScoreSelect: number[] = [];
  const whole: number[] = [];
  const rawQuery: number[] = [];
  const rawBatchWrite: number[] = [];
  const outcomeWrites: number[] = [];
  const mailWrites: number[] = [];
  const rawApplicationsQuery: number[] = [];
  for (let run = 0; run <= runs; run += 1) {
    const applicants = Array.from({ length: applicantCount }, (_, index) => ({
      employeeId: randomUUID(),
      firstName: `Candidat${index}`,
      email: `candidat.${run}.${index}@bench.alin.local`,
    }));
    // Published now: its execution waits for the window, and the robot runs here with its clock at the close.
    const { offerId, closesAt } = await seedOfferWithApplications(target, db, applicants, new Date());
    await outboxDrained(target, db);

    let applicationsQueryMs = 0;
    const baselineMs = await time(async () => {
      const queryStarted = performance.now();
      let cursor: Record<string, unknown> | undefined;
      let count = 0;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: env.TABLE_NAME!,
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :applications)',
            ExpressionAttributeValues: { ':pk': offerKey(offerId).PK, ':applications': 'APPLICATION#' },
            ConsistentRead: true,
            ExclusiveStartKey: cursor,
          }),
        );
        count += page.Count ?? 0;
        cursor = page.LastEvaluatedKey;
      } while (cursor);
      if (count !== applicantCount) throw new Error(`raw Query read ${count} applications`);
      applicationsQueryMs = performance.now() - queryStarted;
      // The re-check at the close (issue #13 item 2) reads each applicant's partition: so does the baseline, as many at once.
      await mapLimit(applicants, fileReadConcurrency, (applicant) =>
        db.send(
          new QueryCommand({
            TableName: env.TABLE_NAME!,
            KeyConditionExpression: 'PK = :pk',
            ExpressionAttributeValues: { ':pk': employeeKey(applicant.employeeId).PK },
            ConsistentRead: true,
          }),
        ),
      );
    });

    // One item per application, in the applicant's partition, with a status, a score and a position.
    const batchWriteMs = await time(() =>
      mapLimit(chunks(applicants, 25), robotWrites.writeConcurrency, async (chunk) => {
        let pending = chunk.map((applicant, index) => ({
          PutRequest: {
            Item: {
              PK: employeeKey(applicant.employeeId).PK,
              SK: `BENCH_OUTCOME#${offerId}`,
              entity: 'BenchOutcome',
              status: 'NOT_SELECTED',
              score: 100 + index,
              position: 4 + index,
            },
          },
        }));
        while (pending.length > 0) {
          const { UnprocessedItems } = await db.send(new BatchWriteCommand({ RequestItems: { [env.TABLE_NAME!]: pending } }));
          pending = (UnprocessedItems?.[env.TABLE_NAME!] ?? []) as typeof pending;
        }
      }),
    );

    let firstWrite = 0;
    let outcomesMs = 0;
    let mailsMs = 0;
    const deps: LifecycleDeps = {
      store: {
        ...store,
        transact: (items) => {
          firstWrite ||= performance.now();
          return store.transact(items);
        },
        // The same two steps as the store's (outcomes, then e-mails), timed apart for the profile.
        writeOutcomes: async (outcomes, notifications, concurrency) => {
          firstWrite ||= performance.now();
          outcomesMs = await time(() => store.writeOutcomes(outcomes, [], concurrency));
          mailsMs = await time(() => store.writeOutcomes([], notifications, concurrency));
        },
      },
      grids,
      answers: { succeed: async () => false },
      appUrl: env.APP_URL!,
      closeCheck: { documents: documentRules, situation: situationRules, companies: companyEligibilityRules },
      now: () => new Date(Date.parse(closesAt) + 1_000),
      ...robotWrites,
    };
    const started = performance.now();
    const { selected } = await closeAndScore(deps, { offerId, commissionSeconds: 3600 });
    const ended = performance.now();
    if (selected !== 3) throw new Error(`the robot selected ${selected}`);
    const record = await store.record(offerId);
    if (record?.applicants !== applicantCount) throw new Error('the robot did not record every applicant');
    if (run === 0) continue;
    rawQuery.push(baselineMs);
    outcomeWrites.push(outcomesMs);
    mailWrites.push(mailsMs);
    rawBatchWrite.push(batchWriteMs);
    rawApplicationsQuery.push(applicationsQueryMs);
    readScoreSelect.push(firstWrite - started);
    whole.push(ended - started);
  }
  db.destroy();
  const rawReadsAndWrite = rawQuery.map((reads, index) => reads + rawBatchWrite[index]!);
  const details = {
    applications: applicantCount,
    runs,
    writeConcurrency: robotWrites.writeConcurrency,
    fileReadConcurrency,
    rawReadsMedianMs: median(rawQuery),
    rawApplicationsQueryMedianMs: median(rawApplicationsQuery),
    rawBatchWriteMedianMs: median(rawBatchWrite),
    rawReadsAndBatchWriteMedianMs: median(rawReadsAndWrite),
    robotUntilFirstWriteMedianMs: median(readScoreSelect),
    robotWholeTaskMedianMs: median(whole),
    robotOutcomeItemsMedianMs: median(outcomeWrites),
    robotMailItemsMedianMs: median(mailWrites),
  };
  // The figures behind the ratios, for the note (the results file keeps only the last run's).
  console.log(`BENCH-DETAILS lifecycle-robot ${JSON.stringify(details)}`);
  return [
    {
      name: 'robot-read-score-select-vs-raw-reads',
      value: median(readScoreSelect) / median(rawQuery),
      unit: 'ratio',
      goal: { op: '<=', value: 1.3 },
      details,
    },
    {
      name: 'robot-whole-task-vs-query-and-batchwrite',
      value: median(whole) / median(rawReadsAndWrite),
      unit: 'ratio',
      goal: { op: '<=', value: 1.5 },
      details,
    },
  ];
}
