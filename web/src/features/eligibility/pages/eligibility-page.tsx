import { pagePaths } from '#shared/page-paths.ts';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorSummary } from '#web/components/form/error-summary.tsx';
import { TextField } from '#web/components/form/text-field.tsx';
import { Notice } from '#web/components/ui/notice.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { formErrorsOf, noErrors, textOf } from '#web/lib/form-errors.ts';
import { useEligibilityCheck } from '../api/use-eligibility.ts';

const labels = { siret: 'Numéro SIRET de votre employeur' };

/** The SIRET eligibility check: anyone may ask whether an employer takes part. */
export function EligibilityPage() {
  const check = useEligibilityCheck();
  const errors = check.isError ? formErrorsOf(check.error) : noErrors;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    check.mutate(textOf(new FormData(event.currentTarget), 'siret'));
  };
  return (
    <Page title="Mon employeur est-il éligible ?" narrow>
      <p>Le numéro SIRET (14 chiffres) figure sur votre bulletin de paie.</p>
      <ErrorSummary items={errors.items} labels={labels} />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          name="siret"
          label={labels.siret}
          hint="Exemple : 432 198 765 00013"
          inputMode="numeric"
          autoComplete="off"
          error={errors.fields.siret}
          required
        />
        <button type="submit" className="button" disabled={check.isPending}>
          Vérifier
        </button>
      </form>
      {check.data &&
        (check.data.eligible ? (
          <Notice kind="success" title="Votre employeur est éligible">
            <p>Vous pouvez créer votre compte.</p>
            <Link className="button" to={`${pagePaths.register}?siret=${encodeURIComponent(check.data.siret)}`}>
              Créer mon compte
            </Link>
          </Notice>
        ) : (
          <Notice title="Votre employeur n’est pas éligible">
            <p>
              Il n’est pas inscrit sur la plateforme ou ne remplit pas les conditions. Parlez-en à votre service des ressources humaines.
            </p>
          </Notice>
        ))}
    </Page>
  );
}
