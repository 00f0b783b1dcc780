import { describe, expect, it } from 'vitest';
import { recentDepartments } from '#applications/browse-use-cases.ts';
import { planTabs, tabOf } from '#offers/eligibility/tabs.ts';
import { loadGeography } from '#offers/reference/geography.ts';

const geography = await loadGeography();
const place = (commune: string) => ({ commune, department: geography.departmentOf(commune) ?? '' });

describe('the three tabs of the offers (R7), on real communes', () => {
  const paris = planTabs(['75056'], geography);

  it('puts an offer in Paris in the requested tab when Paris is requested', () => {
    expect(tabOf(place('75056'), paris)).toBe('requested');
  });

  it('puts Boulogne-Billancourt, bordering Paris, in the neighbouring tab', () => {
    expect(paris.neighbouring.has('92012')).toBe(true);
    expect(tabOf(place('92012'), paris)).toBe('neighbouring');
  });

  it('leaves Rueil-Malmaison (92, not bordering Paris) out of every tab when only Paris is requested', () => {
    expect(tabOf(place('92063'), paris)).toBeUndefined();
  });

  it('queries the departments of the neighbours as well as those of the requested communes', () => {
    expect(paris.departments).toEqual(new Set(['75']));
    expect(paris.departmentsToQuery).toEqual(['75', '92', '93', '94']);
  });

  it('maps a requested Paris arrondissement to Paris', () => {
    const plan = planTabs(['75111'], geography);
    expect(plan.requested).toEqual(new Set(['75056']));
    expect(plan.neighbouring).toEqual(paris.neighbouring);
  });

  it('puts the other communes of a requested commune’s department in the department tab', () => {
    const boulogne = planTabs(['92012'], geography);
    expect(tabOf(place('92012'), boulogne)).toBe('requested');
    expect(tabOf(place('75056'), boulogne)).toBe('neighbouring');
    expect(tabOf(place('92063'), boulogne)).toBe('department');
    expect(tabOf(place('78646'), boulogne)).toBeUndefined(); // Versailles, 78
  });

  it('never lists a requested commune as a neighbour, even when two requested communes border each other', () => {
    const plan = planTabs(['75056', '92012'], geography);
    expect(plan.neighbouring.has('92012')).toBe(false);
    expect(plan.neighbouring.has('75056')).toBe(false);
    expect(tabOf(place('92012'), plan)).toBe('requested');
    expect(tabOf(place('92063'), plan)).toBe('department');
  });

  it('works in zone C: Lyon requested, Villeurbanne neighbouring, Givors in the department tab', () => {
    const lyon = planTabs(['69123'], geography);
    expect(tabOf(place('69266'), lyon)).toBe('neighbouring');
    expect(tabOf(place('69091'), lyon)).toBe('department');
    expect(lyon.departmentsToQuery).toEqual(['69']);
  });

  it('ignores an unknown commune code', () => {
    expect(planTabs(['75000'], geography)).toEqual({
      requested: new Set(),
      neighbouring: new Set(),
      departments: new Set(),
      departmentsToQuery: [],
    });
  });
});

describe('departments of the callers’ last tabs', () => {
  it('keeps the newest callers, the oldest forgotten past the maximum, a caller seen again becoming the newest', () => {
    const recent = recentDepartments(2);
    recent.set('a', ['75']);
    recent.set('b', ['92']);
    recent.set('a', ['75', '92']);
    recent.set('c', ['93']);
    expect(recent.get('a')).toEqual(['75', '92']);
    expect(recent.get('b')).toBeUndefined();
    expect(recent.get('c')).toEqual(['93']);
  });
});
