import { pagePaths } from '#shared/page-paths.ts';
import type { FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { passwordPolicySentence } from '#identity/password-policy.ts';
import { ErrorSummary } from '#web/components/form/error-summary.tsx';
import { TextField } from '#web/components/form/text-field.tsx';
import { Notice } from '#web/components/ui/notice.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { formErrorsOf, noErrors, textOf } from '#web/lib/form-errors.ts';
import { useSetPassword } from '../api/use-auth.ts';
import type { LoginState } from './login-page.tsx';

const labels = { password: 'Nouveau mot de passe', token: 'Lien' };

/** The page the e-mailed link opens (`/mot-de-passe?jeton=…`): choose a password, then log in. */
export function SetPasswordPage() {
  const [search] = useSearchParams();
  const token = search.get('jeton') ?? '';
  const choose = useSetPassword();
  const navigate = useNavigate();
  const errors = choose.isError ? formErrorsOf(choose.error) : noErrors;

  if (!token) {
    return (
      <Page title="Choisir mon mot de passe" narrow>
        <Notice kind="error" title="Ce lien est incomplet">
          <p>
            Ouvrez le lien reçu par e-mail tel quel, ou demandez-en un nouveau :{' '}
            <Link to={pagePaths.lostPassword}>mot de passe oublié</Link>.
          </p>
        </Notice>
      </Page>
    );
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = textOf(new FormData(event.currentTarget), 'password');
    choose.mutate(
      { token, password },
      { onSuccess: () => navigate(pagePaths.login, { replace: true, state: { passwordSet: true } satisfies LoginState }) },
    );
  };

  return (
    <Page title="Choisir mon mot de passe" narrow>
      <ErrorSummary items={errors.items} labels={labels} />
      {errors.fields.token && (
        <p>
          Vous pouvez demander un nouveau lien : <Link to={pagePaths.lostPassword}>mot de passe oublié</Link>.
        </p>
      )}
      <form onSubmit={onSubmit} noValidate>
        <TextField
          name="password"
          type="password"
          label={labels.password}
          hint={passwordPolicySentence}
          autoComplete="new-password"
          error={errors.fields.password}
        />
        <button type="submit" className="button" disabled={choose.isPending}>
          Enregistrer mon mot de passe
        </button>
      </form>
    </Page>
  );
}
