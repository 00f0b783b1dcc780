import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { applicationStore } from '#applications/application-store.ts';
import { verdictRules } from '#applications/apply-verdict.ts';
import { companyStore } from '#companies/company-store.ts';
import { scoringGridStore } from '#scoring/grid-store.ts';
import { browseOffers, recentDepartments, type BrowseDeps } from '#applications/browse-use-cases.ts';
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
  /** `sent` and `answered` of each call, in the order they happened. */
  const events: string[] = [];
  base.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName).replace(/Command$/, '');
      calls.push(name);
      events.push('sent');
      try {
        return await next(args);
      } finally {
        events.push('answered');
      }
    },
    { step: 'initialize', name: 'countRoundTrips' },
  );
  return { db: DynamoDBDocumentClient.from(base), calls, events, destroy: () => base.destroy() };
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
    recentDepartments: recentDepartments(10),
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

  it('queries the departments of the caller’s previous tabs beside the file’s Query, and still answers from the file', async () => {
    const caller = { userId: claimsOf(await tokenOf('employee')).sub, roles: ['employee' as const] };
    const first = await browseOffers({ ...deps, recentDepartments: recentDepartments(10) }, { tab: 'neighbouring', limit: 20 }, caller);
    // The previous tabs queried 75 and 01: 01 is not in the file's plan (read, unused), 92, 93, 94 are queried after the file.
    const recent = recentDepartments(10);
    recent.set(caller.userId, ['01', '75']);
    counting.calls.length = 0;
    counting.events.length = 0;
    const page = await browseOffers({ ...deps, recentDepartments: recent }, { tab: 'neighbouring', limit: 20 }, caller);
    expect(page).toEqual(first);
    expect(counting.calls).toEqual(['Query', 'Query', 'Query', 'Query', 'Query', 'Query']);
    // The two early Queries and the file's are in flight together, before any answer.
    expect(counting.events.slice(0, 3)).toEqual(['sent', 'sent', 'sent']);
    expect(recent.get(caller.userId)).toEqual(['75', '92', '93', '94']);

    counting.calls.length = 0;
    counting.events.length = 0;
    expect(await browseOffers({ ...deps, recentDepartments: recent }, { tab: 'neighbouring', limit: 20 }, caller)).toEqual(first);
    // Now all five Queries leave at once: the request takes one round trip, not two.
    expect(counting.events.slice(0, 5)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
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

  it('forgets the departments of a caller whose tabs are empty', async () => {
    const recent = recentDepartments(10);
    recent.set('no-such-employee', ['75', '92']);
    await browseOffers(
      { ...deps, recentDepartments: recent },
      { tab: 'requested', limit: 20 },
      { userId: 'no-such-employee', roles: ['employee'] },
    );
    expect(recent.get('no-such-employee')).toEqual([]);
  });
});
