import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { passwordPolicy, passwordProblems } from '#identity/password-policy.ts';

/**
 * The front clients talk to: it forwards each request to cognito-local, with corrections so that
 * local behaviour is Cognito's:
 * - a wrong password at sign-in is `NotAuthorizedException` on AWS (cognito-local says
 *   `InvalidPasswordException`, which our login would turn into a 500);
 * - a new password is checked against the R3 policy (cognito-local accepts any);
 * - OpenID discovery names this URL (cognito-local hard-codes `localhost:9229`);
 * - a user's groups are listed whichever name (e-mail, `sub`) the request gives;
 * - users write only the attributes the deployed app client lets them write (given and family
 *   name, phone number): not `custom:*` (authorization: a company user's SIRET), nor their
 *   e-mail (it names the account).
 */
export function listenFront(backendUrl: string, publicUrl: string, port: number): Promise<Server> {
  const server = http.createServer((request, response) => void frontRequest(backendUrl, publicUrl, request, response));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const authTargets = new Set(['InitiateAuth', 'AdminInitiateAuth']);

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
    if (writesUnwritableAttribute(target, body)) {
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
    const forwarded = target === 'AdminListGroupsForUser' ? await withStoredUsername(backendUrl, request, body) : body;
    const upstream = await fetch(`${backendUrl}${request.url ?? '/'}`, {
      method: request.method,
      headers: forwardedHeaders(request),
      body: forwarded.length > 0 ? forwarded : undefined,
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

/**
 * The request body as JSON, or undefined when it is not JSON: such a request is forwarded as is,
 * for cognito-local to refuse as Cognito would.
 */
function jsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** What the deployed app client may write (`writeAttributes` in `lib/stateful-stack.ts`). */
const userWritableAttributes = new Set(['given_name', 'family_name', 'phone_number']);

/** True for a user's own attribute update that touches an attribute the app client may not write. */
function writesUnwritableAttribute(target: string, body: Buffer): boolean {
  if (target !== 'UpdateUserAttributes') return false;
  const parsed = z.object({ UserAttributes: z.array(z.object({ Name: z.string() })) }).safeParse(jsonBody(body));
  return parsed.success && parsed.data.UserAttributes.some((attribute) => !userWritableAttributes.has(attribute.Name));
}

/**
 * cognito-local finds a user by e-mail or `sub` but lists its groups by the stored user name only
 * (a UUID when the e-mail is the sign-in attribute), so `AdminListGroupsForUser` by e-mail answers
 * no group where Cognito answers the user's groups: the request is rewritten with the stored name.
 */
async function withStoredUsername(backendUrl: string, request: IncomingMessage, body: Buffer): Promise<Buffer> {
  const parsed = z.object({ UserPoolId: z.string(), Username: z.string() }).loose().safeParse(jsonBody(body));
  if (!parsed.success) return body;
  const user = await fetch(`${backendUrl}${request.url ?? '/'}`, {
    method: 'POST',
    headers: { ...forwardedHeaders(request), 'x-amz-target': 'AWSCognitoIdentityProviderService.AdminGetUser' },
    body: JSON.stringify({ UserPoolId: parsed.data.UserPoolId, Username: parsed.data.Username }),
  });
  const stored = z.object({ Username: z.string() }).safeParse(jsonBody(Buffer.from(await user.arrayBuffer()))).data?.Username;
  return stored ? Buffer.from(JSON.stringify({ ...parsed.data, Username: stored })) : body;
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

/** Why a new password carried by the request breaks the R3 policy, worded as Cognito does; undefined when it complies. */
function passwordWeakness(target: string, body: Buffer): string | undefined {
  const schema = Object.hasOwn(passwordFields, target) ? passwordFields[target as keyof typeof passwordFields] : undefined;
  if (!schema) return undefined;
  const password = schema.safeParse(jsonBody(body)).data;
  return password === undefined ? undefined : cognitoReason(password);
}

/**
 * The verdict is the shared check's (`passwordProblems`, Unicode-aware); Cognito names one broken
 * rule in English. Which character class is missing is found by asking the shared check again
 * with one character of that class added (against a character no rule asks for), so no rule is
 * written here a second time.
 */
function cognitoReason(password: string): string | undefined {
  if (passwordProblems(password).length === 0) return undefined;
  if (password.length < passwordPolicy.minLength) return 'Password not long enough';
  const unfixed = passwordProblems(`${password}#`).length;
  const fixedBy = (character: string) => passwordProblems(password + character).length < unfixed;
  if (fixedBy('A')) return 'Password must have uppercase characters';
  if (fixedBy('a')) return 'Password must have lowercase characters';
  if (fixedBy('0')) return 'Password must have numeric characters';
  return 'Password does not meet the password policy';
}

function errorType(payload: Buffer): string | undefined {
  return z.object({ __type: z.string() }).safeParse(jsonBody(payload)).data?.__type;
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
