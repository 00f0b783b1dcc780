import { useState } from 'react';
import { relationshipSchema } from '#housing-file/situation-schemas.ts';
import { CheckboxField, SelectField } from '#web/components/form/choice-field.tsx';
import { TextField } from '#web/components/form/text-field.tsx';
import { FormSection } from './form-section.tsx';
import { relationshipLabels } from './labels.ts';

interface Member {
  readonly relationship: string;
  readonly birthDate: string;
  readonly disability: boolean;
}

const relationshipOptions = relationshipSchema.options.map((value) => ({ value, label: relationshipLabels[value] ?? value }));
let nextKey = 0;

/**
 * The household's members, one fieldset each, added and removed with buttons. Inputs keep their
 * values by a stable key while their names follow the position (`household.members.1.birthDate`).
 */
export function HouseholdFields({
  initial,
  errors,
  onCountChange,
}: {
  initial: readonly Member[];
  errors: Readonly<Record<string, string>>;
  onCountChange: (count: number) => void;
}) {
  const [rows, setRows] = useState(() => initial.map((member) => ({ key: nextKey++, member })));
  const update = (next: typeof rows) => {
    setRows(next);
    onCountChange(next.length);
  };
  return (
    <FormSection title="Mon ménage">
      <p className="muted">Vous-même (le demandeur) et les personnes qui vivront avec vous.</p>
      {errors['household.members'] && <p className="field__error">{errors['household.members']}</p>}
      {rows.map((row, index) => (
        <fieldset key={row.key} className="member">
          <legend className="member__legend">Personne {index + 1}</legend>
          <SelectField
            name={`household.members.${index}.relationship`}
            label="Lien avec le demandeur"
            options={relationshipOptions}
            defaultValue={row.member.relationship}
            error={errors[`household.members.${index}.relationship`]}
          />
          <TextField
            name={`household.members.${index}.birthDate`}
            type="date"
            label="Date de naissance"
            defaultValue={row.member.birthDate}
            error={errors[`household.members.${index}.birthDate`]}
          />
          <CheckboxField
            name={`household.members.${index}.disability`}
            label="En situation de handicap"
            defaultChecked={row.member.disability}
            error={errors[`household.members.${index}.disability`]}
          />
          {rows.length > 1 && (
            <button type="button" className="button button--link" onClick={() => update(rows.filter((other) => other.key !== row.key))}>
              Retirer la personne {index + 1}
            </button>
          )}
        </fieldset>
      ))}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => update([...rows, { key: nextKey++, member: { relationship: 'child', birthDate: '', disability: false } }])}
      >
        Ajouter une personne
      </button>
    </FormSection>
  );
}
