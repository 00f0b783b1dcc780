import { describe, expect, it } from 'vitest';
import { compareScored, selectBest, type Scored } from '#scoring/select.ts';

const scored = (employeeId: string, total: number, nudFirstRegisteredOn: string | null, appliedAt: string): Scored => ({
  employeeId,
  appliedAt,
  nudFirstRegisteredOn,
  score: { total, breakdown: [], gridVersion: 'v1' },
});

/** Every order of a list, so that a test proves the result does not depend on the input order. */
const permutations = <T>(items: readonly T[]): T[][] =>
  items.length <= 1
    ? [[...items]]
    : items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));

describe('selection of the best 3 (rule R9)', () => {
  it('keeps the 3 highest totals in order, with positions, and ranks the others after them', () => {
    const { selected, notSelected } = selectBest([
      scored('e1', 50, '2024-01-01', '2026-06-01T10:00:00.000Z'),
      scored('e2', 90, '2024-01-01', '2026-06-01T10:00:00.000Z'),
      scored('e3', 70, '2024-01-01', '2026-06-01T10:00:00.000Z'),
      scored('e4', 10, '2024-01-01', '2026-06-01T10:00:00.000Z'),
      scored('e5', 80, '2024-01-01', '2026-06-01T10:00:00.000Z'),
    ]);
    expect(selected.map((s) => [s.employeeId, s.position])).toEqual([
      ['e2', 1],
      ['e5', 2],
      ['e3', 3],
    ]);
    expect(notSelected.map((s) => [s.employeeId, s.position])).toEqual([
      ['e1', 4],
      ['e4', 5],
    ]);
  });

  it('with equal totals, prefers the older request, then the earlier application, then the employee id', () => {
    const tied = [
      scored('z-newer-request', 60, '2025-01-01', '2026-06-01T08:00:00.000Z'),
      scored('y-older-request', 60, '2023-01-01', '2026-06-03T08:00:00.000Z'),
      scored('b-same-day-later', 60, '2024-05-05', '2026-06-02T09:00:00.000Z'),
      scored('c-same-day-earlier', 60, '2024-05-05', '2026-06-02T08:00:00.000Z'),
      scored('a-same-instant', 60, '2024-05-05', '2026-06-02T09:00:00.000Z'),
      scored('unknown-request', 60, null, '2026-06-01T07:00:00.000Z'),
    ];
    const expected = ['y-older-request', 'c-same-day-earlier', 'a-same-instant', 'b-same-day-later', 'z-newer-request', 'unknown-request'];
    for (const order of permutations(tied)) {
      const { selected, notSelected } = selectBest(order, 3);
      expect([...selected, ...notSelected].map((s) => s.employeeId)).toEqual(expected);
    }
  });

  it('compares application instants, not their text', () => {
    const utc = scored('a', 60, '2024-01-01', '2026-06-02T08:30:00.000Z');
    const offset = scored('b', 60, '2024-01-01', '2026-06-02T10:00:00.000+02:00'); // 08:00 UTC
    expect(selectBest([utc, offset]).selected.map((s) => s.employeeId)).toEqual(['b', 'a']);
  });

  it('a higher total wins over an older request and an earlier application', () => {
    expect(
      compareScored(scored('a', 61, '2026-01-01', '2026-06-09T00:00:00Z'), scored('b', 60, '2020-01-01', '2026-06-01T00:00:00Z')),
    ).toBeLessThan(0);
  });

  it('selects fewer when fewer applied, and nobody when nobody applied', () => {
    expect(selectBest([scored('a', 1, null, '2026-06-01T00:00:00Z')])).toMatchObject({
      selected: [{ employeeId: 'a', position: 1 }],
      notSelected: [],
    });
    expect(selectBest([])).toEqual({ selected: [], notSelected: [] });
  });

  it('keeps the score and every field of the input', () => {
    const input = { ...scored('a', 42, null, '2026-06-01T00:00:00Z'), applicationId: 'offer-1#a' };
    const [first] = selectBest([input]).selected;
    expect(first).toEqual({ ...input, position: 1 });
  });

  it('refuses an invalid count or application instant', () => {
    expect(() => selectBest([], -1)).toThrow(RangeError);
    expect(() => selectBest([scored('a', 1, null, 'yesterday'), scored('b', 1, null, '2026-06-01T00:00:00Z')])).toThrow(
      /Invalid appliedAt/,
    );
  });
});
