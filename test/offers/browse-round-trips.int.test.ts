import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { applicationStore } from '#applications/application-store.ts';
import { verdictRules } from '#applications/apply-verdict.ts';
import { companyStore } from '#companies/company-store.ts';
import { scoringGridStore } from '#scoring/grid-store.ts';
import { browseOffers, type BrowseDeps } from '#applications/browse-use-cases.ts';
import { planTabs } from '#offers/eligibility/tabs.ts';
import { offerStore } from '#offers/offer-store.ts';
import { loadGeography } from '#offers/reference/geography.ts';
import { cloud, tokenOf } from '../support/api.ts';
import { claimsOf } from '../support/employees.ts';

/** A document client that counts the DynamoDB operations it sends, by name. */
function countingClient() {
  const env = cloud().environment;
  const base = new DynamoDBClient({
    endpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
    region: env.AWS_REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const calls: string[] = [];
  base.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(String(context.commandName).replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name: 'countRoundTrips' },
  );
  return { db: DynamoDBDocumentClient.from(base), calls, destroy: () => base.destroy() };
}

const demoRequested = ['75056', '92012', '92040'];

describe('round trips of the tabs', () => {
  const counting = countingClient();
  afterAll(() => counting.destroy());
  const tableName = cloud().environment.TABLE_NAME!;
  const deps: BrowseDeps = {
    offers: offerStore(counting.db, tableName),
    files: applicationStore(counting.db, tableName),
    companies: companyStore(counting.db, tableName),
    grids: scoringGridStore(counting.db, tableName),
    rules: verdictRules,
    geography: loadGeography,
    now: () => new Date(),
  };

  it('reads the employee’s file once (one Query) and queries each department concerned once (the design minimum)', async () => {
    const caller = { userId: claimsOf(await tokenOf('employee')).sub, roles: ['employee' as const] };
    // Paris and two Hauts-de-Seine communes: their departments and those of their neighbours.
    const departments = planTabs(demoRequested, await loadGeography()).departmentsToQuery;
    expect(departments).toEqual(['75', '92', '93', '94']);
    counting.calls.length = 0;
    const page = await browseOffers(deps, { tab: 'requested', limit: 20 }, caller);
    expect(page.counts.requested).toBeGreaterThan(0);
    const counts = Object.fromEntries(['GetItem', 'Query'].map((name) => [name, counting.calls.filter((call) => call === name).length]));
    console.log(`ROUND TRIPS tabs: ${JSON.stringify(counts)} for departments ${departments.join(', ')} (total ${counting.calls.length})`);
    expect(counts).toEqual({ GetItem: 0, Query: 5 });
    expect(counting.calls).toHaveLength(5);
  });

  it('makes one round trip, the Query of the file, for an employee without a file, and says what is missing', async () => {
    counting.calls.length = 0;
    const page = await browseOffers(deps, { tab: 'requested', limit: 20 }, { userId: 'no-such-employee', roles: ['employee'] });
    expect(page).toEqual({
      tab: 'requested',
      offers: [],
      counts: { requested: 0, neighbouring: 0, department: 0 },
      message: expect.stringContaining('Dossier incomplet : vous ne recevrez aucune offre'),
      missing: [{ code: 'file-missing', message: expect.any(String), fixAt: '/ma-situation' }],
    });
    expect(counting.calls).toEqual(['Query']);
  });
});
