import type { FormEvent } from 'react';
import { housingKindSchema, typologySchema } from '#housing-file/situation-schemas.ts';
import { accessibilitySchema, energyClassSchema, financingSchema } from '#offers/offer-schemas.ts';
import { RadioField, SelectField } from '#web/components/form/choice-field.tsx';
import { ErrorSummary } from '#web/components/form/error-summary.tsx';
import { TextAreaField, TextField } from '#web/components/form/text-field.tsx';
import type { FormErrors } from '#web/lib/form-errors.ts';
import { accessibilityLabels, fieldLabelOf, kindLabels, offerFieldLabels as l } from './labels.ts';

const none = { value: '', label: '— À préciser —' };
const options = (values: readonly string[], labels: Record<string, string> = {}) => [
  none,
  ...values.map((value) => ({ value, label: labels[value] ?? value })),
];
const yesNo = [
  { value: 'oui', label: 'Oui' },
  { value: 'non', label: 'Non' },
];

/**
 * The offer's fields, for a new draft or a draft's change. Only the reference is needed to save a
 * draft; publication needs the others (the description, the residence name and the reservation stay optional).
 */
export function OfferForm({
  values,
  errors,
  withReference,
  submitLabel,
  pending,
  onSubmit,
}: {
  values: Readonly<Record<string, string>>;
  errors: FormErrors;
  withReference: boolean;
  submitLabel: string;
  pending: boolean;
  onSubmit: (form: FormData) => void;
}) {
  const e = errors.fields;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(new FormData(event.currentTarget));
  };
  const text = (name: keyof typeof l, extra: { hint?: string; type?: string; inputMode?: 'decimal' | 'numeric' } = {}) => (
    <TextField name={name} label={l[name] ?? name} defaultValue={values[name] ?? ''} error={e[name]} {...extra} />
  );
  const select = (name: keyof typeof l, choices: readonly string[], labels?: Record<string, string>) => (
    <SelectField name={name} label={l[name] ?? name} options={options(choices, labels)} defaultValue={values[name] ?? ''} error={e[name]} />
  );
  return (
    <>
      <ErrorSummary items={errors.items} labels={fieldLabelOf} />
      <form onSubmit={submit} noValidate>
        <fieldset className="card">
          <legend className="card__legend">
            <h2>Le logement</h2>
          </legend>
          {withReference && text('externalReference', { hint: 'Votre référence pour ce logement (lettres, chiffres, . _ - /).' })}
          {text('residenceName')}
          {text('address')}
          {text('postalCode', { inputMode: 'numeric' })}
          {text('commune', { hint: 'Par exemple 92012 pour Boulogne-Billancourt, 75056 pour Paris.', inputMode: 'numeric' })}
          {select('kind', housingKindSchema.options, kindLabels)}
          {select('typology', typologySchema.options)}
          {text('rooms', { inputMode: 'numeric' })}
          {text('bedrooms', { inputMode: 'numeric' })}
          {text('surfaceM2', { inputMode: 'decimal' })}
          {text('floor', { hint: '0 pour le rez-de-chaussée.', inputMode: 'numeric' })}
          <RadioField
            name="elevator"
            legend={l.elevator ?? ''}
            options={yesNo}
            defaultValues={values.elevator ? [values.elevator] : []}
            error={e.elevator}
          />
          {select('accessibility', accessibilitySchema.options, accessibilityLabels)}
          {select('energyClass', energyClassSchema.options)}
        </fieldset>
        <fieldset className="card">
          <legend className="card__legend">
            <h2>Loyer et conditions</h2>
          </legend>
          {text('rentEuros', { inputMode: 'decimal' })}
          {text('chargesEuros', { inputMode: 'decimal' })}
          {text('depositEuros', { inputMode: 'decimal' })}
          {select('financing', financingSchema.options)}
          {text('availableFrom', { type: 'date' })}
          {text('reservedForSirets', { hint: 'Facultatif : les SIRET séparés par des virgules ; vide, l’offre est ouverte à tous.' })}
          <TextAreaField
            name="description"
            label={`${l.description} (facultatif)`}
            rows={4}
            defaultValue={values.description ?? ''}
            error={e.description}
          />
        </fieldset>
        <button type="submit" className="button" disabled={pending}>
          {submitLabel}
        </button>
      </form>
    </>
  );
}
