import { createOffer, publishOffer, type OfferDeps } from '#offers/offer-use-cases.ts';
import { offerDraftSchema, type OfferView } from '#offers/offer-schemas.ts';
import type { Principal } from '#shared/auth.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '#shared/errors.ts';
import type { LifecycleDeps } from './lifecycle-context.ts';
import type { RepublishInput } from './lifecycle-schemas.ts';

export interface RepublishDeps extends LifecycleDeps {
  /** The offers area's own use cases create and publish the new offer, with their checks. */
  readonly offers: OfferDeps;
}

const notUnfilled = () =>
  new ConflictError('OFFER_NOT_UNFILLED', 'Seule une offre terminée sans attribution (non pourvue) peut être republiée.');

/** The reference of the new offer when the landlord gives none: the old one, marked (64 characters at most). */
const republishedReference = (reference: string) => `${reference.slice(0, 61)}-RP`;

/**
 * Issue #13 item 6: the landlord republishes an unfilled offer for a new window. The new offer
 * is a copy (a new id, so its applications, robot and history start afresh; the old offer keeps
 * its history), published now through the offers area's own use cases.
 * 1. The caller's landlord's offer only (404 unknown, 403 another landlord's); its lifecycle
 *    must have ended UNFILLED (409 `OFFER_NOT_UNFILLED`).
 * 2. The new offer's id is written on the old record first, with the event, guarded so that it
 *    is written once: a repeat or a concurrent twin continues with the same id.
 * 3. The copy is created as a draft with that id (a repeat finds it) and published, which starts
 *    its lifecycle; publishing again is a no-op. 201 with the new offer.
 */
export async function republishOffer(deps: RepublishDeps, offerId: string, input: RepublishInput, caller: Principal): Promise<OfferView> {
  const offer = await deps.store.offer(offerId);
  if (!offer) throw new NotFoundError('Aucune offre ne porte cet identifiant.');
  if (offer.landlordId !== caller.landlordId) throw new ForbiddenError('Cette offre appartient à un autre bailleur.');
  const record = await deps.store.record(offerId);
  if (record?.stage !== 'UNFILLED') throw notUnfilled();

  let newId = record.republishedAs;
  if (!newId) {
    const candidate = deps.offers.newId();
    const at = deps.now().toISOString();
    const items = deps.store.items;
    await deps.store.transact([
      items.updateRecord(
        offerId,
        { set: { republishedAs: candidate, updatedAt: at } },
        { expression: '#stage = :unfilled AND attribute_not_exists(republishedAs)', values: { ':unfilled': 'UNFILLED' } },
      ),
      items.event({ offerId, at, kind: 'OFFER_REPUBLISHED', actor: 'landlord', details: { republishedAs: candidate } }),
    ]);
    newId = (await deps.store.record(offerId))?.republishedAs;
    if (!newId) throw notUnfilled();
  }

  if (!(await deps.offers.offers.get(newId))) {
    const fields = Object.fromEntries(
      Object.keys(offerDraftSchema.shape).flatMap((name) => {
        const value = (offer as Record<string, unknown>)[name];
        return value === undefined || name === 'externalReference' ? [] : [[name, value]];
      }),
    );
    const draft = offerDraftSchema.parse({
      ...fields,
      externalReference: input.externalReference ?? republishedReference(offer.externalReference),
    });
    const id = newId;
    await createOffer({ ...deps.offers, newId: () => id }, draft, caller).catch(async (error: unknown) => {
      // A concurrent twin created it first: go on and publish it.
      if (!(error instanceof ConflictError) || !(await deps.offers.offers.get(id))) throw error;
    });
  }
  return publishOffer(deps.offers, newId, caller);
}
