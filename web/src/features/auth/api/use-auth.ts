import { useMutation } from '@tanstack/react-query';
import { passwordReset, setPassword } from '#identity/identity-routes.ts';
import { callApi, type RequestOf } from '#web/lib/api-client.ts';
import { signIn } from '#web/lib/auth.ts';

export type Credentials = Parameters<typeof signIn>[0];

/** Log in: the session is kept in memory (lib/session.ts). */
export function useLogin() {
  return useMutation({ mutationFn: (credentials: Credentials) => signIn(credentials) });
}

/** Choose a password with the e-mailed link's token. */
export function useSetPassword() {
  return useMutation({ mutationFn: (body: RequestOf<typeof setPassword>['body']) => callApi(setPassword, { body }) });
}

/** "Mot de passe oublié": the API e-mails a link to the same page as the welcome e-mail's. */
export function usePasswordReset() {
  return useMutation({ mutationFn: (body: RequestOf<typeof passwordReset>['body']) => callApi(passwordReset, { body }) });
}
