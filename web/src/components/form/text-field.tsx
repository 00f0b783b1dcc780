import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'> {
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  /** The field's message, from the shared schema in the browser or from the API's 400 / 422. */
  readonly error?: string;
}

export const fieldId = (name: string) => `champ-${name}`;

/** What ties a control to its hint and error: `aria-invalid` and `aria-describedby`. */
interface Described {
  readonly 'aria-invalid'?: true;
  readonly 'aria-describedby'?: string;
}

/**
 * A field's frame: its label, its hint and its error, each with the id the control names in
 * `aria-describedby`; the error marks the field invalid. `control` draws the control itself.
 */
function FieldFrame({
  id,
  label,
  hint,
  error,
  control,
}: {
  id: string;
  label: ReactNode;
  hint?: string;
  error?: string;
  control: (described: Described) => ReactNode;
}) {
  const describedBy = [hint && `${id}-aide`, error && `${id}-erreur`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
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
      {control({ 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
    </div>
  );
}

/** A labelled input whose hint and error are tied to it (`aria-describedby`), the error marked invalid. */
export function TextField({ name, label, hint, error, ...input }: TextFieldProps) {
  const id = fieldId(name);
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      error={error}
      control={(described) => <input className="field__input" id={id} name={name} {...described} {...input} />}
    />
  );
}

export interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name'> {
  readonly name: string;
  /** The control's id where a page shows the field more than once (a form per list item); `champ-<name>` otherwise. */
  readonly id?: string;
  readonly label: ReactNode;
  readonly hint?: string;
  readonly error?: string;
}

/** A labelled text area, tied to its hint and error like `TextField`. */
export function TextAreaField({ name, id = fieldId(name), label, hint, error, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      error={error}
      control={(described) => <textarea className="field__input" id={id} name={name} {...described} {...textarea} />}
    />
  );
}
