import { inject } from 'vitest';
import type { CloudContext } from './global-setup.ts';

let ownCloud: CloudContext | undefined;

/** The local cloud the helpers talk to: the run's shared one, or the file's own (`useCloud`). */
export function cloud(): CloudContext {
  const context = ownCloud ?? inject('cloud');
  // Only the integration project starts the shared cloud (vitest.config.ts).
  if (!context) throw new Error('No local cloud in the unit tier: a test file that needs one is named *.int.test.ts');
  return context;
}

/** For a test file that starts a local cloud of its own (other lifecycle durations); `undefined` goes back. */
export function useCloud(context: CloudContext | undefined): void {
  ownCloud = context;
  tokens.clear();
}

/**
 * A response body as most tests read it: parsed JSON whose shape the assertions check at run time.
 * A call that needs a checked type passes its own `T`.
 */
// biome-ignore lint/suspicious/noExplicitAny: some 300 assertions in 27 integration test files read bodies by path (unknown fails tsc at each); the assertions are the check.
export type JsonBody = any;

export interface ApiResponse<T = JsonBody> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/** Calls the local API over real HTTP; JSON in, JSON (or text) out. */
export async function api<T = JsonBody>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`${cloud().api}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

const tokens = new Map<string, Promise<string>>();

/** ID token of a seeded demo account, through the public login route. */
export function tokenOf(accountKey: string): Promise<string> {
  let token = tokens.get(accountKey);
  if (!token) {
    const account = cloud().demoAccounts.find((candidate) => candidate.key === accountKey);
    if (!account) throw new Error(`No demo account ${accountKey}`);
    token = api<{ idToken: string }>('POST', '/auth/login', {
      body: { email: account.email, password: cloud().demoPassword },
    }).then((response) => {
      if (response.status !== 200) throw new Error(`Login of ${accountKey} failed: ${response.status}`);
      return response.body.idToken;
    });
    tokens.set(accountKey, token);
  }
  return token;
}

/** Polls until `check` returns a value, with a bounded deadline (no fixed sleeps). */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
