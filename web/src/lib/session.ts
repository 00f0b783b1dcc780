import { useSyncExternalStore } from 'react';
import { roles, type Role } from '#shared/roles.ts';

/**
 * The signed-in user's session, kept in this page's memory only: never in localStorage,
 * sessionStorage or a readable cookie, so a script injected into the page cannot carry a token
 * away beyond the page's life. A reload restores it through the refresh route, whose token
 * travels in an HttpOnly cookie the page never sees (`restore`).
 */
export interface Session {
  /** The bearer token of this API (the ID token: its claims carry the groups). */
  readonly idToken: string;
  readonly roles: readonly Role[];
  readonly email: string;
  readonly givenName?: string;
  /** The SIRET of the company a `company` (HR) user answers for (`custom:siret`). */
  readonly siret?: string;
  /** Milliseconds since the epoch when the ID token expires. */
  readonly expiresAt: number;
}

export interface Tokens {
  readonly idToken: string;
  readonly expiresIn: number;
}

/** `restoring`: not known yet (a reload, a new tab) until a signed-in page asks the refresh route. */
type State =
  | { readonly status: 'restoring' }
  | { readonly status: 'signed-out' }
  | { readonly status: 'signed-in'; readonly session: Session };

let state: State = { status: 'restoring' };
const listeners = new Set<() => void>();

function set(next: State): void {
  state = next;
  for (const listener of listeners) listener();
}

/** The claims of a JWT, read without verification: the API verifies; the page only shows. */
function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const base64 = payload
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(payload.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

const isRole = (value: unknown): value is Role => roles.includes(value as Role);

function sessionFrom(tokens: Tokens, now = Date.now()): Session {
  const claims = claimsOf(tokens.idToken);
  const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'] : [];
  return {
    idToken: tokens.idToken,
    roles: groups.filter(isRole),
    email: typeof claims.email === 'string' ? claims.email : '',
    givenName: typeof claims.given_name === 'string' ? claims.given_name : undefined,
    siret: typeof claims['custom:siret'] === 'string' ? claims['custom:siret'] : undefined,
    expiresAt: now + tokens.expiresIn * 1000,
  };
}

export const sessionStore = {
  get: (): State => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  signIn(tokens: Tokens): Session {
    const session = sessionFrom(tokens);
    set({ status: 'signed-in', session });
    return session;
  },
  signOut(): void {
    set({ status: 'signed-out' });
  },
};

/** The session as React sees it; re-renders on sign-in and sign-out. */
export function useSession(): State {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}

/** The bearer token of the signed-in user, for API calls. */
export function currentToken(): string | undefined {
  return state.status === 'signed-in' ? state.session.idToken : undefined;
}
