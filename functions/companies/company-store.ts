import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { randomUUID } from 'node:crypto';
import { newNotification, notificationToItem } from '#notifications/outbox.ts';
import { queryAll } from '#shared/query-all.ts';
import { listPartitionPage } from '#shared/list-partition.ts';
import { sortableName } from '#shared/sortable-name.ts';
import { companyFigureFields, sectorSchema } from './company-schemas.ts';

/**
 * Company items: `PK = COMPANY#<siret>`, `SK = COMPANY`. Read by SIRET with one GetItem.
 * Each change of its figures is a history item in the same partition, `SK = HISTORY#<at>#<id>`
 * (one Query lists them), written in the same transaction as the change.
 * Every company is also in the operator's list: GSI1 `COMPANIES` / `<name, folded>#<siret>`
 * (alphabetical order; the name never changes after the declaration).
 */
export const companyKey = (siret: string) => ({ PK: `COMPANY#${siret}`, SK: 'COMPANY' });
const companiesListPartition = 'COMPANIES';
export const companyListKey = (company: Pick<Company, 'name' | 'siret'>) => ({
  GSI1PK: companiesListPartition,
  GSI1SK: `${sortableName(company.name)}#${company.siret}`,
});
const historyPrefix = 'HISTORY#';
const companyHistoryKey = (siret: string, at: string, id: string) => ({ PK: companyKey(siret).PK, SK: `${historyPrefix}${at}#${id}` });

const figuresSchema = z.object({
  sector: sectorSchema,
  headcount: z.number(),
  contributor: z.boolean(),
  lastContributionEuros: z.number(),
  lastContributionYear: z.number(),
});

const companySchema = figuresSchema.extend({
  siret: z.string(),
  name: z.string(),
  declaredAt: z.string(),
  declaredBy: z.string(),
  /** Last change of the figures; absent until the first one. */
  updatedAt: z.string().optional(),
  /** Bumped by each change: a change is written only over the revision it was computed from. */
  revision: z.int().optional(),
  /**
   * The figures in force before each change, oldest first, each with the instant it stopped
   * being in force, so that the robot reads the figures in force when a window closed.
   */
  previousFigures: z.array(figuresSchema.extend({ until: z.string() })).optional(),
});
export type Company = z.output<typeof companySchema>;

const companyItemSchema = companySchema.extend({ entity: z.literal('Company') });

/**
 * The figures in force at an instant: those superseded after it, else the current ones. A
 * company read without its history (or declared after the instant) answers its current figures.
 */
export function companyFiguresAt<C extends Company>(company: C, at: Date): C {
  const instant = at.toISOString();
  const previous = company.previousFigures?.find((figures) => figures.until > instant);
  if (!previous) return company;
  const { until: _until, ...figures } = previous;
  return { ...company, ...figures };
}

/** One change of the company's figures, as the operator reads it in the history. */
const historyEntrySchema = z.object({
  siret: z.string(),
  at: z.string(),
  by: z.string(),
  role: z.enum(['company', 'operator']),
  changes: z.array(
    z.object({
      field: z.enum(companyFigureFields),
      from: z.union([z.number(), z.boolean(), z.string()]),
      to: z.union([z.number(), z.boolean(), z.string()]),
    }),
  ),
  eligibleBefore: z.boolean(),
  eligibleAfter: z.boolean(),
});
export type CompanyHistoryEntry = z.output<typeof historyEntrySchema>;

const companyToItem = (company: Company) => ({ ...companyKey(company.siret), ...companyListKey(company), entity: 'Company', ...company });
export const companyFromItem = (item: Record<string, unknown>): Company => {
  const { entity: _entity, ...company } = companyItemSchema.parse(item);
  return company;
};

export class CompanyAlreadyDeclared extends Error {
  override readonly name = 'CompanyAlreadyDeclared';
}

/** The company changed (or vanished) between the read and the write. */
export class CompanyChanged extends Error {
  override readonly name = 'CompanyChanged';
}

export interface CompanyStore {
  get(siret: string): Promise<Company | undefined>;
  /** Creates the company and, if any, its welcome notification in one transaction. */
  create(company: Company, welcomeEmailTo?: string): Promise<void>;
  /**
   * Replaces the company (new figures, the former ones appended to `previousFigures`) and writes
   * its history entry, in one transaction, provided the stored revision is still `asRead`.
   */
  update(company: Company, asRead: number | undefined, entry: CompanyHistoryEntry): Promise<void>;
  /** Every change of the company's figures, oldest first (one paginated Query). */
  history(siret: string): Promise<CompanyHistoryEntry[]>;
  /** One page of every company, by name (GSI1); an item that does not read as a company is left out and named. */
  list(
    limit: number,
    cursor?: Record<string, string>,
  ): Promise<{ companies: Company[]; cursor?: Record<string, unknown>; unreadable: string[] }>;
}

export function companyStore(db: DynamoDBDocumentClient, tableName: string): CompanyStore {
  return {
    async get(siret) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: companyKey(siret) }));
      return Item ? companyFromItem(Item) : undefined;
    },
    async create(company, welcomeEmailTo) {
      const notification = welcomeEmailTo
        ? newNotification({
            template: 'company-declared',
            to: welcomeEmailTo,
            params: { companyName: company.name, siret: company.siret },
            createdAt: company.declaredAt,
          })
        : undefined;
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: companyToItem(company),
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              ...(notification ? [{ Put: { TableName: tableName, Item: notificationToItem(notification) } }] : []),
            ],
          }),
        );
      } catch (error) {
        const reasons = error instanceof TransactionCanceledException ? error.CancellationReasons : undefined;
        // A concurrent declaration of the same SIRET cancels ours with TransactionConflict.
        if (reasons?.[0]?.Code === 'ConditionalCheckFailed' || reasons?.[0]?.Code === 'TransactionConflict') {
          throw new CompanyAlreadyDeclared();
        }
        throw error;
      }
    },
    async update(company, asRead, entry) {
      const guard =
        asRead === undefined
          ? { ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(revision)' }
          : { ConditionExpression: 'revision = :asRead', ExpressionAttributeValues: { ':asRead': asRead } };
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: companyToItem(company), ...guard } },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...companyHistoryKey(entry.siret, entry.at, randomUUID()), entity: 'CompanyHistory', ...entry },
                },
              },
            ],
          }),
        );
      } catch (error) {
        const code = error instanceof TransactionCanceledException ? error.CancellationReasons?.[0]?.Code : undefined;
        if (code === 'ConditionalCheckFailed' || code === 'TransactionConflict') throw new CompanyChanged();
        throw error;
      }
    },
    async history(siret) {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :history)',
        ExpressionAttributeValues: { ':pk': companyKey(siret).PK, ':history': historyPrefix },
      });
      return items.map((item) => historyEntrySchema.parse(item));
    },
    async list(limit, cursor) {
      const page = await listPartitionPage(
        db,
        { tableName, partition: companiesListPartition, schema: companyItemSchema, fromItem: companyFromItem },
        limit,
        cursor,
      );
      return { companies: page.entries, cursor: page.cursor, unreadable: page.unreadable };
    },
  };
}
