import { textOf } from '#web/lib/form-errors.ts';
import type { Offer, OfferDraft, OfferPatch } from '../api/use-offers.ts';

const textFields = ['residenceName', 'address', 'postalCode', 'commune', 'description', 'availableFrom'] as const;
const choiceFields = ['kind', 'typology', 'accessibility', 'energyClass', 'financing'] as const;
const numberFields = ['rooms', 'bedrooms', 'surfaceM2', 'floor', 'rentEuros', 'chargesEuros', 'depositEuros'] as const;

/** « 620,50 » → 620.5; what is not a number is sent as written, so that the schema's message names it. */
function numberOf(raw: string): number | string {
  const cleaned = raw.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  const value = Number(cleaned);
  return cleaned !== '' && Number.isFinite(value) ? value : raw;
}

/**
 * The offer's fields as the form holds them: each field present with its value, `null` when left
 * empty. A draft drops the empty ones; a change sends `null`, which clears the field.
 */
function fieldsOf(form: FormData): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const name of [...textFields, ...choiceFields]) {
    const value = textOf(form, name).trim();
    fields[name] = value === '' ? null : value;
  }
  for (const name of numberFields) {
    const value = textOf(form, name).trim();
    fields[name] = value === '' ? null : numberOf(value);
  }
  const elevator = textOf(form, 'elevator');
  fields.elevator = elevator === '' ? null : elevator === 'oui';
  const sirets = textOf(form, 'reservedForSirets')
    .split(/[\s,;]+/)
    .map((siret) => siret.trim())
    .filter(Boolean);
  fields.reservedForSirets = sirets.length ? sirets : null;
  return fields;
}

export function draftOf(form: FormData): OfferDraft {
  const fields = Object.fromEntries(Object.entries(fieldsOf(form)).filter(([, value]) => value !== null));
  return { externalReference: textOf(form, 'externalReference').trim(), ...fields } as OfferDraft;
}

export function patchOf(form: FormData): OfferPatch {
  return fieldsOf(form) as OfferPatch;
}

/** An offer's values as the form's inputs show them. */
export function formValuesOf(offer: Offer | undefined): Record<string, string> {
  if (!offer) return {};
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(offer)) {
    if (typeof value === 'string') values[name] = value;
    else if (typeof value === 'number') values[name] = String(value).replace('.', ',');
  }
  if (offer.elevator !== undefined) values.elevator = offer.elevator ? 'oui' : 'non';
  values.reservedForSirets = offer.reservedForSirets?.join(', ') ?? '';
  return values;
}
