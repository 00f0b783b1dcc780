import { describe, expect, it } from 'vitest';
import { nudExpiresOn } from '#housing-file/nud-validity.ts';
import { situationRules } from '#housing-file/situation-rules.ts';
import { nudExpiryIndexKey } from '#housing-file/situation-store.ts';
import { dueAction } from '#jobs/nud-expiry-job.ts';
import type { NudExpiryCandidate } from '#jobs/nud-expiry-store.ts';
import { employeeRecord } from '../support/fixtures.ts';

const firstRegisteredOn = '2030-03-10';
const expiresOn = nudExpiresOn(firstRegisteredOn);
const employee = employeeRecord({
  consent: { acceptedAt: '2030-01-10T10:00:00.000Z', textVersion: '2026-01' },
  registeredAt: '2030-01-10T10:00:00.000Z',
  employment: { status: 'PENDING' },
});
const candidate = (markers: NudExpiryCandidate['markers'] = {}, indexSortKey = nudExpiryIndexKey(expiresOn, 'e-1').GSI3SK) => ({
  employee,
  nudDates: { firstRegisteredOn },
  indexSortKey,
  markers,
});
const dayMs = 86_400_000;
const daysBefore = (days: number) => new Date(Date.parse(`${expiresOn}T10:00:00Z`) - days * dayMs);
const todayOf = (now: Date) => now.toISOString().slice(0, 10);
const due = (days: number, markers: NudExpiryCandidate['markers'] = {}) =>
  dueAction(candidate(markers), todayOf(daysBefore(days)), daysBefore(days), situationRules)?.marker;

describe('what the NUD-expiry job does for one employee', () => {
  it('nothing 31 days before, the first reminder from 30 days, the last from 7, the expiry from the day itself', () => {
    expect(due(31)).toBeUndefined();
    expect(due(30)).toBe('nudReminder30For');
    expect(due(8)).toBe('nudReminder30For');
    expect(due(7)).toBe('nudReminder7For');
    expect(due(1)).toBe('nudReminder7For');
    expect(due(0)).toBe('nudExpiredOn');
    expect(due(-20)).toBe('nudExpiredOn');
  });

  it('nothing once done for this expiry, but again for another expiry (a renewal)', () => {
    expect(due(30, { nudReminder30For: expiresOn })).toBeUndefined();
    expect(due(7, { nudReminder7For: expiresOn })).toBeUndefined();
    expect(due(0, { nudExpiredOn: expiresOn })).toBeUndefined();
    expect(due(30, { nudReminder30For: '2029-01-01' })).toBe('nudReminder30For');
  });

  it('nothing when the index entry is not the one of the current dates, or the dates are unknown', () => {
    const now = daysBefore(30);
    expect(dueAction(candidate({}, `2000-01-01#e-1`), todayOf(now), now, situationRules)).toBeUndefined();
    expect(dueAction({ ...candidate(), nudDates: {} }, todayOf(now), now, situationRules)).toBeUndefined();
  });
});
