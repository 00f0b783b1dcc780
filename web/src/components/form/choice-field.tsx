import type { ReactNode } from 'react';
import { fieldId } from './text-field.tsx';

/** A checkbox with its label beside it (consent), its error above. */
export function CheckboxField({
  name,
  label,
  error,
  defaultChecked,
}: {
  name: string;
  label: ReactNode;
  error?: string;
  defaultChecked?: boolean;
}) {
  const id = fieldId(name);
  return (
    <div className={error ? 'field field--error' : 'field'}>
      {error && (
        <span className="field__error" id={`${id}-erreur`}>
          {error}
        </span>
      )}
      <label className="choice" htmlFor={id}>
        <input
          type="checkbox"
          id={id}
          name={name}
          value="oui"
          defaultChecked={defaultChecked}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-erreur` : undefined}
        />
        <span>{label}</span>
      </label>
    </div>
  );
}

/** Radio buttons (one answer) or checkboxes (several) in a fieldset whose legend is the question. */
export function ChoiceGroupField({
  name,
  legend,
  options,
  error,
  hint,
  multiple = false,
  defaultValues = [],
}: {
  name: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  error?: string;
  hint?: string;
  multiple?: boolean;
  defaultValues?: readonly string[];
}) {
  const id = fieldId(name);
  const described = [hint && `${id}-aide`, error && `${id}-erreur`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <fieldset id={id} aria-describedby={described}>
        <legend>{legend}</legend>
        {hint && (
          <span className="field__hint" id={`${id}-aide`}>
            {hint}
          </span>
        )}
        {error && (
          <span className="field__error" id={`${id}-erreur`}>
            {error}
          </span>
        )}
        <div className="field--inline">
          {options.map((option) => (
            <label key={option.value} className="choice" htmlFor={`${id}-${option.value}`}>
              <input
                type={multiple ? 'checkbox' : 'radio'}
                id={`${id}-${option.value}`}
                name={name}
                value={option.value}
                defaultChecked={defaultValues.includes(option.value)}
              />
              <span>{option.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** Radio buttons in a fieldset whose legend is the question. */
export const RadioField = (props: Omit<Parameters<typeof ChoiceGroupField>[0], 'multiple'>) => <ChoiceGroupField {...props} />;

/** A drop-down list with its label. */
export function SelectField({
  name,
  label,
  options,
  error,
  defaultValue,
}: {
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  error?: string;
  defaultValue?: string;
}) {
  const id = fieldId(name);
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {error && (
        <span className="field__error" id={`${id}-erreur`}>
          {error}
        </span>
      )}
      <select
        className="field__input"
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-erreur` : undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
