import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { housingKindSchema, typologySchema } from '#housing-file/situation-schemas.ts';
import { priorityCriteria, priorityLabels } from '#housing-file/priority-criteria.ts';
import { ChoiceGroupField, RadioField } from '#web/components/form/choice-field.tsx';
import { ErrorSummary } from '#web/components/form/error-summary.tsx';
import { TextField } from '#web/components/form/text-field.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { formErrorsOf, noErrors } from '#web/lib/form-errors.ts';
import { usePutSituation, useSituation } from '../api/use-situation.ts';
import { HouseholdFields } from '../components/household-fields.tsx';
import { housingKindLabels } from '../components/labels.ts';
import { initialValues, situationBodyOf } from '../components/situation-input.ts';

const contractOptions = [
  { value: 'CDI', label: 'CDI' },
  { value: 'CDD', label: 'CDD' },
  { value: 'other', label: 'Autre' },
];
const yesNo = [
  { value: 'oui', label: 'Oui' },
  { value: 'non', label: 'Non' },
];

const labels: Record<string, string> = {
  'nud.firstRegisteredOn': 'Date de première inscription',
  'household.members': 'Mon ménage',
  'income.rfrN2': 'Revenu fiscal de référence',
  'income.incomeN1': 'Revenus de l’année dernière',
  'income.incomeLast12Months': 'Revenus des 12 derniers mois',
  'employment.kind': 'Type de contrat',
  'employment.startDate': 'Date de début',
  'employment.endDate': 'Date de fin',
  'employment.description': 'Nature du contrat',
  'employment.trialPeriod.endsOn': 'Fin de la période d’essai',
  mainResidence: 'Résidence principale',
  'searchCriteria.kinds': 'Type de logement',
  'searchCriteria.typologies': 'Typologies',
  'searchCriteria.communes': 'Communes',
  'searchCriteria.minSurfaceM2': 'Surface minimum',
  'searchCriteria.maxRentEuros': 'Loyer mensuel maximum',
  priorityCriteria: 'Critères de priorité',
};
const memberFields: Record<string, string> = { relationship: 'lien', birthDate: 'date de naissance', disability: 'handicap' };

function labelOf(field: string): string | undefined {
  const member = /^household\.members\.(\d+)\.(\w+)$/.exec(field);
  if (member) return `Personne ${Number(member[1]) + 1}, ${memberFields[member[2] ?? ''] ?? member[2]}`;
  return labels[field] ?? labels[field.replace(/\.\d+$/, '')];
}

/** Filling in "Ma situation": every section on one page, checked with the API's own schema. */
export function EditSituationPage() {
  const situation = useSituation();
  if (situation.isPending) {
    return (
      <Page title="Modifier ma situation">
        <p role="status">Chargement…</p>
      </Page>
    );
  }
  return <SituationForm initial={initialValues(situation.data)} />;
}

function SituationForm({ initial }: { initial: ReturnType<typeof initialValues> }) {
  const save = usePutSituation();
  const navigate = useNavigate();
  const [memberCount, setMemberCount] = useState(initial.members.length);
  const errors = save.isError ? formErrorsOf(save.error) : noErrors;
  const e = errors.fields;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(situationBodyOf(new FormData(event.currentTarget), memberCount), {
      onSuccess: () => navigate('/ma-situation', { state: { saved: true } }),
    });
  };
  const amount = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));
  return (
    <Page title="Modifier ma situation">
      <p>Les montants sont en euros. Une rubrique laissée vide est effacée.</p>
      <ErrorSummary items={errors.items} labels={labelOf} />
      <form onSubmit={onSubmit} noValidate>
        <fieldset className="card">
          <legend className="card__legend">
            <h2>Ma demande de logement social</h2>
          </legend>
          <TextField
            name="nud.firstRegisteredOn"
            type="date"
            label="Date de première inscription"
            hint="Elle figure sur l’attestation d’enregistrement de votre demande."
            defaultValue={initial.firstRegisteredOn}
            error={e['nud.firstRegisteredOn']}
          />
        </fieldset>

        <HouseholdFields initial={initial.members} errors={e} onCountChange={setMemberCount} />

        <fieldset className="card">
          <legend className="card__legend">
            <h2>Mes revenus</h2>
          </legend>
          <TextField
            name="income.rfrN2"
            inputMode="decimal"
            label="Revenu fiscal de référence (avis d’imposition de l’an dernier)"
            defaultValue={amount(initial.income?.rfrN2)}
            error={e['income.rfrN2']}
          />
          <TextField
            name="income.incomeN1"
            inputMode="decimal"
            label="Revenus de l’année dernière (facultatif)"
            hint="Seulement s’ils ont baissé d’au moins 10 %."
            defaultValue={amount(initial.income?.incomeN1)}
            error={e['income.incomeN1']}
          />
          <TextField
            name="income.incomeLast12Months"
            inputMode="decimal"
            label="Revenus des 12 derniers mois (facultatif)"
            hint="Seulement s’ils ont baissé d’au moins 10 %."
            defaultValue={amount(initial.income?.incomeLast12Months)}
            error={e['income.incomeLast12Months']}
          />
        </fieldset>

        <fieldset className="card">
          <legend className="card__legend">
            <h2>Mon contrat de travail</h2>
          </legend>
          <RadioField
            name="employment.kind"
            legend="Type de contrat"
            options={contractOptions}
            defaultValues={initial.employment ? [initial.employment.kind] : []}
            error={e['employment.kind'] ?? e.employment}
          />
          <TextField
            name="employment.startDate"
            type="date"
            label="Date de début"
            defaultValue={initial.employment?.startDate ?? ''}
            error={e['employment.startDate']}
          />
          <TextField
            name="employment.endDate"
            type="date"
            label="Date de fin (CDD ou autre contrat)"
            defaultValue={initial.employment?.endDate ?? ''}
            error={e['employment.endDate']}
          />
          <TextField
            name="employment.description"
            label="Nature du contrat (autre contrat)"
            defaultValue={initial.employment?.description ?? ''}
            error={e['employment.description']}
          />
          <ChoiceGroupField
            name="employment.trialPeriod.ongoing"
            legend="Période d’essai en cours"
            options={yesNo}
            defaultValues={[initial.employment?.trialPeriod.ongoing ? 'oui' : 'non']}
          />
          <TextField
            name="employment.trialPeriod.endsOn"
            type="date"
            label="Fin de la période d’essai"
            defaultValue={initial.employment?.trialPeriod.endsOn ?? ''}
            error={e['employment.trialPeriod.endsOn']}
          />
          <RadioField
            name="mainResidence"
            legend="Le logement sera votre résidence principale"
            options={yesNo}
            defaultValues={initial.mainResidence === null ? [] : [initial.mainResidence ? 'oui' : 'non']}
            error={e.mainResidence}
          />
        </fieldset>

        <fieldset className="card">
          <legend className="card__legend">
            <h2>Le logement que je recherche</h2>
          </legend>
          <ChoiceGroupField
            name="searchCriteria.kinds"
            legend="Type de logement"
            multiple
            options={housingKindSchema.options.map((value) => ({ value, label: housingKindLabels[value] ?? value }))}
            defaultValues={initial.search?.kinds ?? []}
            error={e['searchCriteria.kinds']}
          />
          <ChoiceGroupField
            name="searchCriteria.typologies"
            legend="Typologies"
            multiple
            options={typologySchema.options.map((value) => ({ value, label: value }))}
            defaultValues={initial.search?.typologies ?? []}
            error={e['searchCriteria.typologies']}
          />
          <TextField
            name="searchCriteria.communes"
            label="Communes (codes INSEE)"
            hint="Séparés par des virgules, par exemple 75056 pour Paris, 92012 pour Boulogne-Billancourt."
            defaultValue={initial.search?.communes.map((commune) => commune.code).join(', ') ?? ''}
            error={e['searchCriteria.communes'] ?? Object.entries(e).find(([name]) => name.startsWith('searchCriteria.communes.'))?.[1]}
          />
          <TextField
            name="searchCriteria.minSurfaceM2"
            inputMode="decimal"
            label="Surface minimum (m²)"
            defaultValue={amount(initial.search?.minSurfaceM2)}
            error={e['searchCriteria.minSurfaceM2']}
          />
          <TextField
            name="searchCriteria.maxRentEuros"
            inputMode="decimal"
            label="Loyer mensuel maximum (euros)"
            defaultValue={amount(initial.search?.maxRentEuros)}
            error={e['searchCriteria.maxRentEuros']}
          />
        </fieldset>

        <fieldset className="card">
          <legend className="card__legend">
            <h2>Critères de priorité</h2>
          </legend>
          <ChoiceGroupField
            name="priorityCriteria"
            legend="Ma situation relève de"
            multiple
            hint="Chaque critère compte une fois son justificatif reçu."
            options={priorityCriteria.map((value) => ({ value, label: priorityLabels[value] }))}
            defaultValues={[...initial.priority]}
            error={e.priorityCriteria}
          />
        </fieldset>

        <button type="submit" className="button" disabled={save.isPending}>
          Enregistrer ma situation
        </button>
      </form>
    </Page>
  );
}
