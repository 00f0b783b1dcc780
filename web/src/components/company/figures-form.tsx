import type { UseMutationResult } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { updateCompany } from '#companies/company-routes.ts';
import { RadioField } from '#web/components/form/choice-field.tsx';
import { ErrorSummary } from '#web/components/form/error-summary.tsx';
import { TextField } from '#web/components/form/text-field.tsx';
import { Notice } from '#web/components/ui/notice.tsx';
import { type CompanyView, sectorLabels } from './company-facts.tsx';
import type { RequestOf, ResponseOf } from '#web/lib/api-client.ts';
import { formErrorsOf, noErrors, textOf } from '#web/lib/form-errors.ts';

/**
 * The company's figures form, shared by its HR (`/entreprise`) and the operator
 * (`/operateur/entreprises/:siret`): the same `PATCH /companies/{siret}`, checked in the browser
 * with the route's schema, so a field's message is the API's.
 */
type CompanyUpdate = RequestOf<typeof updateCompany>['body'];
type CompanyUpdateView = ResponseOf<typeof updateCompany>;

const labels: Record<string, string> = {
  headcount: 'Effectif',
  sector: 'Secteur',
  contributor: 'Verse la PEEC',
  lastContributionEuros: 'Dernière PEEC versée',
  lastContributionYear: 'Année de la dernière PEEC',
};
const yesNo = [
  { value: 'oui', label: 'Oui' },
  { value: 'non', label: 'Non' },
];

/** A typed number, or the text as typed so that the shared schema names what is wrong ("Effectif attendu"). */
export function numberOf(text: string): number {
  const normalized = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  const value = Number(normalized);
  return normalized === '' || Number.isNaN(value) ? (text as unknown as number) : value;
}

/** Only the figures that differ from the company's are sent: the history records real changes. */
function changesOf(form: FormData, company: CompanyView): CompanyUpdate {
  const next = {
    headcount: numberOf(textOf(form, 'headcount')),
    sector: textOf(form, 'sector') as CompanyView['sector'],
    contributor: textOf(form, 'contributor') === 'oui',
    lastContributionEuros: numberOf(textOf(form, 'lastContributionEuros')),
    lastContributionYear: numberOf(textOf(form, 'lastContributionYear')),
  };
  return Object.fromEntries(
    Object.entries(next).filter(([field, value]) => company[field as keyof typeof next] !== value),
  ) as CompanyUpdate;
}

export function CompanyFiguresForm({
  company,
  update,
}: {
  company: CompanyView;
  update: UseMutationResult<CompanyUpdateView, Error, CompanyUpdate>;
}) {
  const [formKey, setFormKey] = useState(0);
  const errors = update.isError ? formErrorsOf(update.error) : noErrors;
  const e = errors.fields;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.mutate(changesOf(new FormData(event.currentTarget), company), { onSuccess: () => setFormKey((key) => key + 1) });
  };
  return (
    <section className="card" aria-labelledby="mise-a-jour">
      <h2 id="mise-a-jour">Mettre à jour les chiffres</h2>
      <p className="muted">L’éligibilité est recalculée à l’enregistrement ; les chiffres précédents restent dans l’historique.</p>
      {update.isSuccess && (
        <Notice kind={update.data.eligibilityChange.after ? 'success' : 'info'} title="Chiffres enregistrés">
          <p>{update.data.eligibilityChange.message}</p>
        </Notice>
      )}
      <ErrorSummary items={errors.items} labels={labels} />
      <form key={formKey} onSubmit={onSubmit} noValidate>
        <TextField
          name="headcount"
          inputMode="numeric"
          label={labels.headcount ?? ''}
          defaultValue={company.headcount}
          error={e.headcount}
        />
        <RadioField
          name="sector"
          legend="Secteur"
          options={Object.entries(sectorLabels).map(([value, label]) => ({ value, label }))}
          defaultValues={[company.sector]}
          error={e.sector}
        />
        <RadioField
          name="contributor"
          legend="L’entreprise verse la participation des employeurs à l’effort de construction (PEEC)"
          options={yesNo}
          defaultValues={[company.contributor ? 'oui' : 'non']}
          error={e.contributor}
        />
        <TextField
          name="lastContributionEuros"
          inputMode="decimal"
          label="Dernière PEEC versée (euros)"
          defaultValue={company.lastContributionEuros}
          error={e.lastContributionEuros}
        />
        <TextField
          name="lastContributionYear"
          inputMode="numeric"
          label="Année de la dernière PEEC"
          defaultValue={company.lastContributionYear}
          error={e.lastContributionYear}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={update.isPending}>
            Enregistrer les chiffres
          </button>
        </div>
      </form>
    </section>
  );
}
