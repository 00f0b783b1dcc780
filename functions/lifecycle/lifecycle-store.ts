import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { QueryCommandOutput, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { applicationFromItem, applicationKey, applicationStore, type Application } from '#applications/application-store.ts';
import { robotOutcomeFromItem, robotOutcomeKey, robotOutcomeToItem, type RobotOutcome } from '#applications/robot-outcome.ts';
import { companyFromItem, companyKey, type Company } from '#companies/company-store.ts';
import { placeReleasedUpdate, placeTakenBackUpdate } from '#identity/employee-store.ts';
import { landlordUserSortPrefix, landlordUsersPartition } from '#landlords/landlord-store.ts';
import { notificationKey, notificationToItem, type Notification } from '#notifications/outbox.ts';
import { offerFromItem, offerKey, type Offer } from '#offers/offer-store.ts';
import { batchGetAll } from '#shared/batch-get.ts';
import { putAll } from '#shared/batch-write.ts';
import { mapLimit } from '#shared/bounded.ts';
import { queryAll } from '#shared/query-all.ts';
import type { ApplicationStatus } from '#applications/application-schemas.ts';
import type { CloseCheckFile } from './close-check.ts';
import { eventActors, lifecycleEventKinds, lifecycleStageSchema } from './lifecycle-schemas.ts';

/**
 * Storage of the offer lifecycle, the one module that builds its keys. Everything lives in the
 * offer's partition, beside the offer and its applications:
 * - the lifecycle record `OFFER#<id>` / `LIFECYCLE`: the stage, the robot's selection, the
 *   ranking, the current candidate and the task tokens (never returned by any route);
 * - the history `OFFER#<id>` / `EVENT#<at>#<kind>[#<applicationId>]`: one item per robot result, commission
 *   decision, timer outcome and answer, written in the transaction of the change it records.
 * Every change is one transaction guarded by a condition on the state it leaves, so a retried
 * task or a concurrent twin changes nothing twice; `transact` says whether the guard held.
 */
export const lifecycleKey = (offerId: string) => ({ PK: offerKey(offerId).PK, SK: 'LIFECYCLE' });
const eventPrefix = 'EVENT#';
/** Events of one kind at one instant (two skipped candidates) are told apart by the application they name. */
const eventKey = (offerId: string, at: string, kind: string, applicationId?: unknown) => ({
  PK: offerKey(offerId).PK,
  SK: `${eventPrefix}${at}#${kind}${typeof applicationId === 'string' ? `#${applicationId}` : ''}`,
});

const exclusionSchema = z.object({ employeeId: z.string(), reason: z.string() });

const lifecycleRecordSchema = z.object({
  offerId: z.string(),
  landlordId: z.string(),
  stage: lifecycleStageSchema,
  closedAt: z.string(),
  /** Until when the commission may rank (then a reminder); the callback's timeout follows it. */
  commissionDueAt: z.string(),
  applicants: z.int().min(0),
  gridVersion: z.string().optional(),
  /** Applications the re-check at the close left unscored (issue #13 item 2). */
  ineligible: z.int().min(0).optional(),
  /** The selection round under way (absent: the first); each later round starts from `reserve`. */
  round: z.int().min(1).optional(),
  /** Employee ids kept by the robot for the current round, best first. */
  selected: z.array(z.string()),
  /** The robot's next best files after the first round's selection, best first: what later rounds take. */
  reserve: z.array(z.string()).optional(),
  /** Employee ids in the order the dwelling is offered (the commission's, or the robot's). */
  ranking: z.array(z.string()).optional(),
  exclusions: z.array(exclusionSchema).optional(),
  decidedAt: z.string().optional(),
  decidedBy: z.enum(['commission', 'robot']).optional(),
  commissionToken: z.string().optional(),
  remindedAt: z.string().optional(),
  /** After the reminder, until when the commission may still rank. */
  graceDueAt: z.string().optional(),
  /** Index in `ranking` of the candidate offered the dwelling now. */
  candidateIndex: z.int().min(0).optional(),
  candidate: z.string().optional(),
  candidateToken: z.string().optional(),
  offeredUntil: z.string().optional(),
  attributedTo: z.string().optional(),
  unfilledReason: z.string().optional(),
  /** An unfilled offer the landlord republished: the new offer's id. */
  republishedAs: z.string().optional(),
  endedAt: z.string().optional(),
  updatedAt: z.string(),
});
export type LifecycleRecord = z.output<typeof lifecycleRecordSchema>;

const lifecycleEventSchema = z.object({
  offerId: z.string(),
  at: z.string(),
  kind: z.enum(lifecycleEventKinds),
  actor: z.enum(eventActors),
  /** Facts of the event: application ids (employee ids), positions, counts, reasons; no personal data. */
  details: z.record(z.string(), z.unknown()),
});
export type LifecycleEvent = z.output<typeof lifecycleEventSchema>;

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface LifecycleStore {
  offer(offerId: string): Promise<Offer | undefined>;
  /**
   * Marks the offer closed (`closedAt`, kept if already there): from then on, applying and
   * withdrawing are refused. True when this call closed it; false when it was closed already (a retry).
   */
  closeOffer(offerId: string, at: string): Promise<boolean>;
  record(offerId: string): Promise<LifecycleRecord | undefined>;
  /**
   * Every application of the offer, from one paginated Query of its partition (strongly
   * consistent), page by page: the next page is asked for while the caller works on the current one.
   */
  applicationPages(offerId: string): AsyncIterable<Application[]>;
  /** Some applications of the offer, by employee id (BatchGetItem, strongly consistent); missing ones are absent. */
  applicationsOf(offerId: string, employeeIds: readonly string[]): Promise<Map<string, Application>>;
  companies(sirets: readonly string[]): Promise<Map<string, Company>>;
  /** The robot's outcomes already written for these applicants of the offer (BatchGetItem, strongly consistent), by employee id. */
  robotOutcomes(offerId: string, employeeIds: readonly string[]): Promise<Map<string, RobotOutcome>>;
  /** Which of these outbox notifications exist already (BatchGetItem, strongly consistent). */
  notificationsWritten(ids: readonly string[]): Promise<Set<string>>;
  /**
   * The robot's not-selected files (issue 15 item 3): each outcome item, then each e-mail, put
   * unconditionally by BatchWriteItem, `concurrency` calls at once. The outcome's key (employee,
   * offer) makes a second put harmless; an e-mail already written must be left out by the caller
   * (`notificationsWritten`), since putting it again would make a sent one pending again.
   */
  writeOutcomes(outcomes: readonly RobotOutcome[], notifications: readonly Notification[], concurrency: number): Promise<void>;
  /**
   * The applicants' files as they stand now (profile, situation, documents), for the re-check at
   * the close: one Query of each employee's partition, `concurrency` at once; a missing profile is absent.
   */
  applicantFiles(employeeIds: readonly string[], concurrency: number): Promise<Map<string, CloseCheckFile>>;
  /** E-mail addresses of the landlord's users (offer managers and commission). */
  landlordRecipients(landlordId: string): Promise<string[]>;
  history(offerId: string): Promise<LifecycleEvent[]>;
  /** Writes the items in one transaction; false when one of their conditions did not hold. */
  transact(items: readonly TransactItem[]): Promise<boolean>;
  /**
   * Account erasure: the commission's free-text reasons about the applicant (on the record's
   * exclusions and in the events' ranking and exclusion entries) are replaced by `erasedReason`;
   * the applicant stays as his id, which names nobody once the account is gone. Safe to retry.
   */
  forgetReasons(offerId: string, employeeId: string): Promise<number>;
  readonly items: LifecycleItems;
}

/** What an erased applicant's commission reason becomes. */
const erasedReason = 'motif effacé (compte supprimé)';

/** Replaces the reason of the entries naming the applicant; undefined when none had one. */
function withoutReasonFor<Entry>(entries: readonly Entry[], names: (entry: Entry) => boolean): Entry[] | undefined {
  let changed = false;
  const next = entries.map((entry) => {
    if (!names(entry) || typeof entry !== 'object' || entry === null || !('reason' in entry) || entry.reason === erasedReason) return entry;
    changed = true;
    return { ...entry, reason: erasedReason };
  });
  return changed ? next : undefined;
}

/** Builders of the transaction items; each is a pure function of the change. */
export interface LifecycleItems {
  createRecord(record: LifecycleRecord): TransactItem;
  /** Updates the record if `condition` holds (an expression over `#stage` and the given values). */
  updateRecord(
    offerId: string,
    change: { set?: Record<string, unknown>; remove?: readonly string[] },
    condition: { expression: string; values?: Record<string, unknown> },
  ): TransactItem;
  /** Moves an application from one of `from` to `to`, with extra attributes, if `guard` (when given) also holds. */
  moveApplication(
    application: Pick<Application, 'offerId' | 'employeeId'>,
    from: readonly ApplicationStatus[],
    to: ApplicationStatus,
    set: Record<string, unknown>,
    guard?: { expression: string; values: Record<string, unknown> },
  ): TransactItem;
  /**
   * An application left an active status: the employee's count goes down (when the profile
   * still exists), and `previousSelection` records a selection without attribution (scoring).
   */
  releasePlace(employeeId: string, previousSelection?: string): TransactItem;
  /** A reserve file goes to the commission in a later round: active again (the count goes up). */
  takePlaceBack(employeeId: string): TransactItem;
  /** The robot's outcome of a file is withdrawn (a retried close selects a file it had not selected). */
  forgetOutcome(employeeId: string, offerId: string): TransactItem;
  notification(notification: Notification): TransactItem;
  event(event: LifecycleEvent): TransactItem;
  /** The offer leaves the reconciler's list of live lifecycles. */
  endOffer(offerId: string): TransactItem;
}

const stageName = { '#stage': 'stage' };

export const lifecycleItems = (tableName: string): LifecycleItems => ({
  createRecord: (record) => ({
    Put: {
      TableName: tableName,
      Item: { ...lifecycleKey(record.offerId), entity: 'OfferLifecycle', ...record },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  }),
  updateRecord: (offerId, change, condition) => {
    const names: Record<string, string> = { ...stageName };
    const values: Record<string, unknown> = { ...condition.values };
    const sets = Object.entries(change.set ?? {}).map(([name, value]) => {
      names[`#${name}`] = name;
      values[`:set_${name}`] = value;
      return `#${name} = :set_${name}`;
    });
    const removes = (change.remove ?? []).map((name) => {
      names[`#${name}`] = name;
      return `#${name}`;
    });
    return {
      Update: {
        TableName: tableName,
        Key: lifecycleKey(offerId),
        UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : '']
          .join(' ')
          .trim(),
        ConditionExpression: condition.expression,
        ExpressionAttributeNames: names,
        ...(Object.keys(values).length > 0 && { ExpressionAttributeValues: values }),
      },
    };
  },
  moveApplication: (application, from, to, set, guard) => {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = { ':to': to, ...guard?.values };
    const sets = ['#status = :to'];
    for (const [name, value] of Object.entries(set)) {
      names[`#${name}`] = name;
      values[`:${name}`] = value;
      sets.push(`#${name} = :${name}`);
    }
    const fromValues = from.map((status, index) => {
      values[`:from${index}`] = status;
      return `:from${index}`;
    });
    return {
      Update: {
        TableName: tableName,
        Key: applicationKey(application.offerId, application.employeeId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: `#status IN (${fromValues.join(', ')})${guard ? ` AND ${guard.expression}` : ''}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  },
  // An erased employee's change is refused whole: the task, reading again, finds the application gone and treats it as withdrawn.
  releasePlace: (employeeId, previousSelection) => placeReleasedUpdate(tableName, employeeId, previousSelection),
  takePlaceBack: (employeeId) => placeTakenBackUpdate(tableName, employeeId),
  forgetOutcome: (employeeId, offerId) => ({ Delete: { TableName: tableName, Key: robotOutcomeKey(employeeId, offerId) } }),
  notification: (notification) => ({ Put: { TableName: tableName, Item: notificationToItem(notification) } }),
  event: (event) => ({
    Put: {
      TableName: tableName,
      Item: { ...eventKey(event.offerId, event.at, event.kind, event.details.applicationId), entity: 'OfferEvent', ...event },
    },
  }),
  endOffer: (offerId) => ({
    Update: {
      TableName: tableName,
      Key: offerKey(offerId),
      UpdateExpression: 'REMOVE GSI3PK, GSI3SK',
      ConditionExpression: 'attribute_exists(PK)',
    },
  }),
});

export const lifecycleRecordFromItem = (item: Record<string, unknown>): LifecycleRecord => lifecycleRecordSchema.parse(item);

export function lifecycleStore(db: DynamoDBDocumentClient, tableName: string): LifecycleStore {
  const batchGet = (keys: readonly Record<string, unknown>[]) => batchGetAll(db, tableName, keys);
  const applicants = applicationStore(db, tableName);

  return {
    items: lifecycleItems(tableName),

    async offer(offerId) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: offerKey(offerId), ConsistentRead: true }));
      return Item ? offerFromItem(Item) : undefined;
    },

    async closeOffer(offerId, at) {
      const { Attributes } = await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: offerKey(offerId),
          UpdateExpression: 'SET closedAt = if_not_exists(closedAt, :at)',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':at': at },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return Attributes?.closedAt === undefined;
    },

    async record(offerId) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: lifecycleKey(offerId), ConsistentRead: true }));
      return Item ? lifecycleRecordFromItem(Item) : undefined;
    },

    async *applicationPages(offerId) {
      const page = (cursor?: Record<string, unknown>) =>
        db.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :applications)',
            ExpressionAttributeValues: { ':pk': offerKey(offerId).PK, ':applications': 'APPLICATION#' },
            ConsistentRead: true,
            ExclusiveStartKey: cursor,
          }),
        );
      let next: ReturnType<typeof page> | undefined = page();
      while (next) {
        const result: QueryCommandOutput = await next;
        const { Items = [], LastEvaluatedKey } = result;
        next = LastEvaluatedKey ? page(LastEvaluatedKey) : undefined;
        yield Items.map(applicationFromItem);
      }
    },

    async applicationsOf(offerId, employeeIds) {
      const items = await batchGet([...new Set(employeeIds)].map((employeeId) => applicationKey(offerId, employeeId)));
      return new Map(items.map(applicationFromItem).map((application) => [application.employeeId, application]));
    },

    async companies(sirets) {
      const items = await batchGet([...new Set(sirets)].map(companyKey));
      return new Map(items.map(companyFromItem).map((company) => [company.siret, company]));
    },

    async robotOutcomes(offerId, employeeIds) {
      const items = await batchGet([...new Set(employeeIds)].map((employeeId) => robotOutcomeKey(employeeId, offerId)));
      return new Map(items.map(robotOutcomeFromItem).map((outcome) => [outcome.employeeId, outcome]));
    },

    async notificationsWritten(ids) {
      const items = await batchGet([...new Set(ids)].map(notificationKey));
      return new Set(items.map((item) => String(item.id)));
    },

    async writeOutcomes(outcomes, notifications, concurrency) {
      // The outcomes first, then the e-mails: the notifier, woken by the first e-mail, then competes
      // with the e-mails' writes only; an e-mail a crash left unwritten is written by the retry.
      await putAll(db, tableName, outcomes.map(robotOutcomeToItem), concurrency);
      await putAll(db, tableName, notifications.map(notificationToItem), concurrency);
    },

    async applicantFiles(employeeIds, concurrency) {
      const files = await mapLimit([...new Set(employeeIds)], concurrency, async (id) => [id, await applicants.applicantFile(id)] as const);
      return new Map(files.flatMap(([id, file]) => (file ? [[id, file]] : [])));
    },

    async landlordRecipients(landlordId) {
      const items = await queryAll(db, {
        TableName: tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND begins_with(GSI2SK, :users)',
        ExpressionAttributeValues: { ':pk': landlordUsersPartition(landlordId), ':users': landlordUserSortPrefix },
      });
      return items.flatMap((item) => (typeof item.email === 'string' ? [item.email] : []));
    },

    async history(offerId) {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :events)',
        ExpressionAttributeValues: { ':pk': offerKey(offerId).PK, ':events': eventPrefix },
        ConsistentRead: true,
      });
      return items.map((item) => lifecycleEventSchema.parse(item));
    },

    async forgetReasons(offerId, employeeId) {
      let changed = 0;
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: lifecycleKey(offerId), ConsistentRead: true }));
      const record = Item ? lifecycleRecordFromItem(Item) : undefined;
      const exclusions = withoutReasonFor(record?.exclusions ?? [], (entry) => entry.employeeId === employeeId);
      if (record && exclusions) {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: lifecycleKey(offerId),
            UpdateExpression: 'SET exclusions = :exclusions',
            ExpressionAttributeValues: { ':exclusions': exclusions },
            ConditionExpression: 'attribute_exists(PK)',
          }),
        );
        changed += 1;
      }
      const events = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :events)',
        ExpressionAttributeValues: { ':pk': offerKey(offerId).PK, ':events': eventPrefix },
        ConsistentRead: true,
      });
      for (const item of events) {
        const details = lifecycleEventSchema.parse(item).details;
        let rewritten: Record<string, unknown> | undefined;
        for (const [name, value] of Object.entries(details)) {
          if (!Array.isArray(value)) continue;
          const entries = withoutReasonFor(value, (entry) => (entry as { applicationId?: unknown }).applicationId === employeeId);
          if (entries) rewritten = { ...(rewritten ?? details), [name]: entries };
        }
        if (!rewritten) continue;
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { PK: String(item.PK), SK: String(item.SK) },
            UpdateExpression: 'SET details = :details',
            ExpressionAttributeValues: { ':details': rewritten },
            ConditionExpression: 'attribute_exists(PK)',
          }),
        );
        changed += 1;
      }
      return changed;
    },

    async transact(items) {
      try {
        await db.send(new TransactWriteCommand({ TransactItems: [...items] }));
        return true;
      } catch (error) {
        const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
        if (reasons.some((reason) => reason.Code === 'ConditionalCheckFailed')) return false;
        throw error;
      }
    },
  };
}
