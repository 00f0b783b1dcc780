import type { ReactNode } from 'react';
import { TextField } from '#web/components/form/text-field.tsx';

/** One section of the situation form: a card whose legend is the section's title. */
export function FormSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="card">
      <legend className="card__legend">
        <h2>{title}</h2>
      </legend>
      {children}
    </fieldset>
  );
}

/**
 * A number typed in French (`24 500,50`), opening with the stored value; its message is the one
 * the form's errors hold under its name.
 */
export function AmountField({
  name,
  label,
  hint,
  value,
  errors,
}: {
  name: string;
  label: string;
  hint?: string;
  value: number | null | undefined;
  errors: Readonly<Record<string, string>>;
}) {
  return (
    <TextField
      name={name}
      inputMode="decimal"
      label={label}
      hint={hint}
      defaultValue={value === null || value === undefined ? '' : String(value)}
      error={errors[name]}
    />
  );
}
