import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import {
  AddCustomAttributesCommand,
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UsernameExistsException,
  type CognitoIdentityProviderClientConfig,
  type SchemaAttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { z } from 'zod';
import { roles } from '#shared/roles.ts';
import { localCredentials, localRegion } from './dynamodb.ts';
import { assertPortFree, spawnChild, waitUntil, type ChildService } from './process.ts';
import type { RunningService } from './service.ts';

export interface CognitoLocalOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Where cognito-local keeps its `.cognito/` folder; a temporary folder removed on stop by default. */
  readonly dataDir?: string;
  readonly poolName?: string;
  readonly clientName?: string;
}

export interface CognitoLocal extends RunningService {
  readonly userPoolId: string;
  readonly clientId: string;
  /** The `iss` claim of the tokens, which the JWT authorizer checks. */
  readonly issuer: string;
  readonly jwksUri: string;
}

/** Client settings for the SDK pointed at the stand-in (it accepts any credentials). */
export function localCognitoClientConfig(endpoint: string): CognitoIdentityProviderClientConfig {
  return { endpoint, region: localRegion, credentials: localCredentials };
}

/**
 * Runs cognito-local as a child process and provisions the user pool as the stateful stack
 * does: e-mail sign-in, the R3 password policy, custom attributes `siret` and `landlordId`,
 * one group per role, and an app client allowed the password flows.
 *
 * A child rather than in-process: cognito-local's only ready-made factory reads `.cognito/`
 * from the working directory (in-process would mean `chdir` in the supervisor) and loads the
 * v2 AWS SDK, which prints a deprecation notice; as a child both stay out of the way.
 * Its data persists in `dataDir`, so a restart reuses the pool, groups and client by name.
 *
 * Clients talk to a small front on `port` that forwards to the child and corrects where
 * cognito-local departs from Cognito in ways our code would notice (see `frontRequest`).
 */
export async function startCognito(options: CognitoLocalOptions): Promise<CognitoLocal> {
  const port = options.port === 0 ? await pickFreePort() : options.port;
  await assertPortFree(port, 'Cognito (cognito-local)');
  const url = `http://127.0.0.1:${port}`;
  // Without a data folder, users live as long as this run, like the in-memory table.
  const temporary = options.dataDir === undefined;
  const dataDir = temporary ? await mkdtemp(path.join(os.tmpdir(), 'alin-cognito-')) : path.resolve(options.dataDir!);
  await writeIssuerConfig(dataDir, url);
  const backendUrl = `http://127.0.0.1:${await pickFreePort()}`;
  const child = spawnChild(process.execPath, [cognitoLocalBin()], {
    cwd: dataDir,
    env: { ...process.env, HOST: '127.0.0.1', PORT: new URL(backendUrl).port, DEBUG: '', COGNITO_LOCAL_DEVMODE: '' },
  });
  let front: Server | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (front?.listening) await closeServer(front);
      await child.stop();
      if (temporary) await rm(dataDir, { recursive: true, force: true });
    })());
  const client = new CognitoIdentityProviderClient(localCognitoClientConfig(url));
  try {
    await waitForHealth(backendUrl, child);
    front = await listen(http.createServer((request, response) => void frontRequest(backendUrl, url, request, response)), port);
    const userPoolId = await ensureUserPool(client, options.poolName ?? 'alin-housing-local');
    await ensureGroups(client, userPoolId);
    const clientId = await ensureAppClient(client, userPoolId, options.clientName ?? 'alin-housing-local-app');
    const issuer = `${url}/${userPoolId}`;
    return {
      name: 'Cognito (cognito-local)',
      url,
      userPoolId,
      clientId,
      issuer,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
}

/**
 * cognito-local signs tokens with `iss` = its own host and port; the tokens must name the
 * URL clients use (the front), so the issuer domain is set in its config file at each start.
 */
async function writeIssuerConfig(dataDir: string, url: string): Promise<void> {
  const configDir = path.join(dataDir, '.cognito');
  await mkdir(configDir, { recursive: true });
  await writeFile(path.join(configDir, 'config.json'), JSON.stringify({ TokenConfig: { IssuerDomain: url } }, null, 2));
}

/**
 * A JWKS cache for `aws-jwt-verify` that fetches over plain HTTP: its default fetcher only
 * speaks HTTPS, and the local JWKS URL is `http://127.0.0.1:...`.
 */
export function localJwksCache(): SimpleJwksCache {
  return new SimpleJwksCache({
    fetcher: {
      async fetch(uri) {
        const response = await fetch(uri);
        if (!response.ok) throw new Error(`JWKS ${uri} answered HTTP ${response.status}`);
        return response.arrayBuffer();
      },
    },
  });
}

function cognitoLocalBin(): string {
  const packageJson = createRequire(import.meta.url).resolve('cognito-local/package.json');
  return path.join(path.dirname(packageJson), 'lib', 'bin', 'start.js');
}

/** Waits for cognito-local to answer, failing at once with its output if it exits first. */
async function waitForHealth(url: string, child: ChildService): Promise<void> {
  let onExit: (() => void) | undefined;
  const exited = new Promise<never>((_, reject) => {
    onExit = () => reject(new Error(`cognito-local exited during start-up: ${child.output() || 'no output'}`));
    child.child.once('exit', onExit);
  });
  try {
    await Promise.race([
      waitUntil(`cognito-local on ${url}`, async () => (await fetch(`${url}/health`)).ok, 15_000, 50),
      exited,
    ]);
  } finally {
    if (onExit) child.child.off('exit', onExit);
  }
}

// Rule R3: at least 8 characters with digits, lower-case and upper-case letters.
const passwordPolicy = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: false,
};

const customAttributes: SchemaAttributeType[] = [
  { Name: 'siret', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '14', MaxLength: '14' } },
  { Name: 'landlordId', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MaxLength: '64' } },
];

async function ensureUserPool(client: CognitoIdentityProviderClient, poolName: string): Promise<string> {
  const { UserPools = [] } = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const existing = UserPools.find((pool) => pool.Name === poolName)?.Id;
  if (existing) {
    await ensureCustomAttributes(client, existing);
    return existing;
  }
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: poolName,
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: passwordPolicy },
      Schema: customAttributes,
    }),
  );
  if (!UserPool?.Id) throw new Error(`cognito-local created user pool ${poolName} without an id`);
  return UserPool.Id;
}

/** A pool persisted by an older run may lack an attribute added since. */
async function ensureCustomAttributes(client: CognitoIdentityProviderClient, userPoolId: string): Promise<void> {
  const { UserPool } = await client.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }));
  const present = new Set((UserPool?.SchemaAttributes ?? []).map((attribute) => attribute.Name));
  const missing = customAttributes.filter((attribute) => !present.has(`custom:${attribute.Name}`));
  if (missing.length > 0) {
    await client.send(new AddCustomAttributesCommand({ UserPoolId: userPoolId, CustomAttributes: missing }));
  }
}

async function ensureGroups(client: CognitoIdentityProviderClient, userPoolId: string): Promise<void> {
  const { Groups = [] } = await client.send(new ListGroupsCommand({ UserPoolId: userPoolId }));
  const present = new Set(Groups.map((group) => group.GroupName));
  for (const role of roles) {
    if (!present.has(role)) await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: role }));
  }
}

async function ensureAppClient(client: CognitoIdentityProviderClient, userPoolId: string, clientName: string) {
  const { UserPoolClients = [] } = await client.send(
    new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }),
  );
  const existing = UserPoolClients.find((appClient) => appClient.ClientName === clientName)?.ClientId;
  if (existing) return existing;
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: clientName,
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      IdTokenValidity: 1,
      AccessTokenValidity: 1,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { IdToken: 'hours', AccessToken: 'hours', RefreshToken: 'days' },
    }),
  );
  if (!UserPoolClient?.ClientId) throw new Error(`cognito-local created app client ${clientName} without an id`);
  return UserPoolClient.ClientId;
}

export interface LocalUser {
  readonly poolId: string;
  readonly email: string;
  readonly password: string;
  readonly groups?: readonly string[];
  /** Extra attributes, e.g. `{ 'custom:siret': '...' }`. */
  readonly attributes?: Readonly<Record<string, string>>;
}

/**
 * Creates a confirmed user who can log in at once with `password` (seed data, demo accounts,
 * tests). Running it again for an existing user resets the password and adds missing groups,
 * so a restart over persisted data still ends with the advertised credentials.
 */
export async function createLocalUser(client: CognitoIdentityProviderClient, user: LocalUser): Promise<void> {
  const attributes = { email: user.email, email_verified: 'true', ...user.attributes };
  try {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: user.poolId,
        Username: user.email,
        MessageAction: 'SUPPRESS',
        UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      }),
    );
  } catch (error) {
    if (!(error instanceof UsernameExistsException)) throw error;
  }
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: user.poolId,
      Username: user.email,
      Password: user.password,
      Permanent: true,
    }),
  );
  for (const group of user.groups ?? []) {
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: user.poolId, Username: user.email, GroupName: group }));
  }
}

const authTargets = new Set(['InitiateAuth', 'AdminInitiateAuth']);

/**
 * Forwards one request to cognito-local, with three corrections so that local behaviour is
 * Cognito's:
 * - a wrong password at sign-in is `NotAuthorizedException` on AWS (cognito-local says
 *   `InvalidPasswordException`, which our login would turn into a 500);
 * - a new password is checked against the R3 policy (cognito-local accepts any);
 * - OpenID discovery names this URL (cognito-local hard-codes `localhost:9229`);
 * - users cannot write their own `custom:*` attributes (the deployed app client has no write
 *   access to them, since they carry authorization: a company user's SIRET).
 */
async function frontRequest(backendUrl: string, publicUrl: string, request: IncomingMessage, response: ServerResponse) {
  try {
    const body = await readBody(request);
    const discovery = /^\/([\w-]+)\/\.well-known\/openid-configuration$/.exec(request.url ?? '');
    if (request.method === 'GET' && discovery) {
      const issuer = `${publicUrl}/${discovery[1]}`;
      return sendJson(response, 200, {
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    const target = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    if (writesOwnCustomAttribute(target, body)) {
      return sendJson(response, 400, {
        __type: 'NotAuthorizedException',
        message: 'A client attempted to write unauthorized attribute',
      });
    }
    const weakness = passwordWeakness(target, body);
    if (weakness) {
      return sendJson(response, 400, {
        __type: 'InvalidPasswordException',
        message: `Password did not conform with policy: ${weakness}`,
      });
    }
    const upstream = await fetch(`${backendUrl}${request.url ?? '/'}`, {
      method: request.method,
      headers: forwardedHeaders(request),
      body: body.length > 0 ? body : undefined,
    });
    const payload = Buffer.from(await upstream.arrayBuffer());
    if (authTargets.has(target) && upstream.status === 400 && errorType(payload) === 'InvalidPasswordException') {
      return sendJson(response, 400, { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    }
    const headers: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) headers[name] = value;
    });
    response.writeHead(upstream.status, headers).end(payload);
  } catch (error) {
    sendJson(response, 502, { __type: 'InternalErrorException', message: `cognito-local unreachable: ${String(error)}` });
  }
}

/** True for a user's own attribute update that touches a `custom:` attribute. */
export function writesOwnCustomAttribute(target: string, body: Buffer): boolean {
  if (target !== 'UpdateUserAttributes') return false;
  try {
    const parsed = z.object({ UserAttributes: z.array(z.object({ Name: z.string() })) }).safeParse(JSON.parse(body.toString('utf8')));
    return parsed.success && parsed.data.UserAttributes.some((attribute) => attribute.Name.startsWith('custom:'));
  } catch {
    return false;
  }
}

/** Where each password-setting target carries the new password. */
const passwordFields = {
  SignUp: z.object({ Password: z.string() }).transform((body) => body.Password),
  AdminSetUserPassword: z.object({ Password: z.string() }).transform((body) => body.Password),
  AdminCreateUser: z.object({ TemporaryPassword: z.string().optional() }).transform((body) => body.TemporaryPassword),
  ChangePassword: z.object({ ProposedPassword: z.string() }).transform((body) => body.ProposedPassword),
  ConfirmForgotPassword: z.object({ Password: z.string() }).transform((body) => body.Password),
  RespondToAuthChallenge: newPasswordChallenge(),
  AdminRespondToAuthChallenge: newPasswordChallenge(),
} as const;

function newPasswordChallenge() {
  return z
    .object({ ChallengeResponses: z.object({ NEW_PASSWORD: z.string().optional() }).optional() })
    .transform((body) => body.ChallengeResponses?.NEW_PASSWORD);
}

/** The first rule of the R3 policy a new password breaks, worded as Cognito does. */
export function passwordWeakness(target: string, body: Buffer): string | undefined {
  const schema = Object.hasOwn(passwordFields, target) ? passwordFields[target as keyof typeof passwordFields] : undefined;
  if (!schema) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  const password = schema.safeParse(json).data;
  if (password === undefined) return undefined;
  if (password.length < passwordPolicy.MinimumLength) return 'Password not long enough';
  if (!/[A-Z]/.test(password)) return 'Password must have uppercase characters';
  if (!/[a-z]/.test(password)) return 'Password must have lowercase characters';
  if (!/[0-9]/.test(password)) return 'Password must have numeric characters';
  return undefined;
}

function errorType(payload: Buffer): string | undefined {
  try {
    return z.object({ __type: z.string() }).safeParse(JSON.parse(payload.toString('utf8'))).data?.__type;
  } catch {
    return undefined;
  }
}

function forwardedHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || ['host', 'connection', 'content-length', 'transfer-encoding'].includes(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(body));
}

function listen(server: Server, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
