import { describe, expect, it } from 'vitest';
import { scoringGrids } from '#scoring/grid.ts';
import { draftOf } from '#web/features/operator/components/grid-draft.ts';

/** The shipped grids as the operator's list gives them: v1 in force, v2 scheduled for 2027-01-01. */
const [v1, v2] = scoringGrids.map((grid, index) => ({ ...grid, status: index === 0 ? ('in-force' as const) : ('scheduled' as const) }));
const draftAfter = (latest: typeof v1, today: string) => JSON.parse(draftOf(latest, today)) as Record<string, unknown>;

describe('the draft of the next scoring grid (operator’s grid page)', () => {
  it('takes effect on the scheduled latest grid’s day, not tomorrow, so that grid does not replace it', () => {
    expect(v2!.effectiveFrom).toBe('2027-01-01');
    expect(draftAfter(v2!, '2026-12-03')).toMatchObject({ version: 'v3', effectiveFrom: '2027-01-01' });
  });

  it('takes effect tomorrow once the latest grid is in force', () => {
    expect(draftAfter(v2!, '2027-03-31')).toMatchObject({ version: 'v3', effectiveFrom: '2027-04-01' });
    expect(draftAfter(v1!, '2026-12-31')).toMatchObject({ version: 'v2', effectiveFrom: '2027-01-01' });
  });

  it('copies the latest grid without its status, and is empty without one', () => {
    const draft = draftAfter(v2!, '2026-12-03');
    expect(draft).not.toHaveProperty('status');
    expect(draft.caps).toEqual(v2!.caps);
    expect(draftOf(undefined, '2026-12-03')).toBe('');
  });
});
