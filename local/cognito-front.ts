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
 * - users cannot write their own `custom:*` attributes (the deployed app client has no write
 *   access to them, since they carry authorization: a company user's SIRET).
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

/** True for a user's own attribute update that touches a `custom:` attribute. */
function writesOwnCustomAttribute(target: string, body: Buffer): boolean {
  if (target !== 'UpdateUserAttributes') return false;
  const parsed = z.object({ UserAttributes: z.array(z.object({ Name: z.string() })) }).safeParse(jsonBody(body));
  return parsed.success && parsed.data.UserAttributes.some((attribute) => attribute.Name.startsWith('custom:'));
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
