import type { Principal } from '#shared/auth.ts';
import { mapLimit } from '#shared/bounded.ts';
import { laterThan } from '#shared/calendar.ts';
import { offerFieldSchemas } from '#offers/offer-schemas.ts';
import { OfferChangedMeanwhile, type Offer } from '#offers/offer-store.ts';
import type { RowError } from './import-rows.ts';
import type { ImportDeps } from './import-use-cases.ts';
import type { ValidRow } from './import-validation.ts';

/** What happened to one row. */
type RowOutcome = 'created' | 'updated' | 'unchanged' | 'rejected';

const comparedFields = [...Object.keys(offerFieldSchemas), 'department', 'communeName'] as const;

/** True when the offer already says exactly what the row says (a missing cell means the field is absent). */
function sameFields(offer: Offer, row: ValidRow): boolean {
  const stored = offer as Record<string, unknown>;
  const wanted = row.fields as Record<string, unknown>;
  return comparedFields.every((name) => JSON.stringify(stored[name]) === JSON.stringify(wanted[name]));
}

/** The draft offer a row describes, with what it keeps of the offer it creates or replaces. */
const draftOf = (
  row: ValidRow,
  kept: Pick<Offer, 'offerId' | 'landlordId' | 'externalReference' | 'createdAt' | 'createdBy' | 'updatedAt' | 'applicantCount'>,
): Offer => ({
  ...row.fields,
  status: 'DRAFT',
  ...kept,
});

const publishedMessage = 'Offre déjà publiée : elle ne peut plus être modifiée (ligne ignorée).';

/**
 * Writes one chunk of valid rows; returns what happened to each, in order.
 * 1. Take the landlord's reference lease (`takeLease`), read the references' offers in batches
 *    and sort the rows: new, existing, or claimed by a writer that died (a guard without offer).
 *    A read that left less than half of the lease is done again under a new one.
 * 2. New offers: their guards, then their drafts, in plain batches: under the lease no one else
 *    creates a reference of the landlord. Then the lease is released.
 * 3. Existing offers: unchanged, a replaced draft (conditional on its version, retried from the
 *    current offer), or refused when published.
 * 4. References another writer claimed: reconciled once its offer appears; written here, with
 *    the id its guard names, when it never does (a writer that died in between), unless it
 *    appears at that very moment (then reconciled: a slow writer's offer is never overwritten).
 * 5. Publish the rows marked so, as the publish route does it (starting the offer's lifecycle).
 */
export async function writeChunk(
  deps: ImportDeps,
  landlordId: string,
  rows: readonly ValidRow[],
  caller: Principal,
  errors: RowError[],
): Promise<{ result: RowOutcome; published: boolean }[]> {
  const now = deps.now();
  const results = new Map<ValidRow, { result: RowOutcome; offerId?: string; draft?: boolean }>();
  const reject = (row: ValidRow, message: string, field?: string) => {
    errors.push({ line: row.line, externalReference: row.externalReference, field, message });
    results.set(row, { result: 'rejected' });
  };
  const newDraft = (row: ValidRow, offerId: string) =>
    draftOf(row, {
      offerId,
      landlordId,
      externalReference: row.externalReference,
      createdAt: now.toISOString(),
      createdBy: caller.userId,
      updatedAt: now.toISOString(),
      applicantCount: 0,
    });

  /** Brings an existing offer to what the row says: nothing, a replaced draft, or a refusal. */
  const reconcile = async (row: ValidRow, current: Offer): Promise<void> => {
    for (let attempt = 0; ; attempt += 1) {
      if (sameFields(current, row)) {
        results.set(row, { result: 'unchanged', offerId: current.offerId, draft: current.status === 'DRAFT' });
        return;
      }
      if (current.status !== 'DRAFT') return reject(row, publishedMessage);
      const { offerId, landlordId: owner, externalReference, createdAt, createdBy, applicantCount } = current;
      const next = draftOf(row, {
        offerId,
        landlordId: owner,
        externalReference,
        createdAt,
        createdBy,
        updatedAt: laterThan(now, current.updatedAt),
        applicantCount,
      });
      try {
        await deps.drafts.replaceDraft(next, current.updatedAt);
        results.set(row, { result: 'updated', offerId, draft: true });
        return;
      } catch (error) {
        if (!(error instanceof OfferChangedMeanwhile)) throw error;
        if (!error.current || attempt >= 2) return reject(row, 'L’offre a été modifiée pendant l’import : réimportez le fichier.');
        current = error.current;
      }
    }
  };

  // Under the landlord's reference lease: the references' offers, then the new ones written as read.
  const holder = deps.newId();
  let found: Awaited<ReturnType<typeof deps.offers.findByReferences>>;
  for (;;) {
    const leaseEnd = await takeLease(deps, landlordId, holder);
    found = await deps.offers.findByReferences(
      landlordId,
      rows.map((row) => row.externalReference),
    );
    if (deps.now().getTime() < leaseEnd - deps.rules.referenceLeaseMs / 2) break;
  }
  const fresh: { row: ValidRow; offer: Offer }[] = [];
  const existing: { row: ValidRow; offer: Offer }[] = [];
  let waiting: ValidRow[] = [];
  for (const row of rows) {
    const referenced = found.get(row.externalReference);
    if (!referenced) fresh.push({ row, offer: newDraft(row, deps.newId()) });
    else if (referenced.offer) existing.push({ row, offer: referenced.offer });
    else waiting.push(row);
  }
  try {
    await deps.offers.putNewOffersAndGuards(fresh.map(({ offer }) => offer));
  } finally {
    await deps.offers.releaseReferences(landlordId, holder);
  }
  for (const { row, offer } of fresh) results.set(row, { result: 'created', offerId: offer.offerId, draft: true });

  await mapLimit(existing, deps.rules.concurrency, ({ row, offer }) => reconcile(row, offer));

  // References whose guard names an offer not there: another import's, not written yet; one that
  // never appears (a writer that died in between) is written here, with the id its guard names.
  const deadline = Date.now() + deps.rules.claimedOfferWaitMs;
  for (let pause = 50; waiting.length > 0; pause = Math.min(pause * 2, 500)) {
    found = await deps.offers.findByReferences(
      landlordId,
      waiting.map((row) => row.externalReference),
    );
    const stillWaiting: ValidRow[] = [];
    await mapLimit(waiting, deps.rules.concurrency, async (row) => {
      const referenced = found.get(row.externalReference);
      if (referenced?.offer) return reconcile(row, referenced.offer);
      if (referenced && Date.now() > deadline) {
        const there = await deps.offers.completeClaimedOffer(newDraft(row, referenced.offerId));
        if (there) return reconcile(row, there);
        results.set(row, { result: 'created', offerId: referenced.offerId, draft: true });
        return;
      }
      stillWaiting.push(row);
    });
    waiting = stillWaiting;
    if (waiting.length > 0) await new Promise((resolve) => setTimeout(resolve, pause));
  }

  // Publication, as the publish route does it (and so starting the offer's lifecycle).
  const published = new Set<ValidRow>();
  await mapLimit(rows, deps.rules.concurrency, async (row) => {
    const result = results.get(row);
    if (!row.publish || !result?.offerId || !result.draft) return;
    try {
      await deps.publish(result.offerId, caller);
      published.add(row);
    } catch (error) {
      if (!(error instanceof Error) || !('statusCode' in error) || Number(error.statusCode) >= 500) throw error;
      errors.push({
        line: row.line,
        externalReference: row.externalReference,
        field: 'publish',
        message: `Offre enregistrée en brouillon, non publiée : ${error.message}`,
      });
    }
  });
  return rows.map((row) => ({ result: results.get(row)?.result ?? 'rejected', published: published.has(row) }));
}

/**
 * Takes the landlord's reference lease for `holder` and answers when it ends (epoch ms). Another
 * holder's lease is waited out: a chunk's batches take seconds, and a dead holder's lease runs
 * out after `referenceLeaseMs`.
 */
async function takeLease(deps: ImportDeps, landlordId: string, holder: string): Promise<number> {
  const giveUpAt = deps.now().getTime() + 3 * deps.rules.referenceLeaseMs;
  for (let pause = 50; ; pause = Math.min(pause * 2, 1_000)) {
    const now = deps.now().getTime();
    const end = now + deps.rules.referenceLeaseMs;
    if (await deps.offers.leaseReferences(landlordId, holder, now, end)) return end;
    if (now > giveUpAt) throw new Error('The landlord’s reference lease was never free');
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
