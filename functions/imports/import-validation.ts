// zod's messages in French: the S3-triggered import run never loads http.ts.
import '#shared/zod-locale.ts';
import { ValidationError } from '#shared/errors.ts';
import { completeFields } from '#offers/offer-use-cases.ts';
import { fieldsRequiredToPublish, offerDraftSchema } from '#offers/offer-schemas.ts';
import { publishColumn, type FileRow, type RowError } from './import-rows.ts';

/** The offer fields a row sets, checked and completed as `POST /landlord/offers` does (department, rent with charges). */
type ImportedFields = ReturnType<typeof completeFields>;

/** A row that may be written: its reference, the whole offer it describes, and whether to publish it. */
export interface ValidRow {
  readonly line: number;
  readonly externalReference: string;
  readonly fields: ImportedFields;
  readonly publish: boolean;
}

/**
 * Checks one row with the offer API's own rules: the draft schema (formats, one French message
 * per field), then `completeFields` (commune, typology and rooms, rent with charges). A row to
 * publish must also carry every field publication requires, so that it is refused whole rather
 * than saved as a draft that then fails to publish.
 */
export function validateRow(row: FileRow): { valid?: ValidRow; errors: readonly RowError[] } {
  if (!row.values) return { errors: row.errors };
  const { [publishColumn]: publishValue, ...values } = row.values;
  const reference = typeof values.externalReference === 'string' ? values.externalReference.trim() : undefined;
  const errors: RowError[] = [...row.errors];
  const unreadable = new Set(row.errors.map((error) => error.field));
  const fail = (message: string, field?: string) => {
    if (!unreadable.has(field)) errors.push({ line: row.line, externalReference: reference, field, message });
  };

  if (publishValue !== undefined && typeof publishValue !== 'boolean') fail('Vrai ou faux attendu.', publishColumn);
  const publish = publishValue === true;

  const parsed = offerDraftSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') fail(`Champ inconnu. Champs possibles : voir docs/imports.md.`, issue.keys.join(', '));
      else fail(issue.message, issue.path.map(String).join('.') || undefined);
    }
    return { errors };
  }
  const { externalReference, ...draft } = parsed.data;
  let fields: ImportedFields;
  try {
    fields = completeFields(draft, new Set(Object.keys(draft)));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    for (const field of error.fields) fail(field.message, field.field.replace(/^body\./, ''));
    return { errors };
  }
  if (publish) {
    for (const name of fieldsRequiredToPublish) {
      if (fields[name] === undefined) fail('Champ obligatoire pour publier.', name);
    }
  }
  if (errors.length > 0) return { errors };
  return { valid: { line: row.line, externalReference, fields, publish }, errors };
}
