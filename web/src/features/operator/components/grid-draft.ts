/** What the draft needs of a grid of the operator's list (`GET /operator/scoring-grids`). */
interface ListedGrid {
  readonly version: string;
  readonly effectiveFrom: string;
  readonly status: string;
}

/** A grid as it is published: without the status the list gives it. */
export function withoutStatus<G extends ListedGrid>(grid: G): Omit<G, 'status'> {
  const { status: _status, ...rest } = grid;
  return rest;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const nextVersion = (version: string) => {
  const number = /^v(\d+)$/.exec(version)?.[1];
  return number ? `v${Number(number) + 1}` : `${version}-suivante`;
};

/**
 * A draft of the next version: the latest grid, the version number one up, in force tomorrow at
 * the earliest, and not before the latest grid itself. A draft in force before a scheduled grid
 * would be replaced by it on its day; on the same day, the later publication wins.
 */
export function draftOf(latest: ListedGrid | undefined, today: string): string {
  if (!latest) return '';
  const tomorrow = nextDay(today);
  const effectiveFrom = [tomorrow, latest.effectiveFrom].sort().at(-1);
  return JSON.stringify({ ...withoutStatus(latest), version: nextVersion(latest.version), effectiveFrom }, null, 2);
}
