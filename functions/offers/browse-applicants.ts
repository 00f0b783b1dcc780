import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { employeeFromItem, employeeKey } from '#identity/employee-store.ts';
import { situationRecordFromItem, type Situation } from '#housing-file/situation-store.ts';

/** What browsing offers reads of the employee: the employer (for reservations) and "Ma situation". */
export interface BrowsingEmployee {
  readonly siret: string;
  readonly situation?: Situation;
}

export interface BrowsingEmployees {
  /** One GetItem of the employee's item; undefined when the housing file was never created. */
  get(employeeId: string): Promise<BrowsingEmployee | undefined>;
}

export function browsingEmployees(db: DynamoDBDocumentClient, tableName: string): BrowsingEmployees {
  return {
    async get(employeeId) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: employeeKey(employeeId) }));
      if (!Item) return undefined;
      const { situation } = situationRecordFromItem(Item);
      return { siret: employeeFromItem(Item).siret, ...(situation ? { situation } : {}) };
    },
  };
}
