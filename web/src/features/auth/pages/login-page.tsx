import type { FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { pagePaths } from '#shared/page-paths.ts';
import { ErrorSummary } from '#web/components/form/error-summary.tsx';
import { TextField } from '#web/components/form/text-field.tsx';
import { Notice } from '#web/components/ui/notice.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { formErrorsOf, noErrors, textOf } from '#web/lib/form-errors.ts';
import { useLogin } from '../api/use-auth.ts';

const labels = { email: 'Adresse e-mail', password: 'Mot de passe' };

/** Where a page sends the user to log in: the page to come back to, and why. */
export interface LoginState {
  readonly from?: string;
  readonly passwordSet?: boolean;
  readonly signedOut?: boolean;
}

/** Log in with e-mail and password, then back to the page asked for, or "Mon espace". */
export function LoginPage() {
  const login = useLogin();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as LoginState;
  const errors = login.isError ? formErrorsOf(login.error) : noErrors;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    login.mutate(
      { email: textOf(form, 'email'), password: textOf(form, 'password') },
      { onSuccess: () => navigate(state.from ?? pagePaths.dashboard, { replace: true }) },
    );
  };

  return (
    <Page title="Se connecter" narrow>
      {state.passwordSet && (
        <Notice kind="success">
          <p>Votre mot de passe est enregistré. Vous pouvez vous connecter.</p>
        </Notice>
      )}
      {state.signedOut && (
        <Notice>
          <p>Vous êtes déconnecté.</p>
        </Notice>
      )}
      <ErrorSummary items={errors.items} labels={labels} />
      <form onSubmit={onSubmit} noValidate>
        <TextField name="email" type="email" label={labels.email} autoComplete="username" error={errors.fields.email} />
        <TextField name="password" type="password" label={labels.password} autoComplete="current-password" error={errors.fields.password} />
        <div className="actions">
          <button type="submit" className="button" disabled={login.isPending}>
            Se connecter
          </button>
          <Link to={pagePaths.lostPassword}>Mot de passe oublié ?</Link>
        </div>
      </form>
      <p className="muted">
        Pas encore de compte ? <Link to={pagePaths.register}>Créer mon compte</Link>
      </p>
    </Page>
  );
}
