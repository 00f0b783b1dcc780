import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { newNotification, notificationToItem } from '#notifications/outbox.ts';
import { sectorSchema } from './company-schemas.ts';

/** Company items: `PK = COMPANY#<siret>`, `SK = COMPANY`. Read by SIRET with one GetItem. */
export const companyKey = (siret: string) => ({ PK: `COMPANY#${siret}`, SK: 'COMPANY' });

export interface Company {
  readonly siret: string;
  readonly name: string;
  readonly sector: z.infer<typeof sectorSchema>;
  readonly headcount: number;
  readonly contributor: boolean;
  readonly lastContributionEuros: number;
  readonly lastContributionYear: number;
  readonly declaredAt: string;
  readonly declaredBy: string;
}

const companyItemSchema = z.object({
  entity: z.literal('Company'),
  siret: z.string(),
  name: z.string(),
  sector: sectorSchema,
  headcount: z.number(),
  contributor: z.boolean(),
  lastContributionEuros: z.number(),
  lastContributionYear: z.number(),
  declaredAt: z.string(),
  declaredBy: z.string(),
});

const companyToItem = (company: Company) => ({ ...companyKey(company.siret), entity: 'Company', ...company });
export const companyFromItem = (item: Record<string, unknown>): Company => {
  const { entity: _entity, ...company } = companyItemSchema.parse(item);
  return company;
};

export class CompanyAlreadyDeclared extends Error {
  override readonly name = 'CompanyAlreadyDeclared';
}

export interface CompanyStore {
  get(siret: string): Promise<Company | undefined>;
  /** Creates the company and, if any, its welcome notification in one transaction. */
  create(company: Company, welcomeEmailTo?: string): Promise<void>;
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
  };
}
