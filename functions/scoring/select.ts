import type { Score } from './score.ts';
import { selectionSize } from './scoring-rules.ts';

/**
 * Selection (rule R9): the best `count` applications go to the commission, in a deterministic
 * order that never depends on chance nor on the order the applications were read in.
 */
export interface Scored {
  readonly employeeId: string;
  /** ISO instant of the application. */
  readonly appliedAt: string;
  /** First registration of the NUD (`YYYY-MM-DD`); null when unknown, which ranks as the newest request. */
  readonly nudFirstRegisteredOn: string | null;
  readonly score: Score;
}

type Ranked<T extends Scored> = T & { readonly position: number };

export interface Selection<T extends Scored> {
  /** The best `count` (or fewer), position 1 first. */
  readonly selected: readonly Ranked<T>[];
  /** The others, still in ranking order, with their position (count + 1 onwards). */
  readonly notSelected: readonly Ranked<T>[];
}

const instant = (iso: string) => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Invalid appliedAt: ${iso}`);
  return ms;
};

/**
 * The ranking order, each key deciding only when the previous ones are equal:
 * 1. the higher total;
 * 2. the older request (earlier NUD first registration; unknown counts as the newest);
 * 3. the earlier application (`appliedAt`, compared as instants, not as text);
 * 4. the employee id: an employee applies at most once per offer, so it is unique among an
 *    offer's applications and makes the order total. Without it, two applications equal on the
 *    first three keys (same NUD day, same millisecond) would keep the order the table returned
 *    them in, and a retry of the robot could rank them differently.
 */
export function compareScored(a: Scored, b: Scored): number {
  if (a.score.total !== b.score.total) return b.score.total - a.score.total;
  const nudA = a.nudFirstRegisteredOn ?? '9999-12-31';
  const nudB = b.nudFirstRegisteredOn ?? '9999-12-31';
  if (nudA !== nudB) return nudA < nudB ? -1 : 1;
  const appliedA = instant(a.appliedAt);
  const appliedB = instant(b.appliedAt);
  if (appliedA !== appliedB) return appliedA - appliedB;
  if (a.employeeId !== b.employeeId) return a.employeeId < b.employeeId ? -1 : 1;
  return 0;
}

/** Ranks every scored application and keeps the best `count` (`selectionSize` by default, fewer if fewer applied). */
export function selectBest<T extends Scored>(scored: readonly T[], count = selectionSize): Selection<T> {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}.`);
  const ranked = [...scored].sort(compareScored).map((item, index): Ranked<T> => ({ ...item, position: index + 1 }));
  return { selected: ranked.slice(0, count), notSelected: ranked.slice(count) };
}
