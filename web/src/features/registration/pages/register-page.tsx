import { pagePaths } from '#shared/page-paths.ts';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CheckboxField, RadioField } from '#web/components/form/choice-field.tsx';
import { ErrorSummary } from '#web/components/form/error-summary.tsx';
import { TextField } from '#web/components/form/text-field.tsx';
import { Notice } from '#web/components/ui/notice.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { formErrorsOf, noErrors, textOf } from '#web/lib/form-errors.ts';
import { useRegister } from '../api/use-register.ts';

const labels = {
  civility: 'Civilité',
  lastName: 'Nom',
  firstName: 'Prénom',
  email: 'Adresse e-mail',
  phone: 'Téléphone',
  nud: 'Numéro unique de demande de logement social (NUD)',
  siret: 'SIRET de votre employeur',
  consent: 'Consentement',
};

/** "Créer mon compte": who I am, my NUD, my employer, my consent; the password comes by e-mail. */
export function RegisterPage() {
  const [search] = useSearchParams();
  const registration = useRegister();
  const errors = registration.isError ? formErrorsOf(registration.error) : noErrors;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    registration.mutate({
      civility: textOf(form, 'civility') as 'M' | 'Mme',
      lastName: textOf(form, 'lastName'),
      firstName: textOf(form, 'firstName'),
      email: textOf(form, 'email'),
      phone: textOf(form, 'phone'),
      nud: textOf(form, 'nud'),
      siret: textOf(form, 'siret'),
      consent: (form.get('consent') === 'oui') as true,
    });
  };

  if (registration.isSuccess) {
    return (
      <Page title="Consultez votre messagerie" narrow>
        <Notice kind="success" title="Demande d’inscription enregistrée">
          <p>{registration.data.message}</p>
        </Notice>
        <p>Le lien reçu par e-mail vous permet de choisir votre mot de passe. Pensez à vérifier vos courriers indésirables.</p>
        <p>
          <Link to={pagePaths.login}>Aller à la connexion</Link>
        </p>
      </Page>
    );
  }

  return (
    <Page title="Créer mon compte" narrow>
      <p>Tous les champs sont obligatoires.</p>
      <ErrorSummary items={errors.items} labels={labels} />
      <form onSubmit={onSubmit} noValidate>
        <RadioField
          name="civility"
          legend={labels.civility}
          options={[
            { value: 'Mme', label: 'Madame' },
            { value: 'M', label: 'Monsieur' },
          ]}
          error={errors.fields.civility}
        />
        <TextField name="lastName" label={labels.lastName} autoComplete="family-name" error={errors.fields.lastName} />
        <TextField name="firstName" label={labels.firstName} autoComplete="given-name" error={errors.fields.firstName} />
        <TextField name="email" type="email" label={labels.email} autoComplete="email" error={errors.fields.email} />
        <TextField
          name="phone"
          type="tel"
          label={labels.phone}
          hint="Exemple : 06 12 34 56 78"
          autoComplete="tel"
          error={errors.fields.phone}
        />
        <TextField
          name="nud"
          label={labels.nud}
          hint="Il figure sur l’attestation d’enregistrement de votre demande de logement social."
          autoComplete="off"
          error={errors.fields.nud}
        />
        <TextField
          name="siret"
          label={labels.siret}
          hint="14 chiffres, sur votre bulletin de paie."
          inputMode="numeric"
          autoComplete="off"
          defaultValue={search.get('siret') ?? ''}
          error={errors.fields.siret}
        />
        <CheckboxField
          name="consent"
          label="J’accepte que mes données personnelles soient traitées pour instruire mes candidatures et soient transmises à mon employeur et aux bailleurs concernés."
          error={errors.fields.consent}
        />
        <button type="submit" className="button" disabled={registration.isPending}>
          Créer mon compte
        </button>
      </form>
    </Page>
  );
}
