import type { ApplicationStore } from '#applications/application-store.ts';
import { offerVerdict, type VerdictRules } from '#applications/apply-verdict.ts';
import type { JobRunStore } from '#jobs/job-run-store.ts';
import { recordedRun, stopMarginMs, type TimeLeft } from '#jobs/scheduled-job.ts';
import { newNotification, type Notification } from '#notifications/outbox.ts';
import { assessOffer, hasOfferFacts, type OfferFacts } from '#offers/eligibility/offer-eligibility.ts';
import { planTabs, tabOf, tabs as tabOrder, type Tab } from '#offers/eligibility/tabs.ts';
import type { Geography } from '#offers/reference/geography.ts';
import type { Offer, OfferStore } from '#offers/offer-store.ts';
import { calendarDayIn, frenchDate } from '#shared/calendar.ts';
import { chunks, mapLimit } from '#shared/bounded.ts';
import { euros } from '#shared/formats.ts';
import { errorName, logger } from '#shared/powertools.ts';
import type { AlertRules } from './alert-schemas.ts';
import type { AlertCandidate, AlertHandled, AlertHandling, AlertStore, AlertSubscription, Subscriber } from './alert-store.ts';
import { pagePath, pagePaths, pageUrl } from '#shared/page-paths.ts';

export const newOfferAlertsJobId = 'newOfferAlerts';

export interface NewOfferAlertsDeps {
  readonly alerts: AlertStore;
  readonly offers: Pick<OfferStore, 'listOpenInDepartment'>;
  /** The subscriber's whole file (documents, NUD, employment, active applications), read only when an offer matches. */
  readonly files: Pick<ApplicationStore, 'applicantFile'>;
  /** The rules of the one verdict "Je postule" applies. */
  readonly verdictRules: VerdictRules;
  readonly geography: () => Promise<Geography>;
  readonly runs: JobRunStore;
  readonly rules: AlertRules;
  /** Base URL of the web app, for the links in the e-mail. */
  readonly appUrl: string;
}

export interface NewOfferAlertsCounts {
  /** Subscribers handled (or found unreadable). */
  examined: number;
  digests: number;
  /** Offers listed in the digests sent (an offer sent to two employees counts twice). */
  offersSent: number;
  /** Subscribers with nothing new for them: no e-mail. */
  nothingNew: number;
  /** Subscriptions whose employee file was gone, removed. */
  orphans: number;
  errors: number;
  /** The run stopped before its deadline with work left: the next run continues (every step is idempotent). */
  incomplete: boolean;
}

type AlertOffer = Offer & OfferFacts & { publishedAt: string; closesAt: string };

export interface NewOffer {
  readonly offer: AlertOffer;
  readonly tab: Tab;
}

/** A subscriber's handling, with how many offers its digest lists (for the counts). */
type Prepared = AlertHandling & { readonly offersFound: number };

const isAssessable = (offer: Offer): offer is AlertOffer =>
  hasOfferFacts(offer) && offer.publishedAt !== undefined && offer.closesAt !== undefined;

/**
 * The offers to tell a subscriber about, among the open offers of the departments read: those
 * published since the watermark and not sent yet, in a tab the employee chose (`tabOf` over
 * `planTabs`, as the tabs of `GET /offers`), and that the employee may apply to (`assessOffer`).
 * Ordered as the e-mail lists them: by tab, then soonest closing first.
 */
export function newOffersFor(
  subscription: Pick<AlertSubscription, 'tabs' | 'coveredUntil' | 'sentOffers'>,
  subscriber: Subscriber,
  offers: readonly Offer[],
  now: Date,
  geography: Geography,
): NewOffer[] {
  const communes = subscriber.situation?.searchCriteria?.communes ?? [];
  if (!subscriber.situation || communes.length === 0) return [];
  const plan = planTabs(communes, geography);
  const applicant = { siret: subscriber.employee.siret, situation: subscriber.situation };
  const found: NewOffer[] = [];
  for (const offer of offers) {
    if (!isAssessable(offer)) continue;
    if (offer.publishedAt < subscription.coveredUntil || Object.hasOwn(subscription.sentOffers, offer.offerId)) continue;
    const tab = tabOf(offer, plan);
    if (!tab || !subscription.tabs.includes(tab)) continue;
    if (assessOffer(offer, applicant, now, geography).eligible) found.push({ offer, tab });
  }
  return found.sort(
    (a, b) =>
      tabOrder.indexOf(a.tab) - tabOrder.indexOf(b.tab) ||
      a.offer.closesAt.localeCompare(b.offer.closesAt) ||
      a.offer.offerId.localeCompare(b.offer.offerId),
  );
}

const tabLabel: Record<Tab, string> = {
  requested: 'communes demandées',
  neighbouring: 'communes limitrophes',
  department: 'autres communes du département',
};

/** The digest e-mail of a subscriber: its first offers one per line, and how many more there are. */
export function digestNotification(
  subscriber: Subscriber,
  found: readonly NewOffer[],
  now: Date,
  rules: Pick<AlertRules, 'maxOffersPerDigest' | 'timeZone'>,
  appUrl: string,
): Notification {
  const listed = found.slice(0, rules.maxOffersPerDigest);
  const lines = listed.map(({ offer, tab }) => {
    const closesOn = frenchDate(calendarDayIn(rules.timeZone, new Date(offer.closesAt)));
    const place = `${offer.communeName ?? offer.commune}${offer.postalCode ? ` (${offer.postalCode})` : ''}`;
    return (
      `- ${offer.residenceName ?? 'Logement'}, ${place}, ${tabLabel[tab]} : ${offer.typology}, ${offer.surfaceM2} m², ` +
      `${euros(offer.rentEuros + offer.chargesEuros)} par mois charges comprises ; candidatures jusqu’au ${closesOn}\n` +
      `  ${pageUrl(appUrl, pagePath(pagePaths.offer, { offerId: offer.offerId }))}`
    );
  });
  return newNotification({
    template: 'new-offers-digest',
    to: subscriber.employee.email,
    params: {
      firstName: subscriber.employee.firstName,
      count: String(found.length),
      offers: lines.join('\n'),
      more: String(found.length - listed.length),
      link: pageUrl(appUrl, pagePath(pagePaths.offers)),
      settingsLink: pageUrl(appUrl, pagePath(pagePaths.alerts)),
    },
    createdAt: now.toISOString(),
  });
}

/**
 * What a subscriber's record becomes once handled: the watermark (the index-lag margin before the
 * run, never moved back: the opt-in instant stays the floor), the day, the offers sent still open.
 */
export function handledState(
  subscription: Pick<AlertSubscription, 'sentOffers' | 'coveredUntil'>,
  found: readonly NewOffer[],
  now: Date,
  rules: Pick<AlertRules, 'indexLagMarginMs' | 'timeZone'>,
): AlertHandled {
  const stillOpen = Object.entries(subscription.sentOffers).filter(([, closesAt]) => closesAt > now.toISOString());
  const sentOffers = Object.fromEntries([...stillOpen, ...found.map(({ offer }) => [offer.offerId, offer.closesAt] as const)]);
  const covered = new Date(now.getTime() - rules.indexLagMarginMs).toISOString();
  return {
    // biome-ignore lint/complexity/useMathMinMax: ISO-8601 strings compared as text; Math.max would turn them into NaN.
    coveredUntil: covered > subscription.coveredUntil ? covered : subscription.coveredUntil,
    handledOn: calendarDayIn(rules.timeZone, now),
    sentOffers,
    ...(found.length > 0 ? { digestAt: now.toISOString() } : {}),
  };
}

/**
 * The daily new-offer digest, at the time `now`:
 * 1. Record the run as started.
 * 2. Read the subscribers not handled today, page by page, from the sparse index (no Scan),
 *    with their files (one BatchGetItem per page), until done or close to the deadline. The
 *    next page is read while the current one is handled.
 * 3. A page's subscribers are handled `subscriberConcurrency` at once. For each, the departments
 *    its tabs need are read once per run (one Query each, shared by every subscriber, kept in
 *    memory), and `newOffersFor` keeps the new offers that match; when some do, the subscriber's
 *    file is read (one Query) and only the offers the one verdict of "Je postule" accepts stay
 *    (`offerVerdict`: nothing while the file is incomplete, the NUD lapsed, the employment
 *    unconfirmed or the cap of active applications reached).
 * 4. The subscriber is marked handled today, the watermark moved, the offers recorded as sent,
 *    and the digest (if anything is new) queued in the same transaction, conditioned on the
 *    index key as read: once per subscriber and day, never the same offer twice, whatever runs
 *    at the same time. A transaction carries `subscribersPerTransaction` subscribers (one
 *    refused as a whole is redone one by one), and a page's writes go on while the next page is
 *    prepared. A run stopped anywhere (deadline, timeout, crash) leaves every subscriber either
 *    done for the day or still due, and the next run takes up those still due.
 * 5. Record the run's counts as its outcome and as the job's last run.
 */
export async function runNewOfferAlerts(
  deps: NewOfferAlertsDeps,
  now: Date,
  timeLeft: TimeLeft = () => Infinity,
): Promise<NewOfferAlertsCounts> {
  const counts: NewOfferAlertsCounts = { examined: 0, digests: 0, offersSent: 0, nothingNew: 0, orphans: 0, errors: 0, incomplete: false };
  const today = calendarDayIn(deps.rules.timeZone, now);

  const departments = new Map<string, Promise<Offer[]>>();
  const openOffersOf = (department: string) => {
    let offers = departments.get(department);
    if (!offers) {
      offers = readDepartment(deps, department, now);
      // A failed read is retried by the next subscriber that needs it, not cached.
      offers.catch(() => departments.delete(department));
      departments.set(department, offers);
    }
    return offers;
  };

  /** What to write for a subscriber (undefined for an orphan, removed here). */
  async function prepare(candidate: AlertCandidate, geography: Geography): Promise<Prepared | undefined> {
    const { subscriber, subscription } = candidate;
    if (!subscriber) {
      await deps.alerts.removeOrphan(candidate);
      counts.orphans += 1;
      return undefined;
    }
    const communes = subscriber.situation?.searchCriteria?.communes ?? [];
    const toRead = communes.length ? planTabs(communes, geography).departmentsToQuery : [];
    const offers = (await Promise.all(toRead.map(openOffersOf))).flat();
    const matching = newOffersFor(subscription, subscriber, offers, now, geography);
    // Only offers the subscriber may apply to, by the verdict of "Je postule": none while the
    // file is incomplete, the NUD lapsed, the employment unconfirmed or the cap reached.
    const file = matching.length > 0 ? await deps.files.applicantFile(subscription.employeeId) : undefined;
    const found = matching.filter(({ offer }) => offerVerdict(offer, file, now, geography, deps.verdictRules).eligible);
    const handled = handledState(subscription, found, now, deps.rules);
    if (found.length === 0) return { candidate, handled, offersFound: 0 };
    return { candidate, handled, offersFound: found.length, digest: digestNotification(subscriber, found, now, deps.rules, deps.appUrl) };
  }

  const failed = (candidate: AlertCandidate, error: unknown) => {
    counts.errors += 1;
    logger.warn('New-offer alert not handled', { employeeId: candidate.subscription.employeeId, errorName: errorName(error) });
  };

  const recorded = ({ digest, offersFound }: Prepared) => {
    if (digest) {
      counts.digests += 1;
      counts.offersSent += offersFound;
    } else {
      counts.nothingNew += 1;
    }
  };

  async function recordAlone(handling: Prepared): Promise<void> {
    try {
      if (await deps.alerts.markHandled(handling.candidate, handling.handled, handling.digest)) recorded(handling);
    } catch (error) {
      failed(handling.candidate, error);
    }
  }

  /**
   * Writes a page's handlings, `subscribersPerTransaction` to a transaction (each under its own
   * condition), `subscriberConcurrency` transactions at once. A transaction refused as a whole (a
   * subscription moved meanwhile, or a conflict) is redone one subscriber at a time, so the
   * others still go.
   */
  async function record(handlings: readonly Prepared[]): Promise<void> {
    await mapLimit(chunks(handlings, deps.rules.subscribersPerTransaction), deps.rules.subscriberConcurrency, async (group) => {
      const [first, ...others] = group;
      if (!first) return;
      if (others.length === 0) return recordAlone(first);
      let together: boolean;
      try {
        together = await deps.alerts.markHandledTogether(group);
      } catch (error) {
        for (const handling of group) failed(handling.candidate, error);
        return;
      }
      if (together) group.forEach(recorded);
      else for (const handling of group) await recordAlone(handling);
    });
  }

  /** The page after `cursor`, unless the deadline is near (then the run stops: the rest stays due). */
  const nextPage = (cursor: Record<string, unknown> | undefined) => {
    if (timeLeft() < stopMarginMs) {
      counts.incomplete = true;
      return undefined;
    }
    const page = deps.alerts.duePage(today, cursor);
    // Read while the previous page is handled: its failure is thrown where it is awaited, not left unhandled.
    page.catch(() => undefined);
    return page;
  };

  return recordedRun(deps.runs, newOfferAlertsJobId, now, counts, async () => {
    const geography = await deps.geography();
    let next = nextPage(undefined);
    // A page's writes go on while the next page is read and prepared; `record` counts its own failures.
    let writing = Promise.resolve();
    try {
      while (next) {
        const page = await next;
        counts.examined += page.unreadable;
        counts.errors += page.unreadable;
        next = page.cursor ? nextPage(page.cursor) : undefined;
        const prepared = await mapLimit(page.candidates, deps.rules.subscriberConcurrency, async (candidate) => {
          counts.examined += 1;
          try {
            return await prepare(candidate, geography);
          } catch (error) {
            failed(candidate, error);
            return undefined;
          }
        });
        await writing;
        writing = record(prepared.filter((handling) => handling !== undefined));
      }
    } finally {
      // Even when a page read fails, the run is recorded only once the writes in flight are done.
      await writing;
    }
  });
}

/** The open offers of a department: one Query, paged on only past 1 MB (bounded). */
async function readDepartment(deps: NewOfferAlertsDeps, department: string, now: Date): Promise<Offer[]> {
  const offers: Offer[] = [];
  let cursor: Record<string, unknown> | undefined;
  for (let page = 0; page < deps.rules.maxPagesPerDepartment; page += 1) {
    const result = await deps.offers.listOpenInDepartment(department, now, undefined, cursor);
    offers.push(...result.offers);
    cursor = result.cursor;
    if (!cursor) break;
  }
  return offers;
}
