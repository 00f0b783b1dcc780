import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyStore } from '#companies/company-store.ts';
import { backfillListKeys } from '#local/backfill-list-keys.ts';
import { landlordStore } from '#landlords/landlord-store.ts';
import { freshTable } from '../support/table.ts';

let table: Awaited<ReturnType<typeof freshTable>>;
beforeAll(async () => {
  table = await freshTable('backfill');
});
afterAll(async () => {
  await table?.drop();
});

describe('the list keys given to companies and landlords kept from an earlier run', () => {
  it('puts them in the operator’s lists once, and leaves everything else as it was', async () => {
    const at = '2025-01-05T09:00:00.000Z';
    // Items as the stores wrote them before the lists: no GSI1 key.
    const legacy = [
      {
        PK: 'COMPANY#43219876500013',
        SK: 'COMPANY',
        entity: 'Company',
        siret: '43219876500013',
        name: 'Ancienne Société',
        sector: 'private',
        headcount: 20,
        contributor: true,
        lastContributionEuros: 1_000,
        lastContributionYear: 2024,
        declaredAt: at,
        declaredBy: 'seed',
      },
      {
        PK: 'LANDLORD#7d0f3c4e-9a51-4b43-9f7e-2d7e9cf1a001',
        SK: 'LANDLORD',
        entity: 'Landlord',
        landlordId: '7d0f3c4e-9a51-4b43-9f7e-2d7e9cf1a001',
        name: 'Ancien Bailleur',
        createdAt: at,
        createdBy: 'seed',
      },
      { PK: 'OFFER#x', SK: 'OFFER', entity: 'Offer' },
    ];
    for (const item of legacy) await table.client.send(new PutCommand({ TableName: table.tableName, Item: item }));
    expect((await companyStore(table.client, table.tableName).list(10)).companies).toEqual([]);

    expect(await backfillListKeys(table.client, table.tableName)).toBe(2);
    expect((await companyStore(table.client, table.tableName).list(10)).companies.map((company) => company.name)).toEqual([
      'Ancienne Société',
    ]);
    expect((await landlordStore(table.client, table.tableName).list(10)).landlords.map((landlord) => landlord.name)).toEqual([
      'Ancien Bailleur',
    ]);
    expect(await table.get({ PK: 'OFFER#x', SK: 'OFFER' })).toEqual(legacy[2]);
    // A second start finds nothing left to do.
    expect(await backfillListKeys(table.client, table.tableName)).toBe(0);
  });
});
