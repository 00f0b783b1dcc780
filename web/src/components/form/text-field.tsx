import type { InputHTMLAttributes } from 'react';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'> {
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  /** The field's message, from the shared schema in the browser or from the API's 400 / 422. */
  readonly error?: string;
}

export const fieldId = (name: string) => `champ-${name}`;

/** A labelled input whose hint and error are tied to it (`aria-describedby`), the error marked invalid. */
export function TextField({ name, label, hint, error, ...input }: TextFieldProps) {
  const id = fieldId(name);
  const described = [hint && `${id}-aide`, error && `${id}-erreur`].filter(Boolean).join(' ') || undefined;
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
      <input className="field__input" id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={described} {...input} />
    </div>
  );
}
