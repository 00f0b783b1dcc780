import { randomInt, randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { documentRules, requiredDocumentTypes } from '#housing-file/document-rules.ts';
import { receivedDocumentItems } from './seed.ts';
import { employeeToItem, type Employee } from '#identity/employee-store.ts';
import { localCognitoClientConfig } from './cognito.ts';
import { createLocalUser } from './cognito-users.ts';

/**
 * Building blocks of the lifecycle demo (`npm run demo`) and of the lifecycle benchmark: HTTP
 * calls to the local API, employees with a complete file, an offer they all match, and waiting
 * for a condition with a deadline (never a fixed sleep).
 */

/** What the scenario needs of a running local cloud; plain data. */
export interface DemoTarget {
  readonly api: string;
  readonly environment: Record<string, string>;
  readonly demoPassword: string;
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** One call to the local API, JSON in and out. */
export async function call(
  target: DemoTarget,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<HttpAnswer> {
  const response = await fetch(`${target.api}${path}`, {
    method,
    headers: {
      ...(options.token && { authorization: `Bearer ${options.token}` }),
      ...(options.body !== undefined && { 'content-type': 'application/json' }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** The call, which must answer `expected`; its body parsed with `schema`. */
export async function expectCall<S extends z.ZodType>(
  target: DemoTarget,
  method: string,
  path: string,
  expected: number,
  schema: S,
  options: { token?: string; body?: unknown } = {},
): Promise<z.output<S>> {
  const answer = await call(target, method, path, options);
  if (answer.status !== expected)
    throw new Error(`${method} ${path} answered ${answer.status} (expected ${expected}): ${JSON.stringify(answer.body)}`);
  return schema.parse(answer.body);
}

const tokensSchema = z.object({ idToken: z.string() });

/** Logs in through `POST /auth/login`; returns the ID token. */
export async function login(target: DemoTarget, email: string, password = target.demoPassword): Promise<string> {
  return (await expectCall(target, 'POST', '/auth/login', 200, tokensSchema, { body: { email, password } })).idToken;
}

/** Polls `probe` until it returns a value, or throws after `timeoutMs` naming what was awaited. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Who a demo employee is and what distinguishes his file (and so his score). */
export interface DemoEmployeeProfile {
  readonly civility: 'M' | 'Mme';
  readonly firstName: string;
  readonly lastName: string;
  readonly birthDate: string;
  readonly contract: { kind: 'CDI' } | { kind: 'CDD'; endDate: string };
  readonly contractStart: string;
  readonly nudFirstRegisteredOn: string;
  /** Recommended by HR through `POST /companies/{siret}/employees/{id}/recommendation`. */
  readonly recommended: boolean;
}

export interface DemoEmployee {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly token: string;
}

/** Acme Logistique SAS, the seeded contributing company, and its HR account. */
export const demoSiret = '43219876500013';
const hrEmail = 'rh@acme.demo.alin.local';
const employeePassword = 'DemoSalarie2026';

/**
 * An employee of Acme with a complete file matching `demoOffer()`: account and profile written
 * directly, as the seed does (employment confirmed, registration not replayed); then through
 * the API: login, "Ma situation", the NUD renewal and, when asked, HR's recommendation. The
 * supporting documents are recorded as received (the upload path is not what the demo shows).
 */
export async function createDemoEmployee(target: DemoTarget, profile: DemoEmployeeProfile, now: Date): Promise<DemoEmployee> {
  const env = target.environment;
  const email = `${profile.firstName}.${profile.lastName}.${randomUUID().slice(0, 8)}@demo.alin.local`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const cognitoEndpoint = env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
  const poolId = env.USER_POOL_ID;
  if (cognitoEndpoint === undefined || poolId === undefined) {
    throw new Error('The demo target environment lacks AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER or USER_POOL_ID.');
  }
  const cognito = new CognitoIdentityProviderClient(localCognitoClientConfig(cognitoEndpoint));
  try {
    await createLocalUser(cognito, { poolId, email, password: employeePassword, groups: ['employee'] });
  } finally {
    cognito.destroy();
  }
  const token = await login(target, email, employeePassword);
  const id = z.object({ sub: z.string() }).parse(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'))).sub;
  const at = now.toISOString();
  const employee: Employee = {
    id,
    email,
    civility: profile.civility,
    firstName: profile.firstName,
    lastName: profile.lastName,
    phone: '+33612345678',
    nud: `0750${String(randomInt(10 ** 9, 10 ** 10))}`,
    siret: demoSiret,
    consent: { acceptedAt: at, textVersion: 'demo' },
    registeredAt: at,
    account: 'ACTIVE',
    employment: { status: 'CONFIRMED', decidedAt: at, decidedBy: 'demo' },
  };
  const db = documentClient(target);
  try {
    await db.send(new PutCommand({ TableName: env.TABLE_NAME, Item: employeeToItem(employee) }));
    for (const item of receivedDocumentItems(id, requiredDocumentTypes(documentRules), at, 'demo')) {
      await db.send(new PutCommand({ TableName: env.TABLE_NAME, Item: item }));
    }
  } finally {
    db.destroy();
  }

  const situation = {
    nud: { firstRegisteredOn: profile.nudFirstRegisteredOn },
    household: {
      members: [
        { relationship: 'applicant', birthDate: profile.birthDate, disability: false },
        { relationship: 'child', birthDate: '2021-11-02', disability: false },
      ],
    },
    income: { rfrN2: 24_500 },
    employment: { ...profile.contract, startDate: profile.contractStart, trialPeriod: { ongoing: false } },
    mainResidence: true,
    searchCriteria: { kinds: ['apartment'], typologies: ['T2', 'T3'], communes: ['75056'], minSurfaceM2: 40, maxRentEuros: 950 },
  };
  await expectCall(target, 'PUT', '/me/situation', 200, z.unknown(), { token, body: situation });
  // Renewed two months ago: the NUD is valid whatever its first registration (rule R4).
  const renewedOn = new Date(now.getTime() - 60 * 86_400_000).toISOString().slice(0, 10);
  await expectCall(target, 'POST', '/me/nud-renewal', 200, z.unknown(), { token, body: { renewedOn } });
  if (profile.recommended) {
    const hrToken = await login(target, hrEmail);
    await expectCall(target, 'POST', `/companies/${demoSiret}/employees/${id}/recommendation`, 200, z.unknown(), { token: hrToken });
  }
  return { id, email, token, name: `${profile.firstName} ${profile.lastName}` };
}

/** A T3 in Paris, 730 € with charges: every demo employee (household of 2, T2/T3, ≤ 950 €) matches it. */
export const demoOffer = () => ({
  externalReference: `DEMO-${randomUUID().slice(0, 8).toUpperCase()}`,
  residenceName: 'Résidence du Canal',
  address: '8 quai de Valmy',
  postalCode: '75010',
  commune: '75056',
  kind: 'apartment',
  typology: 'T3',
  rooms: 3,
  bedrooms: 2,
  surfaceM2: 58,
  floor: 3,
  elevator: true,
  accessibility: 'accessible',
  rentEuros: 610,
  chargesEuros: 120,
  depositEuros: 610,
  energyClass: 'C',
  financing: 'PLUS',
  availableFrom: '2027-01-01',
  description: 'T3 lumineux proche du canal Saint-Martin.',
});

export function documentClient(target: DemoTarget): DynamoDBDocumentClient {
  const env = target.environment;
  return DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: env.AWS_ENDPOINT_URL_DYNAMODB, region: env.AWS_REGION }), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export const candidatesSchema = z.object({
  round: z.number().optional(),
  candidates: z.array(z.object({ applicationId: z.string(), position: z.number().optional(), score: z.number().optional() })),
});

export const historySchema = z.object({
  stage: z.string().optional(),
  round: z.number().optional(),
  events: z.array(z.object({ at: z.string(), kind: z.string(), actor: z.string(), details: z.record(z.string(), z.unknown()) })),
});
export type DemoHistory = z.output<typeof historySchema>;

export const myApplicationsSchema = z.object({
  applications: z.array(
    z.object({
      applicationId: z.string(),
      status: z.string(),
      position: z.number().optional(),
      score: z.number().optional(),
      offeredUntil: z.string().optional(),
      scoreBreakdown: z.array(z.object({ criterion: z.string(), points: z.number(), detail: z.string() })).optional(),
    }),
  ),
});

/** The employee's application to `offerId`, as "Mes candidatures" shows it. */
export async function myApplication(target: DemoTarget, employee: DemoEmployee, offerId: string) {
  const page = await expectCall(target, 'GET', '/me/applications', 200, myApplicationsSchema, { token: employee.token });
  return page.applications.find((application) => application.applicationId === offerId);
}
