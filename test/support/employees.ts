import { randomInt, randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { documentRules, requiredDocumentTypes } from '#housing-file/document-rules.ts';
import { situationRules } from '#housing-file/situation-rules.ts';
import { employeeKey, employeeToItem, type Employee } from '#identity/employee-store.ts';
import { localCognitoClientConfig } from '#local/cognito.ts';
import { createLocalUser } from '#local/cognito-users.ts';
import { receivedDocumentItems } from '#local/seed.ts';
import { addDays, calendarDayIn } from '#shared/calendar.ts';
import { api, cloud } from './api.ts';
import { localTable } from './table.ts';

export interface TestEmployee {
  /** The Cognito `sub`, which is also the employee id. */
  readonly id: string;
  readonly email: string;
  readonly nud: string;
  /** ID token, the API's bearer token. */
  readonly token: string;
}

/** The password every test employee's account gets. */
export const testEmployeePassword = 'TestEmploye2026';
const idTokenClaims = z.object({ sub: z.string().min(1) });

/** Claims of a JWT, read without verification (the gateway verifies; tests only need `sub`). */
export function claimsOf(token: string) {
  const payload = token.split('.')[1] ?? '';
  return idTokenClaims.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
}

/**
 * A fresh account in the `employee` group, logged in through `POST /auth/login`. With
 * `withFile: false` it has no employee item, like a user whose registration never completed.
 * Created directly in the local Cognito and table, so that tests of the housing file do not
 * depend on the registration route.
 */
export async function createTestEmployee(
  options: { withFile?: boolean; employee?: Partial<Omit<Employee, 'id' | 'email'>> } = {},
): Promise<TestEmployee> {
  const env = cloud().environment;
  const email = `salarie-${randomUUID()}@test.alin.local`;
  const cognito = new CognitoIdentityProviderClient(localCognitoClientConfig(env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER!));
  try {
    await createLocalUser(cognito, { poolId: env.USER_POOL_ID!, email, password: testEmployeePassword, groups: ['employee'] });
  } finally {
    cognito.destroy();
  }
  const login = await api<{ idToken: string }>('POST', '/auth/login', { body: { email, password: testEmployeePassword } });
  if (login.status !== 200) throw new Error(`Login of the test employee failed: ${login.status}`);
  const token = login.body.idToken;
  const id = claimsOf(token).sub;
  const nud = options.employee?.nud ?? `0750${String(randomInt(10 ** 9, 10 ** 10))}`;
  if (options.withFile !== false) {
    const employee: Employee = {
      civility: 'Mme',
      lastName: 'Testeuse',
      firstName: 'Camille',
      phone: '+33612345678',
      nud,
      siret: '43219876500013',
      consent: { acceptedAt: '2026-01-10T10:00:00.000Z', textVersion: '2026-01' },
      registeredAt: new Date().toISOString(),
      account: 'ACTIVE',
      employment: { status: 'PENDING' },
      ...options.employee,
      id,
      email,
    };
    const table = localTable();
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: employeeToItem(employee) }));
  }
  return { id, email, nud, token };
}

/**
 * What differs between the situations ("Ma situation") tests declare; the rest is the same: a
 * CDI out of its trial period, the housing sought as main residence, no disability.
 */
interface TestSituation {
  /** The NUD's first registration, this many days before today. */
  readonly nudRegisteredDaysAgo: number;
  /** Birth date of the applicant and, when present, of a spouse or a child. */
  readonly members: { readonly applicant: string; readonly spouse?: string; readonly child?: string };
  readonly rfrN2: number;
  readonly contractStart: string;
  readonly searchCriteria: {
    readonly kinds: readonly string[];
    readonly typologies: readonly string[];
    readonly communes: readonly string[];
    readonly minSurfaceM2: number;
    readonly maxRentEuros: number;
  };
}

/**
 * The calendar day `days` before today in France, the product's "today" (the UTC day is a day
 * behind it from 22:00 or 23:00 UTC until midnight).
 */
export const daysBeforeToday = (days: number) => addDays(calendarDayIn(situationRules.timeZone, new Date()), -days);

/** The body of `PUT /me/situation` for `situation`. */
export const situationBody = (situation: TestSituation) => ({
  nud: { firstRegisteredOn: daysBeforeToday(situation.nudRegisteredDaysAgo) },
  household: {
    members: Object.entries(situation.members).map(([relationship, birthDate]) => ({ relationship, birthDate, disability: false })),
  },
  income: { rfrN2: situation.rfrN2 },
  employment: { kind: 'CDI', startDate: situation.contractStart, trialPeriod: { ongoing: false } },
  mainResidence: true,
  searchCriteria: situation.searchCriteria,
});

/** An employee of its own, employment confirmed, who has declared `situation`. */
export async function employeeWithSituation(situation: TestSituation): Promise<TestEmployee> {
  const employee = await createTestEmployee({ employee: { employment: { status: 'CONFIRMED' } } });
  const response = await api('PUT', '/me/situation', { token: employee.token, body: situationBody(situation) });
  if (response.status !== 200) throw new Error(`situation refused: ${JSON.stringify(response.body)}`);
  return employee;
}

/** Every required document of the file, received now (written directly in the table): with a confirmed employment and a valid NUD, the file is complete. */
export async function receiveRequiredDocuments(employeeId: string): Promise<void> {
  const table = localTable();
  const at = new Date().toISOString();
  for (const item of receivedDocumentItems(employeeId, requiredDocumentTypes(documentRules), at, 'complete')) {
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: item }));
  }
}

/**
 * Changes the employee's item directly, as another part of the platform (HR, a renewal, the
 * applications) would have left it: the test's own update expression, on the employee's key.
 */
export async function updateEmployeeItem(
  employeeId: string,
  expression: string,
  values?: Record<string, unknown>,
  names?: Record<string, string>,
): Promise<void> {
  const table = localTable();
  await table.client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: employeeKey(employeeId),
      UpdateExpression: expression,
      ...(values ? { ExpressionAttributeValues: values } : {}),
      ...(names ? { ExpressionAttributeNames: names } : {}),
    }),
  );
}
