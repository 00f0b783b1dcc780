import { ConflictError, UnprocessableError } from '#shared/errors.ts';
import { calendarDayIn, frenchDate, timeZone } from '#shared/calendar.ts';
import { gridInForce, NoScoringGridError, type ScoringGrid } from './grid.ts';
import { ScoringGridNotInFuture, ScoringGridVersionExists, type ScoringGridStore } from './grid-store.ts';
import type { ScoringGridsView } from './scoring-grid-schemas.ts';

export interface ScoringGridDeps {
  readonly grids: ScoringGridStore;
  readonly now: () => Date;
}

/**
 * The operator's view of the grids:
 * 1. Read every grid, shipped and published (one Query).
 * 2. Mark the one in force today (Paris day) by the rule of `gridInForce`; those before it are
 *    superseded, those after it scheduled.
 */
export async function listScoringGrids(deps: ScoringGridDeps): Promise<ScoringGridsView> {
  const now = deps.now();
  const grids = await deps.grids.list();
  let current: ScoringGrid | undefined;
  try {
    current = gridInForce(now, grids);
  } catch (error) {
    if (!(error instanceof NoScoringGridError)) throw error;
  }
  const index = current ? grids.indexOf(current) : -1;
  return {
    today: calendarDayIn(timeZone, now),
    inForce: current?.version ?? null,
    grids: grids.map((grid, position) => ({
      ...grid,
      status: position === index ? 'in-force' : position < index ? 'superseded' : 'scheduled',
    })),
  };
}

/**
 * Publishes a new version of the grid (the body was validated by `scoringGridSchema`):
 * 1. The store refuses a grid taking effect today or earlier (422 on `effectiveFrom`): rules
 *    never change for an offer whose window has already closed, nor in the middle of a day.
 * 2. It writes the version once (409 when the number is taken, shipped or published).
 */
export async function publishScoringGrid(deps: ScoringGridDeps, input: { grid: ScoringGrid; by: string }): Promise<ScoringGrid> {
  try {
    await deps.grids.publish(input.grid, input.by);
    return input.grid;
  } catch (error) {
    if (error instanceof ScoringGridVersionExists) {
      throw new ConflictError(
        'SCORING_GRID_VERSION_EXISTS',
        `La version ${error.version} de la grille existe déjà : une version publiée ne change plus, publiez un nouveau numéro.`,
      );
    }
    if (error instanceof ScoringGridNotInFuture) {
      const message = `Une grille prend effet au plus tôt le lendemain de sa publication : le ${frenchDate(error.earliest)} ou après.`;
      throw new UnprocessableError('SCORING_GRID_NOT_IN_FUTURE', message, [{ field: 'body.effectiveFrom', message }]);
    }
    throw error;
  }
}

/** The grid in force now, for every signed-in user (*cotation* transparency). */
export function scoringGridInForce(deps: ScoringGridDeps): Promise<ScoringGrid> {
  return deps.grids.inForce(deps.now());
}
