import { companyFiguresAt, type Company, type CompanyStore } from '#companies/company-store.ts';
import type { OfferFacts } from '#offers/eligibility/offer-eligibility.ts';
import type { Offer } from '#offers/offer-store.ts';
import type { Geography } from '#offers/reference/geography.ts';
import type { ScoringGrid } from '#scoring/grid.ts';
import { scoreApplication, type Score } from '#scoring/score.ts';
import { scoringFactsOf, scoringInputOf, type ApplicantFacts, type ScoringFacts } from '#scoring/scoring-facts.ts';
import type { ApplicationStatus } from './application-schemas.ts';

/**
 * The provisional score and position while an offer's window is open (issue 13, item 8): the
 * robot's own computation, `scoreApplication(scoringInputOf(snapshot, company), grid, closesAt)`,
 * with the grid in force at the close as known now and the employer's figure as it is now. The
 * robot scores the same snapshot at the close, so the two agree unless the employer's figure or
 * the grid in force at the close changes before then.
 */

/** Statuses in which an application holds one of the employee's active places. */
const activeStatuses: readonly ApplicationStatus[] = ['SUBMITTED', 'SELECTED', 'RANKED', 'OFFERED'];
export const isActive = (status: ApplicationStatus) => activeStatuses.includes(status);

/** The robot's score of a snapshot at the close of the window: the employer's figures in force then, the grid given. */
export function scoreAtClose(facts: ScoringFacts, company: Company | undefined, grid: ScoringGrid, closesAt: Date): Score {
  return scoreApplication(scoringInputOf(facts, company && companyFiguresAt(company, closesAt)), grid, closesAt);
}

export interface ProvisionalScoreDeps {
  readonly companies: Pick<CompanyStore, 'get'>;
  readonly grids: { provisional(at: Date): Promise<ScoringGrid> };
}

export interface ProvisionalScoreView {
  readonly total: number;
  readonly breakdown: { criterion: string; points: number; detail: string }[];
  readonly gridVersion: string;
  /** The instant the score is computed for: the close of the window. */
  readonly scoredAt: string;
  /** `application`: the snapshot taken at "Je postule" (what the robot will score); `file`: the file as it is now. */
  readonly basis: 'application' | 'file';
}

/**
 * The caller's provisional score for an open offer: from the application's snapshot when there
 * is one, else from a snapshot of the file taken now. The grid (cached by its store) and the
 * company (one GetItem) are read in parallel.
 */
export async function provisionalScore(
  deps: ProvisionalScoreDeps,
  input: {
    offer: Offer & OfferFacts & { closesAt: string };
    file: ApplicantFacts;
    application: { scoringFacts: ScoringFacts } | undefined;
    now: Date;
    geography: Pick<Geography, 'zoneOf'>;
  },
): Promise<ProvisionalScoreView> {
  const { offer, application } = input;
  const facts = application?.scoringFacts ?? scoringFactsOf(input.file, offer, input.now, input.geography);
  const closesAt = new Date(offer.closesAt);
  const [grid, company] = await Promise.all([deps.grids.provisional(closesAt), deps.companies.get(facts.siret)]);
  const score = scoreAtClose(facts, company, grid, closesAt);
  return {
    total: score.total,
    breakdown: score.breakdown.map(({ criterion, points, detail }) => ({ criterion, points, detail })),
    gridVersion: score.gridVersion,
    scoredAt: offer.closesAt,
    basis: application ? 'application' : 'file',
  };
}

/** Offset that turns a descending score into an ascending text key (scores stay far below it). */
const scoreOffset = 1_000_000;

/**
 * The sort key of an application in its offer's ranking index: its text order is the robot's
 * order (`compareScored`): higher total first, then the older NUD (unknown last), the earlier
 * application, the employee id. The total is kept to the hundredth.
 */
export function rankingSortKey(ranked: {
  total: number;
  nudFirstRegisteredOn: string | null;
  appliedAt: string;
  employeeId: string;
}): string {
  const hundredths = Math.round((scoreOffset - ranked.total) * 100);
  if (hundredths < 0 || hundredths >= 10 ** 10) throw new RangeError(`Score out of range: ${ranked.total}`);
  const score = String(hundredths).padStart(10, '0');
  const appliedAt = new Date(ranked.appliedAt).toISOString();
  return `${score}#${ranked.nudFirstRegisteredOn ?? '9999-12-31'}#${appliedAt}#${ranked.employeeId}`;
}
