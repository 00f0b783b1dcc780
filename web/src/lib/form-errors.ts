import { ApiError } from './api-client.ts';

export interface FormErrors {
  /** The first message of each field, by the field's name in the form (`email`, `siret`). */
  readonly fields: Readonly<Record<string, string>>;
  /** Every message, for the summary above the form; those without a field are the form's own. */
  readonly items: readonly { readonly field?: string; readonly message: string }[];
}

export const noErrors: FormErrors = { fields: {}, items: [] };

/** `body.email` → `email`: a form names its inputs after the request's body (or path) fields. */
const formName = (field: string) => field.replace(/^(body|params|query)\.?/, '');

/**
 * What a form shows for a failed submission: the API's field messages (or the same schema's, checked
 * before sending) beside their fields, and the API's message when no field is named.
 */
export function formErrorsOf(error: unknown): FormErrors {
  if (!(error instanceof ApiError)) return { fields: {}, items: [{ message: 'Erreur inattendue. Réessayez plus tard.' }] };
  const fields: Record<string, string> = {};
  const items: { field?: string; message: string }[] = [];
  for (const { field, message } of error.fields) {
    const name = formName(field);
    if (!name) {
      items.push({ message });
      continue;
    }
    fields[name] ??= message;
    items.push({ field: name, message });
  }
  if (!items.length) items.push({ message: error.message });
  return { fields, items };
}

/** A text input's value from a submitted form; absent inputs give an empty string. */
export const textOf = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};
