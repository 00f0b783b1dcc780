import { companyStore } from '#companies/company-store.ts';
import { scoringGridStore } from '#scoring/grid-store.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { applicationRules } from '#applications/application-rules.ts';
import { applicationStore } from '#applications/application-store.ts';
import { apply, listMyApplications, withdraw, type ApplicationDeps } from '#applications/application-use-cases.ts';
import { documentRules } from '#housing-file/document-rules.ts';
import { situationRules } from '#housing-file/situation-rules.ts';
import { loadGeography } from '#offers/reference/geography.ts';
import type { Principal } from '#shared/auth.ts';
import { UnprocessableError } from '#shared/errors.ts';
import { cloud, tokenOf } from '../support/api.ts';
import { claimsOf } from '../support/employees.ts';
import { applicantCountOf, employeeWithCompleteFile, publishedOffer } from './support.ts';

/**
 * The minimum round trips of applying (DESIGN §7), counted at the client:
 * 1. BatchGetItem of the offer and the caller's application, in parallel with
 * 2. one Query of the employee's partition (profile, situation, NUD dates, documents, count);
 * 3. one TransactWriteItems (application, offer count, employee count, confirmation e-mail).
 * A repeat stops after the reads: 2.
 */
/**
 * The offer with the application, the file, the employer and the grids (the provisional score of
 * the ranking key, from the store's cache when it read them under a minute ago), the transaction.
 */
const applyRoundTrips = 5;
/** The same within the grid cache's minute: the grids are not read again. */
const warmApplyRoundTrips = 4;
const repeatRoundTrips = 2;

const env = cloud().environment;
const calls: string[] = [];
/** The Queries sent, as DynamoDB receives them: which index, whether they only count. */
const queries: { IndexName?: string; Select?: string }[] = [];
const client = new DynamoDBClient({
  endpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
  region: env.AWS_REGION,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});
client.middlewareStack.add(
  (next, context) => async (args) => {
    calls.push(String(context.commandName));
    if (context.commandName === 'QueryCommand') {
      const { IndexName, Select } = args.input as { IndexName?: string; Select?: string };
      queries.push({ IndexName, Select });
    }
    return next(args);
  },
  { step: 'initialize', name: 'countRoundTrips' },
);
const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
afterAll(() => client.destroy());

const depsWith = (maxActiveApplications = applicationRules.maxActiveApplications): ApplicationDeps => ({
  applications: applicationStore(db, env.TABLE_NAME!),
  rules: { ...applicationRules, maxActiveApplications },
  documentRules,
  situationRules,
  companies: companyStore(db, env.TABLE_NAME!),
  grids: scoringGridStore(db, env.TABLE_NAME!),
  geography: loadGeography,
  appUrl: 'https://logement.example.org',
  now: () => new Date(),
});

const demoEmployee = async (): Promise<Principal> => ({ userId: claimsOf(await tokenOf('employee')).sub, roles: ['employee'] });

describe('the round trips of applying', () => {
  it(`applying takes ${applyRoundTrips} DynamoDB round trips, a repeat ${repeatRoundTrips}`, async () => {
    const offerId = await publishedOffer();
    const caller = await demoEmployee();
    const deps = depsWith();

    calls.length = 0;
    const first = await apply(deps, offerId, caller);
    expect(first.application.status).toBe('SUBMITTED');
    expect(calls.sort()).toEqual(['BatchGetItemCommand', 'GetItemCommand', 'QueryCommand', 'QueryCommand', 'TransactWriteItemsCommand']);
    expect(calls).toHaveLength(applyRoundTrips);

    calls.length = 0;
    const repeat = await apply(deps, offerId, caller);
    expect(repeat.application.appliedAt).toBe(first.application.appliedAt);
    expect(calls.sort()).toEqual(['BatchGetItemCommand', 'QueryCommand']);
    expect(calls).toHaveLength(repeatRoundTrips);

    await withdraw(deps, offerId, caller);
  });

  it(`a second application within the grid cache's minute takes ${warmApplyRoundTrips} round trips`, async () => {
    const [first, second] = await Promise.all([publishedOffer(), publishedOffer()]);
    const caller = await demoEmployee();
    const deps = depsWith();
    await apply(deps, first, caller);

    calls.length = 0;
    queries.length = 0;
    await apply(deps, second, caller);
    expect(calls.sort()).toEqual(['BatchGetItemCommand', 'GetItemCommand', 'QueryCommand', 'TransactWriteItemsCommand']);
    expect(calls).toHaveLength(warmApplyRoundTrips);
    await Promise.all([withdraw(deps, first, caller), withdraw(deps, second, caller)]);
  });

  it('"Mes candidatures" reads one position with one counting Query: 3 round trips for one open application behind three others', async () => {
    const [open, left] = await Promise.all([publishedOffer(), publishedOffer()]);
    const employee = await employeeWithCompleteFile();
    const caller: Principal = { userId: employee.id, roles: ['employee'] };
    const deps = depsWith();
    // Three files like the caller's, applied earlier: ahead of it in the robot's order.
    const ahead = await Promise.all([employeeWithCompleteFile(), employeeWithCompleteFile(), employeeWithCompleteFile()]);
    for (const other of ahead) await apply(deps, open, { userId: other.id, roles: ['employee'] });
    await apply(deps, open, caller);
    await apply(deps, left, caller);
    await withdraw(deps, left, caller);

    calls.length = 0;
    queries.length = 0;
    const page = await listMyApplications(deps, caller, { limit: 20 });
    // The applications index, the offers' counts, one COUNT Query for the one open application.
    expect(calls.sort()).toEqual(['BatchGetItemCommand', 'QueryCommand', 'QueryCommand']);
    // The position's Query counts the keys ahead in the offer's ranking index and returns no application.
    expect(queries).toContainEqual({ IndexName: 'GSI2', Select: 'COUNT' });
    expect(queries.filter(({ Select }) => Select !== 'COUNT')).toHaveLength(1);
    const positions = Object.fromEntries(
      page.applications.map((application) => [application.applicationId, application.provisionalPosition]),
    );
    expect(positions).toEqual({ [open]: { position: 4, of: 4, text: '4e sur 4' }, [left]: undefined });
    console.log(`ROUND TRIPS Mes candidatures: ${calls.length} for 1 open (4th of 4) and 1 withdrawn application`);
  });

  it('an employee at the cap of active applications cannot apply, and nothing is counted', async () => {
    const offerId = await publishedOffer();
    const refusal = apply(depsWith(0), offerId, await demoEmployee());
    await expect(refusal).rejects.toBeInstanceOf(UnprocessableError);
    await expect(refusal).rejects.toMatchObject({ code: 'TOO_MANY_APPLICATIONS' });
    expect(await applicantCountOf(offerId)).toBe(0);
  });
});
