import { calendarDayIn, timeZone, wholeMonthsBetween } from '#shared/calendar.ts';
import { encodeCursor } from '#shared/page-cursor.ts';
import { resultsRules, type PublishedResult, type ResultsPage, type ResultsQuery, type SeniorityBand } from './results-schemas.ts';
import type { ResultsStore } from './results-store.ts';

export interface ResultsDeps {
  readonly results: ResultsStore;
  readonly now: () => Date;
}

const dayMs = 86_400_000;

/** The band of a request's age at the close, in whole years since its first registration. */
function seniorityBand(firstRegisteredOn: string | null, closedAt: string): SeniorityBand {
  if (firstRegisteredOn === null) return 'inconnue';
  const years = Math.floor(wholeMonthsBetween(firstRegisteredOn, calendarDayIn(timeZone, new Date(closedAt))) / 12);
  const [one, two, five] = resultsRules.seniorityBandsYears;
  if (years < one) return 'moins d’1 an';
  if (years < two) return '1 à 2 ans';
  if (years < five) return '2 à 5 ans';
  return '5 ans ou plus';
}

/**
 * The published results of a department's attributed offers (issue 13, item 8):
 * 1. One page of the department's closed offers, latest closing first (one Query of the
 *    published offers' index), those of the commune when given.
 * 2. Their lifecycle records (one BatchGetItem); only the attributed ones stay.
 * 3. The attributed applications (one BatchGetItem), for the score and the request's age.
 * 4. Per offer: typology, commune, financing, applicants; with 5 applicants or more, also the
 *    attributed file's score, its seniority band and the days from publication to attribution.
 *    Nothing else: no offer id, address, date or person.
 * A page may hold fewer results than `limit` (closed offers not attributed, or of another
 * commune); the cursor goes on. It names a closing instant, never an offer (`ClosedOffersCursor`).
 */
export async function listResults(deps: ResultsDeps, query: ResultsQuery): Promise<ResultsPage> {
  const page = await deps.results.closedOffers(query.department, deps.now(), {
    limit: query.limit,
    ...(query.commune ? { commune: query.commune } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const records = page.offers.length > 0 ? await deps.results.records(page.offers.map((offer) => offer.offerId)) : new Map();
  const attributed = page.offers.flatMap((offer) => {
    const record = records.get(offer.offerId);
    return record?.stage === 'ATTRIBUTED' && record.attributedTo ? [{ offer, record, employeeId: record.attributedTo }] : [];
  });
  const applications =
    attributed.length > 0
      ? await deps.results.applications(attributed.map(({ offer, employeeId }) => ({ offerId: offer.offerId, employeeId })))
      : new Map();
  const results = attributed.flatMap(({ offer, record }): PublishedResult[] => {
    if (!offer.typology || !offer.commune || !offer.financing) return [];
    const applicants = Math.max(offer.applicantCount, record.applicants);
    const application = applications.get(offer.offerId);
    const detailed = applicants >= resultsRules.minApplicantsForDetails && application?.score !== undefined && offer.publishedAt;
    return [
      {
        typology: offer.typology,
        commune: offer.commune,
        ...(offer.communeName ? { communeName: offer.communeName } : {}),
        financing: offer.financing,
        applicants,
        ...(detailed && application?.score !== undefined && offer.publishedAt
          ? {
              attributed: {
                score: application.score,
                seniorityBand: seniorityBand(application.scoringFacts.nudFirstRegisteredOn, record.closedAt),
                daysToAttribution: Math.max(
                  0,
                  Math.floor((Date.parse(record.endedAt ?? record.updatedAt) - Date.parse(offer.publishedAt)) / dayMs),
                ),
              },
            }
          : {}),
      },
    ];
  });
  const { cursor } = page;
  return { results, ...(cursor ? { cursor: encodeCursor({ closedBefore: cursor.closedBefore, skip: String(cursor.skip) }) } : {}) };
}
