import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  applicationCountersFromItem,
  applyingUpdate,
  employeeFromItem,
  employeeKey,
  withdrawingUpdate,
  type Employee,
} from '#identity/employee-store.ts';
import { documentFromItem, type StoredDocument } from '#housing-file/document-store.ts';
import { situationRecordFromItem, type SituationRecord } from '#housing-file/situation-store.ts';
import { offerFromItem, offerKey, type Offer } from '#offers/offer-store.ts';
import { notificationToItem, type Notification } from '#notifications/outbox.ts';
import { batchGetAll } from '#shared/batch-get.ts';
import { logger } from '#shared/powertools.ts';
import { queryAll } from '#shared/query-all.ts';
import { scoringFactsSchema } from '#scoring/scoring-facts.ts';
import { applicationStatusSchema, closeCheckReasonSchema, offerSummarySchema, scoreLineSchema } from './application-schemas.ts';
import { activeApplicationsOf, isRobotOutcomeItem, robotOutcomeFromItem, robotOutcomeKey, type RobotOutcome } from './robot-outcome.ts';

/**
 * Applications ("Je postule"), the one module that builds application keys.
 * - Application: `PK = OFFER#<offerId>`, `SK = APPLICATION#<employeeId>`: one per employee and
 *   offer (the key is the idempotency), and the robot reads an offer's applications with one
 *   Query on the offer's partition (`begins_with(SK, 'APPLICATION#')`).
 * - GSI1 `EMPLOYEE#<employeeId>#APPLICATIONS` / `<appliedAt>#<offerId>`: "Mes candidatures".
 * - `activeApplications` on the employee's profile item counts the applications in an active
 *   status (SUBMITTED, SELECTED, RANKED, OFFERED: the employee may yet get the dwelling); every
 *   move out of one decrements it in its transaction, and the apply transaction guards the cap
 *   with it (the identity area's `applyingUpdate`).
 * - The offer's `applicantCount` moves in the same transactions.
 */
const applicationSortPrefix = 'APPLICATION#';
export const applicationKey = (offerId: string, employeeId: string) => ({
  PK: offerKey(offerId).PK,
  SK: `${applicationSortPrefix}${employeeId}`,
});
export const employeeApplicationsPartition = (employeeId: string) => `EMPLOYEE#${employeeId}#APPLICATIONS`;
const employeeApplicationsIndexKey = (employeeId: string, appliedAt: string, offerId: string) => ({
  GSI1PK: employeeApplicationsPartition(employeeId),
  GSI1SK: `${appliedAt}#${offerId}`,
});

const applicationSchema = z.object({
  offerId: z.string(),
  employeeId: z.string(),
  status: applicationStatusSchema,
  appliedAt: z.string(),
  updatedAt: z.string(),
  offer: offerSummarySchema,
  /** Rank once the commission has ranked it (1 = first offered). */
  position: z.int().min(1).optional(),
  /** Filled by the scoring robot (lifecycle issue). */
  score: z.number().optional(),
  /** One line per criterion of the grid, with its French explanation (the *cotation* is shown to the applicant). */
  scoreBreakdown: z.array(scoreLineSchema).optional(),
  gridVersion: z.string().optional(),
  withdrawnAt: z.string().optional(),
  /** Until when the offered candidate may accept (status OFFERED and after). */
  offeredUntil: z.string().optional(),
  answeredAt: z.string().optional(),
  /** The commission's reason, for a ranked file (e.g. disability, urgency) or an excluded one. */
  commissionReason: z.string().optional(),
  /** Why the re-check at the close left it unscored (status NOT_ELIGIBLE_AT_CLOSE). */
  closeCheckReasons: z.array(closeCheckReasonSchema).optional(),
  /** The selection round in which it went to the commission (absent: the first). */
  round: z.int().min(1).optional(),
  /** Where the lifecycle writes to the applicant, copied at apply time (erased with the application). */
  contact: z.object({ firstName: z.string(), email: z.string() }),
  /** Its place in the offer's ranking (GSI2SK, `rankingSortKey`) from "Je postule" until withdrawn. */
  rankingKey: z.string().optional(),
  /** The applicant's scoring facts when applying; the robot scores from them. */
  scoringFacts: scoringFactsSchema,
});
export type Application = z.output<typeof applicationSchema>;

const applicationItemSchema = applicationSchema.extend({ entity: z.literal('Application') });

/** The offer's ranking partition of GSI2: its open applications ordered as the robot ranks them (`rankingSortKey`). */
const offerRankingPartition = (offerId: string) => `OFFER#${offerId}#RANKING`;

/** The item; with a `rankingKey`, the application is in its offer's ranking (GSI2) for its live position. */
export const applicationToItem = (application: Application) => ({
  ...applicationKey(application.offerId, application.employeeId),
  ...employeeApplicationsIndexKey(application.employeeId, application.appliedAt, application.offerId),
  ...(application.rankingKey ? { GSI2PK: offerRankingPartition(application.offerId), GSI2SK: application.rankingKey } : {}),
  entity: 'Application',
  ...application,
});

export const applicationFromItem = (item: Record<string, unknown>): Application => {
  const { entity: _entity, ...application } = applicationItemSchema.parse(item);
  return application;
};

/** Everything applying needs to know about the employee, from one Query of the employee's partition. */
interface ApplicantFile {
  readonly employee: Employee;
  readonly situation: SituationRecord;
  readonly documents: StoredDocument[];
  /** Applications in an active status: the profile's count less the places the robot freed at a close (`robot-outcome.ts`). */
  readonly activeApplications: number;
  /** Places the robot freed at a close (its outcome items): the profile's count still holds them, so the apply transaction's ceiling is the cap plus these. */
  readonly placesFreedAtClose: number;
  /** The robot's outcome for one offer's application, when it did not select the file (read only when asked). */
  readonly robotOutcomeFor: (offerId: string) => RobotOutcome | undefined;
}

/** Why the apply transaction was refused (checked in this order). */
export class ApplyRefused extends Error {
  override readonly name = 'ApplyRefused';
  constructor(readonly on: 'exists' | 'window' | 'cap') {
    super(`apply refused on ${on}`);
  }
}

export class WithdrawRefused extends Error {
  override readonly name = 'WithdrawRefused';
  constructor(readonly on: 'status' | 'window') {
    super(`withdraw refused on ${on}`);
  }
}

interface ApplicationPage {
  readonly applications: Application[];
  readonly cursor?: Record<string, unknown>;
}

export interface ApplicationStore {
  /** The offer and the employee's application to it, in one BatchGetItem (strongly consistent). */
  offerAndApplication(offerId: string, employeeId: string): Promise<{ offer?: Offer; application?: Application }>;
  get(offerId: string, employeeId: string): Promise<Application | undefined>;
  /** The employee's profile and documents: one Query of the partition; undefined without a profile. */
  applicantFile(employeeId: string): Promise<ApplicantFile | undefined>;
  /**
   * One transaction: the application (absent, or withdrawn before), the offer's `applicantCount`
   * +1 if still published and open at `now`, the employee's `activeApplications` +1 if under `cap`,
   * and the e-mail that confirms it.
   */
  submit(application: Application, now: string, cap: number, notification: Notification): Promise<void>;
  /**
   * One transaction: the application SUBMITTED → WITHDRAWN, both counters −1, if the offer is
   * still open; with the e-mail that confirms it, if any (an erasure withdraws without one).
   */
  withdraw(application: Application, now: string, notification?: Notification): Promise<void>;
  listByEmployee(employeeId: string, limit: number, cursor?: Record<string, unknown>): Promise<ApplicationPage>;
  /**
   * The live position of an application in its offer's ranking: 1 + the applications whose
   * ranking key sorts before `rankingKey`. One Query that counts (`Select: COUNT`) on GSI2, paged
   * on only when DynamoDB stops at 1 MB read (about 600 applications ahead).
   */
  countAhead(offerId: string, rankingKey: string): Promise<number>;
  /**
   * In one BatchGetItem (per 100 keys): the applicant counts of `countOffers`, and the robot's
   * outcomes of the employee's files among `outcomeOffers` (its not-selected ones), by offer id.
   */
  countsAndOutcomes(
    employeeId: string,
    countOffers: readonly string[],
    outcomeOffers: readonly string[],
  ): Promise<{ counts: Map<string, number>; outcomes: Map<string, RobotOutcome> }>;
  /** Deletes the application item (account erasure). */
  remove(offerId: string, employeeId: string): Promise<void>;
  /** Every application the employee ever made, from the offers recorded on the profile (strongly consistent). */
  allOf(employeeId: string): Promise<Application[]>;
}

export function applicationStore(db: DynamoDBDocumentClient, tableName: string): ApplicationStore {
  // `closedAt` is set by the robot before it reads the applications: an application committed
  // after that read would never be scored, so it is refused like one after `closesAt`.
  const offerStillOpen = {
    ConditionExpression: '#status = :published AND closesAt > :now AND attribute_not_exists(closedAt)',
    ExpressionAttributeNames: { '#status': 'status' },
  };

  return {
    async offerAndApplication(offerId, employeeId) {
      const { Responses } = await db.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: [offerKey(offerId), applicationKey(offerId, employeeId)], ConsistentRead: true } },
        }),
      );
      const items = Responses?.[tableName] ?? [];
      const offerItem = items.find((item) => item.SK === offerKey(offerId).SK);
      const applicationItem = items.find((item) => item.SK === applicationKey(offerId, employeeId).SK);
      return {
        offer: offerItem ? offerFromItem(offerItem) : undefined,
        application: applicationItem ? applicationFromItem(applicationItem) : undefined,
      };
    },

    async get(offerId, employeeId) {
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: applicationKey(offerId, employeeId), ConsistentRead: true }),
      );
      return Item ? applicationFromItem(Item) : undefined;
    },

    async applicantFile(employeeId) {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': employeeKey(employeeId).PK },
        ConsistentRead: true,
      });
      const profile = items.find((item) => item.SK === employeeKey(employeeId).SK);
      if (!profile) return undefined;
      return {
        employee: employeeFromItem(profile),
        situation: situationRecordFromItem(profile),
        documents: items.filter((item) => item.entity === 'Document').map(documentFromItem),
        activeApplications: activeApplicationsOf(applicationCountersFromItem(profile).activeApplications, items),
        placesFreedAtClose: items.filter(isRobotOutcomeItem).length,
        robotOutcomeFor: (offerId) => {
          const item = items.find((candidate) => candidate.SK === robotOutcomeKey(employeeId, offerId).SK);
          return item ? robotOutcomeFromItem(item) : undefined;
        },
      };
    },

    async submit(application, now, cap, notification) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: applicationToItem(application),
                  ConditionExpression: 'attribute_not_exists(PK) OR #status = :withdrawn',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':withdrawn': 'WITHDRAWN' },
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: offerKey(application.offerId),
                  UpdateExpression: 'ADD applicantCount :one',
                  ...offerStillOpen,
                  ExpressionAttributeValues: { ':one': 1, ':published': 'PUBLISHED', ':now': now },
                },
              },
              applyingUpdate(tableName, application.employeeId, application.offerId, cap),
              { Put: { TableName: tableName, Item: notificationToItem(notification) } },
            ],
          }),
        );
      } catch (error) {
        const on = refusal(error, ['exists', 'window', 'cap'] as const);
        if (on) throw new ApplyRefused(on);
        throw error;
      }
    },

    async withdraw(application, now, notification) {
      // The caller's count −1; a count already at 0 or below (an inconsistency: nothing to
      // release) is set to 0 instead, and without a profile (erased) no count is touched.
      const counters = [
        withdrawingUpdate(tableName, application.employeeId),
        counterRepair(tableName, application.employeeId),
        withdrawingUpdate(tableName, application.employeeId),
        undefined,
      ];
      for (const [attempt, counter] of counters.entries()) {
        try {
          await db.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: tableName,
                    Key: applicationKey(application.offerId, application.employeeId),
                    // Out of the offer's ranking (GSI2): a withdrawn application has no live position.
                    UpdateExpression: 'SET #status = :withdrawn, withdrawnAt = :now, updatedAt = :now REMOVE GSI2PK, GSI2SK, rankingKey',
                    ConditionExpression: '#status = :submitted',
                    ExpressionAttributeNames: { '#status': 'status' },
                    ExpressionAttributeValues: { ':withdrawn': 'WITHDRAWN', ':submitted': 'SUBMITTED', ':now': now },
                  },
                },
                {
                  Update: {
                    TableName: tableName,
                    Key: offerKey(application.offerId),
                    UpdateExpression: 'ADD applicantCount :minusOne',
                    ...offerStillOpen,
                    ExpressionAttributeValues: { ':minusOne': -1, ':published': 'PUBLISHED', ':now': now },
                  },
                },
                ...(counter ? [counter] : []),
                ...(notification ? [{ Put: { TableName: tableName, Item: notificationToItem(notification) } }] : []),
              ],
            }),
          );
          if (attempt > 0)
            logger.warn('Withdrawal with an inconsistent active applications count', { offerId: application.offerId, attempt });
          return;
        } catch (error) {
          const on = refusal(error, ['status', 'window', 'counter'] as const);
          if (on === 'counter') continue;
          if (on) throw new WithdrawRefused(on);
          throw error;
        }
      }
    },

    async allOf(employeeId) {
      const { Item } = await db.send(
        new GetCommand({
          TableName: tableName,
          Key: employeeKey(employeeId),
          ConsistentRead: true,
          ProjectionExpression: 'appliedOfferIds',
        }),
      );
      const offerIds = applicationCountersFromItem(Item ?? {}).appliedOfferIds;
      const items = await Promise.all(
        offerIds.map((offerId) =>
          db.send(new GetCommand({ TableName: tableName, Key: applicationKey(offerId, employeeId), ConsistentRead: true })),
        ),
      );
      return items.flatMap(({ Item }) => (Item ? [applicationFromItem(Item)] : []));
    },
    async countAhead(offerId, rankingKey) {
      let ahead = 0;
      let cursor: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'GSI2',
            KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK < :key',
            ExpressionAttributeValues: { ':pk': offerRankingPartition(offerId), ':key': rankingKey },
            Select: 'COUNT',
            ExclusiveStartKey: cursor,
          }),
        );
        ahead += page.Count ?? 0;
        cursor = page.LastEvaluatedKey;
      } while (cursor);
      return ahead;
    },

    async countsAndOutcomes(employeeId, countOffers, outcomeOffers) {
      const keys = [
        ...[...new Set(countOffers)].map(offerKey),
        ...[...new Set(outcomeOffers)].map((offerId) => robotOutcomeKey(employeeId, offerId)),
      ];
      // Counts read eventually consistent, as before; the outcomes need no more (written once, before the record).
      const items = keys.length > 0 ? await batchGetAll(db, tableName, keys, { consistent: false }) : [];
      return {
        counts: new Map(
          items
            .filter((item) => !isRobotOutcomeItem(item))
            .map(offerFromItem)
            .map((offer) => [offer.offerId, offer.applicantCount]),
        ),
        outcomes: new Map(
          items
            .filter(isRobotOutcomeItem)
            .map(robotOutcomeFromItem)
            .map((outcome) => [outcome.offerId, outcome]),
        ),
      };
    },

    async remove(offerId, employeeId) {
      await db.send(new DeleteCommand({ TableName: tableName, Key: applicationKey(offerId, employeeId) }));
    },

    async listByEmployee(employeeId, limit, cursor) {
      const { Items = [], LastEvaluatedKey } = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': employeeApplicationsPartition(employeeId) },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: cursor,
        }),
      );
      return { applications: Items.map(applicationFromItem), cursor: LastEvaluatedKey };
    },
  };
}

/** The first transaction item whose condition failed, named; undefined for anything else. */
/** Sets an inconsistent count (0 or below) back to 0, if the profile exists. */
const counterRepair = (tableName: string, employeeId: string) => ({
  Update: {
    TableName: tableName,
    Key: employeeKey(employeeId),
    UpdateExpression: 'SET activeApplications = :zero',
    ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(activeApplications) OR activeApplications <= :zero)',
    ExpressionAttributeValues: { ':zero': 0 },
  },
});

function refusal<T extends string>(error: unknown, names: readonly T[]): T | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const reasons = error.CancellationReasons ?? [];
  const index = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
  return index >= 0 ? names[index] : undefined;
}
