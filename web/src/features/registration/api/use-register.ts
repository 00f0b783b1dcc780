import { useMutation } from '@tanstack/react-query';
import { register } from '#identity/identity-routes.ts';
import { callApi, type RequestOf } from '#web/lib/api-client.ts';

export type RegistrationForm = RequestOf<typeof register>['body'];

/** "Créer mon compte": the API e-mails a link to choose a password. */
export function useRegister() {
  return useMutation({ mutationFn: (body: RegistrationForm) => callApi(register, { body }) });
}
