import type { Principal } from '#shared/auth.ts';
import { laterThan } from '#shared/calendar.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, ValidationError, type FieldError } from '#shared/errors.ts';
import { encodeCursor } from '#shared/page-cursor.ts';
import { readPage } from '#shared/page-read.ts';
import type { LifecycleStarter } from './lifecycle-starter.ts';
import { resolveCommune } from '#housing-file/communes.ts';
import { closingTime, type OfferRules } from './offer-rules.ts';
import {
  fieldsRequiredToPublish,
  type OfferDraftInput,
  type OfferListQuery,
  type OfferPage,
  type OfferPatchInput,
  type OfferView,
} from './offer-schemas.ts';
import { DuplicateExternalReference, OfferChangedMeanwhile, ReferencesBeingImported, type Offer, type OfferStore } from './offer-store.ts';

export interface OfferDeps {
  readonly offers: OfferStore;
  readonly rules: OfferRules;
  /** Starts the offer's lifecycle (Step Functions) at publication. */
  readonly lifecycle: LifecycleStarter;
  readonly now: () => Date;
  readonly newId: () => string;
}

/** The landlord organisation the caller acts for, from its token's `custom:landlordId`. */
function landlordOf(caller: Principal): string {
  if (!caller.landlordId) throw new ForbiddenError('Votre compte n’est rattaché à aucun bailleur.');
  return caller.landlordId;
}

/**
 * The caller's own offer. An unknown id is a 404; another landlord's offer is a 403 (the issue
 * asks for 403: offer ids are random UUIDs, so the answer reveals nothing guessable).
 */
async function ownOffer(deps: OfferDeps, caller: Principal, offerId: string): Promise<Offer> {
  const landlordId = landlordOf(caller);
  const offer = await deps.offers.get(offerId);
  if (!offer) throw new NotFoundError('Aucune offre ne porte cet identifiant.');
  if (offer.landlordId !== landlordId) throw new ForbiddenError('Cette offre appartient à un autre bailleur.');
  return offer;
}

const published = () => new ConflictError('OFFER_PUBLISHED', 'Une offre publiée ne peut plus être modifiée.');
const changed = () => new ConflictError('OFFER_CHANGED', 'L’offre a été modifiée entre-temps ; relisez-la puis réessayez.');

type OfferFields = Omit<
  Offer,
  | 'externalReference'
  | 'offerId'
  | 'landlordId'
  | 'status'
  | 'createdAt'
  | 'createdBy'
  | 'updatedAt'
  | 'publishedAt'
  | 'closesAt'
  | 'applicantCount'
>;

const cents = (euros: number) => Math.round(euros * 100);
const typologyRooms = { T1: 1, T2: 2, T3: 3, T4: 4, 'T5+': 5 } as const;

/**
 * Checks that need the commune list or several fields, on the offer as it will be stored, and
 * derives department, commune name and rent with charges. `sent` names the fields of the request,
 * so that a message points at what the caller wrote.
 */
export function completeFields(fields: OfferFields, sent: ReadonlySet<string>): OfferFields {
  const errors: FieldError[] = [];
  const blame = (preferred: string, other: string) => `body.${sent.has(preferred) || !sent.has(other) ? preferred : other}`;
  const result: OfferFields = { ...fields };
  delete result.department;
  delete result.communeName;
  delete result.rentWithChargesEuros;

  if (fields.commune !== undefined) {
    const resolved = resolveCommune(fields.commune);
    if (!resolved) {
      errors.push({ field: 'body.commune', message: 'Commune inconnue : ce code INSEE n’est pas dans la liste officielle des communes.' });
    } else {
      result.commune = resolved.commune.code;
      result.department = resolved.commune.department;
      result.communeName = resolved.commune.name;
    }
  }
  if (fields.typology !== undefined && fields.rooms !== undefined) {
    const expected = typologyRooms[fields.typology];
    const fits = fields.typology === 'T5+' ? fields.rooms >= expected : fields.rooms === expected;
    if (!fits) {
      const rooms = fields.typology === 'T5+' ? '5 pièces ou plus' : `${expected} pièce${expected > 1 ? 's' : ''}`;
      errors.push({
        field: blame('rooms', 'typology'),
        message: `Le nombre de pièces ne correspond pas à la typologie ${fields.typology} (${rooms}).`,
      });
    }
  }
  if (fields.bedrooms !== undefined && fields.rooms !== undefined && fields.bedrooms >= fields.rooms) {
    errors.push({ field: blame('bedrooms', 'rooms'), message: 'Le nombre de chambres doit être inférieur au nombre de pièces.' });
  }
  if (fields.rentEuros !== undefined && fields.chargesEuros !== undefined) {
    const total = (cents(fields.rentEuros) + cents(fields.chargesEuros)) / 100;
    if (
      fields.rentWithChargesEuros !== undefined &&
      sent.has('rentWithChargesEuros') &&
      cents(fields.rentWithChargesEuros) !== cents(total)
    ) {
      errors.push({
        field: 'body.rentWithChargesEuros',
        message: `Le loyer charges comprises doit valoir loyer + charges, soit ${total} €.`,
      });
    }
    result.rentWithChargesEuros = total;
  } else if (sent.has('rentWithChargesEuros') && fields.rentWithChargesEuros !== undefined) {
    errors.push({
      field: 'body.rentWithChargesEuros',
      message: 'Indiquez aussi le loyer hors charges et les charges : le total en est déduit.',
    });
  }
  if (fields.reservedForSirets?.length === 0) delete result.reservedForSirets;
  if (errors.length > 0) throw new ValidationError(errors);
  return result;
}

function toOfferView(offer: Offer): OfferView {
  const { createdBy: _createdBy, ...view } = offer;
  return view;
}

/**
 * A landlord creates a draft offer.
 * 1. The caller's organisation comes from its token (403 without one).
 * 2. Commune, typology and rooms, rent with charges are checked (400); department derived.
 * 3. One transaction writes the draft (0 applicants) and the external-reference guard: a
 *    reference already used by this landlord is a 409.
 */
export async function createOffer(deps: OfferDeps, input: OfferDraftInput, caller: Principal): Promise<OfferView> {
  const landlordId = landlordOf(caller);
  const { externalReference, ...fields } = input;
  const now = deps.now().toISOString();
  const offer: Offer = {
    ...completeFields(fields, new Set(Object.keys(fields))),
    offerId: deps.newId(),
    landlordId,
    status: 'DRAFT',
    externalReference,
    createdAt: now,
    createdBy: caller.userId,
    updatedAt: now,
    applicantCount: 0,
  };
  await deps.offers.create(offer).catch((error: unknown) => {
    if (error instanceof DuplicateExternalReference) {
      throw new ConflictError('EXTERNAL_REFERENCE_EXISTS', `Vous avez déjà une offre de référence ${externalReference}.`);
    }
    if (error instanceof ReferencesBeingImported) {
      throw new ConflictError(
        'IMPORT_IN_PROGRESS',
        'Un import de fichier enregistre en ce moment de nouvelles offres de votre organisation : réessayez dans quelques instants.',
      );
    }
    throw error;
  });
  return toOfferView(offer);
}

/**
 * A landlord edits its draft.
 * 1. Its own offer only (404 unknown, 403 another landlord's); a published offer is a 409.
 * 2. Sent fields replace the draft's, `null` clears one; the result is checked as at creation.
 * 3. One conditional put, only if the draft did not change meanwhile (409 otherwise, and 409
 *    "published" when it was published meanwhile).
 */
export async function updateOffer(deps: OfferDeps, offerId: string, patch: OfferPatchInput, caller: Principal): Promise<OfferView> {
  const current = await ownOffer(deps, caller, offerId);
  if (current.status !== 'DRAFT') throw published();
  const merged: Record<string, unknown> = { ...current };
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete merged[name];
    else if (value !== undefined) merged[name] = value;
  }
  const {
    offerId: _id,
    landlordId,
    status,
    createdAt,
    createdBy,
    updatedAt: _updatedAt,
    publishedAt: _p,
    closesAt: _c,
    applicantCount,
    externalReference,
    ...fields
  } = merged as Offer;
  const offer: Offer = {
    ...completeFields(fields, new Set(Object.keys(patch))),
    offerId,
    landlordId,
    status,
    externalReference,
    createdAt,
    createdBy,
    updatedAt: laterThan(deps.now(), current.updatedAt),
    applicantCount,
  };
  await deps.offers.replaceDraft(offer, current.updatedAt).catch((error: unknown) => {
    if (error instanceof OfferChangedMeanwhile) throw error.current?.status === 'PUBLISHED' ? published() : changed();
    throw error;
  });
  return toOfferView(offer);
}

/**
 * A landlord publishes its draft.
 * 1. Its own offer only (404, 403). Already published: the same offer, unchanged (idempotent).
 * 2. Every field required to publish must be present: 422 listing the missing ones.
 * 3. `publishedAt` = now, `closesAt` = now + the configured application window (R8, `P7D`).
 * 4. One conditional update sets the status, the dates and the department index key (GSI1); a
 *    concurrent publication answers the offer it published.
 * 5. The offer's lifecycle execution starts (named by the offer id: started once).
 */
export async function publishOffer(deps: OfferDeps, offerId: string, caller: Principal): Promise<OfferView> {
  const current = await ownOffer(deps, caller, offerId);
  if (current.status === 'PUBLISHED') return started(deps, current);
  const missing = fieldsRequiredToPublish.filter((name) => current[name] === undefined);
  if (missing.length > 0 || !current.department) {
    throw new UnprocessableError(
      'OFFER_INCOMPLETE',
      'L’offre ne peut pas être publiée : des champs obligatoires manquent.',
      missing.map((name) => ({ field: `body.${name}`, message: 'Champ obligatoire pour publier.' })),
    );
  }
  const now = deps.now();
  const offer = {
    ...current,
    status: 'PUBLISHED' as const,
    department: current.department,
    publishedAt: now.toISOString(),
    closesAt: closingTime(now, deps.rules).toISOString(),
    updatedAt: laterThan(now, current.updatedAt),
  };
  try {
    await deps.offers.publish(offer, current.updatedAt);
  } catch (error) {
    if (!(error instanceof OfferChangedMeanwhile)) throw error;
    if (error.current?.status === 'PUBLISHED') return started(deps, error.current);
    throw changed();
  }
  return started(deps, offer);
}

/**
 * Starts the published offer's lifecycle, idempotently: a repeated publication also restarts a
 * lifecycle whose start was lost (a crash between the update and the start).
 */
async function started(deps: OfferDeps, offer: Offer): Promise<OfferView> {
  if (offer.closesAt) await deps.lifecycle.start({ offerId: offer.offerId, closesAt: offer.closesAt });
  return toOfferView(offer);
}

/**
 * The landlord's offers, newest first, one page at a time, each with its status and applicant
 * count (never an applicant). One Query on GSI2 in the landlord's partition; a cursor cannot
 * leave it. A cursor DynamoDB refuses is a 400 on `query.cursor`.
 */
export async function listOffers(deps: OfferDeps, query: OfferListQuery, caller: Principal): Promise<OfferPage> {
  const landlordId = landlordOf(caller);
  const page = await readPage(query.cursor, () => deps.offers.listByLandlord(landlordId, query.limit, query.cursor));
  return { offers: page.offers.map(toOfferView), cursor: page.cursor ? encodeCursor(page.cursor) : undefined };
}

/** One of the landlord's offers (404 unknown, 403 another landlord's). */
export async function getOffer(deps: OfferDeps, offerId: string, caller: Principal): Promise<OfferView> {
  return toOfferView(await ownOffer(deps, caller, offerId));
}
