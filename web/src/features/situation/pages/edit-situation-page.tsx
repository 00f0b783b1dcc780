import { pagePaths } from '#shared/page-paths.ts';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { housingKindSchema, typologySchema } from '#housing-file/situation-schemas.ts';
import { priorityCriteria, priorityLabels } from '#housing-file/priority-criteria.ts';
import { situationRules } from '#housing-file/situation-rules.ts';
import { ChoiceGroupField, RadioField } from '#web/components/form/choice-field.tsx';
import { ErrorSummary } from '#web/components/form/error-summary.tsx';
import { TextField } from '#web/components/form/text-field.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { formErrorsOf, noErrors } from '#web/lib/form-errors.ts';
import { usePutSituation, useSituation } from '../api/use-situation.ts';
import { CommunePicker } from '../components/commune-picker.tsx';
import { AmountField, FormSection } from '../components/form-section.tsx';
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

const loweredIncomeHint = `Seulement s’ils ont baissé d’au moins ${situationRules.alternativeIncomeMinReductionPercent} %.`;

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
      onSuccess: () => navigate(pagePaths.situation, { state: { saved: true } }),
    });
  };
  return (
    <Page title="Modifier ma situation">
      <p>Les montants sont en euros. Une rubrique laissée vide est effacée.</p>
      <ErrorSummary items={errors.items} labels={labelOf} />
      <form onSubmit={onSubmit} noValidate>
        <FormSection title="Ma demande de logement social">
          <TextField
            name="nud.firstRegisteredOn"
            type="date"
            label="Date de première inscription"
            hint="Elle figure sur l’attestation d’enregistrement de votre demande."
            defaultValue={initial.firstRegisteredOn}
            error={e['nud.firstRegisteredOn']}
          />
        </FormSection>

        <HouseholdFields initial={initial.members} errors={e} onCountChange={setMemberCount} />

        <FormSection title="Mes revenus">
          <AmountField
            name="income.rfrN2"
            label="Revenu fiscal de référence (avis d’imposition de l’an dernier)"
            value={initial.income?.rfrN2}
            errors={e}
          />
          <AmountField
            name="income.incomeN1"
            label="Revenus de l’année dernière (facultatif)"
            hint={loweredIncomeHint}
            value={initial.income?.incomeN1}
            errors={e}
          />
          <AmountField
            name="income.incomeLast12Months"
            label="Revenus des 12 derniers mois (facultatif)"
            hint={loweredIncomeHint}
            value={initial.income?.incomeLast12Months}
            errors={e}
          />
        </FormSection>

        <FormSection title="Mon contrat de travail">
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
        </FormSection>

        <FormSection title="Le logement que je recherche">
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
          <CommunePicker
            name="searchCriteria.communes"
            label="Communes"
            hint="Tapez le début du nom, le code postal ou le code INSEE, puis choisissez dans la liste (flèches puis Entrée)."
            initial={initial.search?.communes ?? []}
            error={e['searchCriteria.communes'] ?? Object.entries(e).find(([name]) => name.startsWith('searchCriteria.communes.'))?.[1]}
          />
          <AmountField name="searchCriteria.minSurfaceM2" label="Surface minimum (m²)" value={initial.search?.minSurfaceM2} errors={e} />
          <AmountField
            name="searchCriteria.maxRentEuros"
            label="Loyer mensuel maximum (euros)"
            value={initial.search?.maxRentEuros}
            errors={e}
          />
        </FormSection>

        <FormSection title="Critères de priorité">
          <ChoiceGroupField
            name="priorityCriteria"
            legend="Ma situation relève de"
            multiple
            hint="Chaque critère compte une fois son justificatif reçu."
            options={priorityCriteria.map((value) => ({ value, label: priorityLabels[value] }))}
            defaultValues={[...initial.priority]}
            error={e.priorityCriteria}
          />
        </FormSection>

        <button type="submit" className="button" disabled={save.isPending}>
          Enregistrer ma situation
        </button>
      </form>
    </Page>
  );
}
