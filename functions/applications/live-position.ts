import { mapLimit } from '#shared/bounded.ts';
import type { ScoringFacts } from '#scoring/scoring-facts.ts';
import type { Application, ApplicationStore } from './application-store.ts';
import { rankingSortKey, scoreAtClose, type ProvisionalScoreDeps } from './provisional-score.ts';

/**
 * The live position of an open application, "12e sur 87" (issue 13, item 8).
 * - At "Je postule", the application's key in its offer's ranking (GSI2 `OFFER#<id>#RANKING`)
 *   is the robot's order of its provisional score: the snapshot scored at `closesAt` with the
 *   grid in force then and the employer's figure now (`rankingKeyAtApply`).
 * - Withdrawing removes the key; the robot's close leaves it (the position is then the rank).
 * - Reading a position is one Query that counts the keys before it; the "sur 87" is the
 *   offer's `applicantCount` (one BatchGetItem for the page, with the robot's outcomes).
 * The snapshot does not follow later changes of the file (the robot scores the snapshot too),
 * so the key needs no refresh when the file changes; see docs/decisions.md (live position).
 */

/** Count Queries in flight at once for one page of "Mes candidatures". */
const positionConcurrency = 8;

export async function rankingKeyAtApply(
  deps: ProvisionalScoreDeps,
  input: { offer: { closesAt: string }; employeeId: string; appliedAt: string; scoringFacts: ScoringFacts },
): Promise<string> {
  const closesAt = new Date(input.offer.closesAt);
  const [grid, company] = await Promise.all([deps.grids.provisional(closesAt), deps.companies.get(input.scoringFacts.siret)]);
  const score = scoreAtClose(input.scoringFacts, company, grid, closesAt);
  return rankingSortKey({
    total: score.total,
    nudFirstRegisteredOn: input.scoringFacts.nudFirstRegisteredOn,
    appliedAt: input.appliedAt,
    employeeId: input.employeeId,
  });
}

export interface LivePosition {
  readonly position: number;
  readonly of: number;
  /** "1er sur 87", "12e sur 87". */
  readonly text: string;
}

const positionText = (position: number, of: number) => `${position === 1 ? '1er' : `${position}e`} sur ${of}`;

/** The applications among `applications` that show a live position: submitted, window open, ranked. */
export function openForPositions(applications: readonly Application[], now: Date): { offerId: string; rankingKey: string }[] {
  return applications.flatMap((application) =>
    application.status === 'SUBMITTED' && application.rankingKey && now.getTime() < Date.parse(application.offer.closesAt)
      ? [{ offerId: application.offerId, rankingKey: application.rankingKey }]
      : [],
  );
}

/**
 * The live positions of the open applications among `applications` (`openForPositions`), by
 * offer id; `counts` brings the offers' applicant counts, asked only when there is an open one
 * (the caller reads them in the BatchGetItem it makes anyway for the page).
 */
export async function livePositions(
  deps: { readonly applications: Pick<ApplicationStore, 'countAhead'> },
  applications: readonly Application[],
  now: Date,
  counts: () => Promise<Map<string, number>>,
): Promise<Map<string, LivePosition>> {
  const open = openForPositions(applications, now);
  const positions = new Map<string, LivePosition>();
  if (open.length === 0) return positions;
  const [of, ahead] = await Promise.all([
    counts(),
    mapLimit(open, positionConcurrency, ({ offerId, rankingKey }) => deps.applications.countAhead(offerId, rankingKey)),
  ]);
  for (const [index, { offerId }] of open.entries()) {
    const position = (ahead[index] ?? 0) + 1;
    const total = Math.max(of.get(offerId) ?? position, position);
    positions.set(offerId, { position, of: total, text: positionText(position, total) });
  }
  return positions;
}
