import type { SituationRecord, SituationStore } from '#housing-file/situation-store.ts';
import type { Principal } from '#shared/auth.ts';
import { NotFoundError } from '#shared/errors.ts';
import {
  assessOffer,
  hasOfferFacts,
  type Applicant,
  type OfferAssessment,
  type OfferFacts,
} from '#offers/eligibility/offer-eligibility.ts';
import { planTabs, tabOf, tabs, type Tab } from '#offers/eligibility/tabs.ts';
import type { Ceiling } from '#offers/reference/ceilings.ts';
import type { Geography } from '#offers/reference/geography.ts';
import { browseRules, encodeTabCursor, type BrowseQuery, type OfferDetails, type OfferSummary, type TabPage } from './browse-schemas.ts';
import type { Offer, OfferStore } from './offer-store.ts';

export interface BrowseDeps {
  readonly offers: Pick<OfferStore, 'get' | 'listOpenInDepartment'>;
  /** The caller's employer and "Ma situation", from one read of the employee's item; undefined when there is no file. */
  readonly situations: Pick<SituationStore, 'get'>;
  readonly geography: () => Promise<Geography>;
  readonly now: () => Date;
  readonly maxPagesPerDepartment?: number;
}

type ListedOffer = Offer & OfferFacts & { publishedAt: string; closesAt: string; address: string; postalCode: string };

const noSituation =
  'Renseignez « Ma situation » (ménage, revenus, critères de recherche et communes) pour voir les offres auxquelles vous pouvez candidater.';
const noCommunes = 'Indiquez au moins une commune connue dans vos critères de recherche (« Ma situation ») pour voir les offres.';

const applicantOf = (employee: SituationRecord | undefined): Applicant => ({
  siret: employee?.siret ?? '',
  situation: employee?.situation ?? {},
});

const ceilingView = (ceiling: Ceiling) => ({
  amountEuros: ceiling.amountEuros,
  official: ceiling.official,
  version: ceiling.version,
  zone: ceiling.zone,
  category: ceiling.category,
  extraPersons: ceiling.extraPersons,
  financing: ceiling.financing,
});

function summaryFields(offer: ListedOffer): Omit<OfferSummary, 'ceiling'> {
  return {
    offerId: offer.offerId,
    residenceName: offer.residenceName,
    address: offer.address,
    postalCode: offer.postalCode,
    commune: offer.commune,
    communeName: offer.communeName,
    department: offer.department,
    kind: offer.kind,
    typology: offer.typology,
    rooms: offer.rooms,
    bedrooms: offer.bedrooms,
    surfaceM2: offer.surfaceM2,
    floor: offer.floor,
    elevator: offer.elevator,
    accessibility: offer.accessibility,
    rentEuros: offer.rentEuros,
    chargesEuros: offer.chargesEuros,
    rentWithChargesEuros: offer.rentWithChargesEuros,
    energyClass: offer.energyClass,
    financing: offer.financing,
    availableFrom: offer.availableFrom,
    publishedAt: offer.publishedAt,
    closesAt: offer.closesAt,
    applicantCount: offer.applicantCount,
  };
}

const summaryOf = (offer: ListedOffer, ceiling: Ceiling): OfferSummary => ({ ...summaryFields(offer), ceiling: ceilingView(ceiling) });

const isListable = (offer: Offer): offer is ListedOffer =>
  hasOfferFacts(offer) &&
  offer.publishedAt !== undefined &&
  offer.closesAt !== undefined &&
  offer.address !== undefined &&
  offer.postalCode !== undefined;

/** Every open offer of a department: one Query, paged on only when DynamoDB cuts it at 1 MB (bounded). */
async function openOffersOf(deps: BrowseDeps, department: string, at: Date): Promise<Offer[]> {
  const maxPages = deps.maxPagesPerDepartment ?? browseRules.maxPagesPerDepartment;
  const offers: Offer[] = [];
  let cursor: Record<string, unknown> | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const result = await deps.offers.listOpenInDepartment(department, at, undefined, cursor);
    offers.push(...result.offers);
    cursor = result.cursor;
    if (!cursor) break;
  }
  return offers;
}

/**
 * The employee's tabs (R7): the page of one tab and the counts of all three.
 * 1. One GetItem of the employee's item (employer SIRET and "Ma situation"). Without a situation
 *    or without a known commune: an empty result with a message, not an error.
 * 2. The tabs are planned from the requested communes (`planTabs`).
 * 3. One Query per department to query, in parallel (more pages only past 1 MB, bounded).
 * 4. In memory: each offer goes to its tab (`tabOf`), and stays only if the employee may apply
 *    (`assessOffer`: window, reservation, main residence, income ceiling, criteria, occupancy).
 * 5. Each tab is ordered soonest closing first (then by id); the cursor is the offset in the tab.
 */
export async function browseOffers(deps: BrowseDeps, query: BrowseQuery, caller: Principal): Promise<TabPage> {
  const empty = (message: string): TabPage => ({
    tab: query.tab,
    offers: [],
    counts: { requested: 0, neighbouring: 0, department: 0 },
    message,
  });
  const employee = await deps.situations.get(caller.userId);
  const communes = employee?.situation?.searchCriteria?.communes ?? [];
  if (!employee?.situation) return empty(noSituation);
  if (communes.length === 0) return empty(noCommunes);
  const geography = await deps.geography();
  const plan = planTabs(communes, geography);
  if (plan.requested.size === 0) return empty(noCommunes);

  const now = deps.now();
  const applicant = applicantOf(employee);
  const perDepartment = await Promise.all(plan.departmentsToQuery.map((department) => openOffersOf(deps, department, now)));
  const byTab: Record<Tab, { offer: ListedOffer; ceiling: Ceiling }[]> = { requested: [], neighbouring: [], department: [] };
  for (const offer of perDepartment.flat()) {
    if (!isListable(offer)) continue;
    const tab = tabOf(offer, plan);
    if (!tab) continue;
    const assessment = assessOffer(offer, applicant, now, geography);
    if (assessment.eligible && assessment.ceiling) byTab[tab].push({ offer, ceiling: assessment.ceiling });
  }
  for (const tab of tabs) {
    byTab[tab].sort((a, b) => a.offer.closesAt.localeCompare(b.offer.closesAt) || a.offer.offerId.localeCompare(b.offer.offerId));
  }
  const list = byTab[query.tab];
  const start = query.cursor ?? 0;
  const end = start + query.limit;
  return {
    tab: query.tab,
    offers: list.slice(start, end).map(({ offer, ceiling }) => summaryOf(offer, ceiling)),
    counts: { requested: byTab.requested.length, neighbouring: byTab.neighbouring.length, department: byTab.department.length },
    ...(end < list.length ? { cursor: encodeTabCursor(end) } : {}),
  };
}

/**
 * An offer's details for an employee, with the verdict.
 * 1. The offer and the employee's item, two GetItems in parallel.
 * 2. Unknown, draft or incomplete offer: 404 (a draft is not public).
 * 3. `assessOffer` gives every criterion with its message and the ceiling applied.
 */
export async function browseOffer(deps: BrowseDeps, offerId: string, caller: Principal): Promise<OfferDetails> {
  const [offer, employee] = await Promise.all([deps.offers.get(offerId), deps.situations.get(caller.userId)]);
  if (offer?.status !== 'PUBLISHED' || !isListable(offer)) throw new NotFoundError('Aucune offre publiée ne porte cet identifiant.');
  const geography = await deps.geography();
  const assessment: OfferAssessment = assessOffer(offer, applicantOf(employee), deps.now(), geography);
  const ceiling = assessment.ceiling ? ceilingView(assessment.ceiling) : null;
  return {
    ...summaryFields(offer),
    depositEuros: offer.depositEuros,
    description: offer.description,
    reserved: (offer.reservedForSirets?.length ?? 0) > 0,
    ceiling,
    eligibility: {
      eligible: assessment.eligible,
      reasons: assessment.reasons.map((reason) => ({ code: reason.code, met: reason.met, message: reason.message })),
      ceiling,
    },
  };
}
