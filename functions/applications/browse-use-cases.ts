import type { CompanyStore } from '#companies/company-store.ts';
import type { Principal } from '#shared/auth.ts';
import { NotFoundError } from '#shared/errors.ts';
import { hasOfferFacts, type OfferFacts } from '#offers/eligibility/offer-eligibility.ts';
import { planTabs, tabOf, tabs, type Tab } from '#offers/eligibility/tabs.ts';
import type { Ceiling } from '#offers/reference/ceilings.ts';
import type { Geography } from '#offers/reference/geography.ts';
import type { ScoringGrid } from '#scoring/grid.ts';
import type { Offer, OfferStore } from '#offers/offer-store.ts';
import type { ApplicationStore } from './application-store.ts';
import { offerVerdict, personVerdict, type MissingStep, type VerdictRules } from './apply-verdict.ts';
import { browseRules, encodeTabCursor, type BrowseQuery, type OfferDetails, type OfferSummary, type TabPage } from './browse-schemas.ts';
import { isActive, provisionalScore } from './provisional-score.ts';

export interface BrowseDeps {
  readonly offers: Pick<OfferStore, 'listOpenInDepartment'>;
  /** The caller's file (one Query of the employee's partition) and an offer with the caller's application (one BatchGetItem). */
  readonly files: Pick<ApplicationStore, 'applicantFile' | 'offerAndApplication'>;
  /** The employer's record, for the employer criterion of the provisional score. */
  readonly companies: Pick<CompanyStore, 'get'>;
  readonly grids: { provisional(at: Date): Promise<ScoringGrid> };
  readonly rules: VerdictRules;
  readonly geography: () => Promise<Geography>;
  readonly now: () => Date;
  readonly maxPagesPerDepartment?: number;
  /** The departments each recent caller's tabs queried: the next request queries them while the file is read. */
  readonly recentDepartments: RecentDepartments;
}

/** The departments of callers' last tabs, per caller, for one execution environment; the oldest forgotten past `max`. */
export interface RecentDepartments {
  get(userId: string): readonly string[] | undefined;
  set(userId: string, departments: readonly string[]): void;
}

export function recentDepartments(max: number): RecentDepartments {
  const byUser = new Map<string, readonly string[]>();
  return {
    get: (userId) => byUser.get(userId),
    set(userId, departments) {
      // Deleted first so that the caller becomes the newest entry (a Map iterates in insertion order).
      byUser.delete(userId);
      byUser.set(userId, departments);
      if (byUser.size > max) byUser.delete(byUser.keys().next().value as string);
    },
  };
}

type ListedOffer = Offer & OfferFacts & { publishedAt: string; closesAt: string; address: string; postalCode: string };

const cannotApply = 'Dossier incomplet : vous ne recevrez aucune offre tant que ces points ne sont pas réglés.';
const atCap =
  'Vous avez atteint le nombre maximum de candidatures en cours : aucune offre n’est proposée tant que vous n’en retirez pas une.';
const noCommunes = 'Indiquez au moins une commune connue dans vos critères de recherche (« Ma situation ») pour voir les offres.';
const noCommunesStep: MissingStep = { code: 'search-criteria', message: noCommunes, fixAt: '/ma-situation' };

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

/** Unknown offer, or closed to the caller: one answer for both (no enumeration), saying both cases. */
const offerNotFound = () =>
  new NotFoundError(
    'Aucune offre ouverte ne porte cet identifiant ; une offre dont les candidatures sont closes n’est visible que de ses candidats.',
  );

/** The window, as `offerVerdict` reads it: open until `closesAt` excluded. */
const isOpen = (offer: ListedOffer, now: Date) => now.getTime() < Date.parse(offer.closesAt);

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
 * 1. One Query of the employee's partition (profile, "Ma situation", NUD, documents, active
 *    applications). When the person cannot apply anywhere (`personVerdict`: situation, NUD,
 *    documents, employment, cap), or has no known commune: no offer, a message and the list of
 *    what is missing, each with where to fix it; not an error.
 * 2. The tabs are planned from the requested communes (`planTabs`).
 * 3. One Query per department to query, in parallel (more pages only past 1 MB, bounded). The
 *    departments the caller's previous tabs queried (`recentDepartments`) are queried at once,
 *    beside the file's Query, instead of after it (a tab opened after another, a page after
 *    another); a department the file's plan adds is queried then, one it drops is left unread.
 * 4. In memory: each offer goes to its tab (`tabOf`), and stays only if the employee may apply
 *    (`offerVerdict`, the verdict "Je postule" applies).
 * 5. Each tab is ordered soonest closing first (then by id); the cursor is the offset in the tab.
 */
export async function browseOffers(deps: BrowseDeps, query: BrowseQuery, caller: Principal): Promise<TabPage> {
  const now = deps.now();
  const early = new Map(
    (deps.recentDepartments.get(caller.userId) ?? []).map((department) => [department, openOffersOf(deps, department, now)]),
  );
  // An early Query that fails fails the request only if its department is used.
  for (const pending of early.values()) pending.catch(() => undefined);
  const empty = (message: string, missing: readonly MissingStep[]): TabPage => {
    deps.recentDepartments.set(caller.userId, []);
    return {
      tab: query.tab,
      offers: [],
      counts: { requested: 0, neighbouring: 0, department: 0 },
      message,
      missing: missing.map(({ code, message, fixAt }) => ({ code, message, fixAt })),
    };
  };
  const file = await deps.files.applicantFile(caller.userId);
  const person = personVerdict(file, now, deps.rules);
  if (!person.canApply) {
    const onlyCap = person.missing.every((step) => step.code === 'too-many-applications');
    return empty(onlyCap ? atCap : cannotApply, person.missing);
  }
  const communes = file?.situation.situation?.searchCriteria?.communes ?? [];
  if (communes.length === 0) return empty(noCommunes, [noCommunesStep]);
  const geography = await deps.geography();
  const plan = planTabs(communes, geography);
  if (plan.requested.size === 0) return empty(noCommunes, [noCommunesStep]);

  deps.recentDepartments.set(caller.userId, plan.departmentsToQuery);
  const perDepartment = await Promise.all(
    plan.departmentsToQuery.map((department) => early.get(department) ?? openOffersOf(deps, department, now)),
  );
  const byTab: Record<Tab, { offer: ListedOffer; ceiling: Ceiling }[]> = { requested: [], neighbouring: [], department: [] };
  for (const offer of perDepartment.flat()) {
    if (!isListable(offer)) continue;
    const tab = tabOf(offer, plan);
    if (!tab) continue;
    const verdict = offerVerdict(offer, file, now, geography, deps.rules, false, person);
    if (verdict.eligible && verdict.assessment.ceiling) byTab[tab].push({ offer, ceiling: verdict.assessment.ceiling });
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
 * An offer's details for an employee, with the verdict and, while the window is open, the
 * provisional score.
 * 1. The offer with the caller's application (one BatchGetItem) and the caller's file (one
 *    Query), in parallel.
 * 2. Unknown, draft or incomplete offer: 404 (a draft is not public). Window closed and no
 *    application of the caller, in any status (withdrawn included): the same 404, so that a closed
 *    offer's address cannot be matched to its published result (score, seniority band) by
 *    employees who never applied, nor its id told from an unknown one. The application is the one
 *    the BatchGetItem already read: no other round trip.
 * 3. `offerVerdict`, the very verdict "Je postule" applies: every reason with its message, what
 *    is missing with where to fix it, the ceiling applied. An active application of the caller
 *    to this offer does not count against the cap.
 * 4. Window open: the provisional score (`provisionalScore`: the robot's function, the grid in
 *    force at the close, the employer's figure now), from the application's snapshot when the
 *    caller applied, else from the file as it is now. One GetItem of the company.
 */
export async function browseOffer(deps: BrowseDeps, offerId: string, caller: Principal): Promise<OfferDetails> {
  const [{ offer, application }, file] = await Promise.all([
    deps.files.offerAndApplication(offerId, caller.userId),
    deps.files.applicantFile(caller.userId),
  ]);
  const now = deps.now();
  if (offer?.status !== 'PUBLISHED' || !isListable(offer)) throw offerNotFound();
  if (!isOpen(offer, now) && application === undefined) throw offerNotFound();
  const geography = await deps.geography();
  const applied = application !== undefined && isActive(application.status);
  const verdict = offerVerdict(offer, file, now, geography, deps.rules, applied);
  const ceiling = verdict.assessment.ceiling ? ceilingView(verdict.assessment.ceiling) : null;
  const score =
    file && isOpen(offer, now)
      ? await provisionalScore(deps, { offer, file, application: applied ? application : undefined, now, geography })
      : undefined;
  return {
    ...summaryFields(offer),
    depositEuros: offer.depositEuros,
    description: offer.description,
    reserved: (offer.reservedForSirets?.length ?? 0) > 0,
    ceiling,
    eligibility: {
      eligible: verdict.eligible,
      reasons: verdict.reasons.map(({ code, met, message, fixAt }) => ({ code, met, message, ...(fixAt ? { fixAt } : {}) })),
      missing: verdict.missing.map(({ code, message, fixAt }) => ({ code, message, fixAt })),
      ceiling,
    },
    ...(score ? { provisionalScore: score } : {}),
  };
}
