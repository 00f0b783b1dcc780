import { pagePaths } from '#shared/page-paths.ts';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorSummary } from '#web/components/form/error-summary.tsx';
import { TextField } from '#web/components/form/text-field.tsx';
import { Notice } from '#web/components/ui/notice.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { formErrorsOf, noErrors, textOf } from '#web/lib/form-errors.ts';
import { usePasswordReset } from '../api/use-auth.ts';

const labels = { email: 'Adresse e-mail de votre compte' };

/** "Mot de passe oublié": a link to choose a new password is e-mailed (the same answer whether the address has an account or not). */
export function LostPasswordPage() {
  const reset = usePasswordReset();
  const errors = reset.isError ? formErrorsOf(reset.error) : noErrors;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    reset.mutate({ email: textOf(new FormData(event.currentTarget), 'email') });
  };
  if (reset.isSuccess) {
    return (
      <Page title="Consultez votre messagerie" narrow>
        <Notice kind="success">
          <p>{reset.data.message}</p>
        </Notice>
        <p>
          <Link to={pagePaths.login}>Retour à la connexion</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title="Mot de passe oublié" narrow>
      <p>Indiquez l’adresse de votre compte : nous vous envoyons un lien pour choisir un nouveau mot de passe.</p>
      <ErrorSummary items={errors.items} labels={labels} />
      <form onSubmit={onSubmit} noValidate>
        <TextField name="email" type="email" label={labels.email} autoComplete="email" error={errors.fields.email} />
        <button type="submit" className="button" disabled={reset.isPending}>
          Recevoir un lien
        </button>
      </form>
    </Page>
  );
}
