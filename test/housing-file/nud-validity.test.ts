import { describe, expect, it } from 'vitest';
import { nudValidity, nudValidityMessage } from '#housing-file/nud-validity.ts';
import { addMonths } from '#shared/calendar.ts';
import { situationRules } from '#housing-file/situation-rules.ts';

/** Noon in Paris on a calendar day (UTC+1 in winter, UTC+2 in summer: noon is safe either way). */
const parisNoon = (date: string) => new Date(`${date}T10:00:00Z`);

describe('NUD validity (rule R4)', () => {
  it('is valid until the day before the anniversary of the last renewal, with the days left', () => {
    const validity = nudValidity({ firstRegisteredOn: '2023-01-10', lastRenewedOn: '2025-03-15' }, parisNoon('2026-03-14'));
    expect(validity).toEqual({ status: 'valid', valid: true, basis: 'last-renewal', expiresOn: '2026-03-15', daysLeft: 1 });
  });

  it('has expired on the anniversary of the last renewal', () => {
    const validity = nudValidity({ firstRegisteredOn: '2023-01-10', lastRenewedOn: '2025-03-15' }, parisNoon('2026-03-15'));
    expect(validity).toMatchObject({ status: 'expired', valid: false, expiresOn: '2026-03-15', daysLeft: 0 });
  });

  it('counts a French day, not a UTC one: at 00:30 in Paris the anniversary has come', () => {
    // 23:30 UTC on 14 March is 00:30 on 15 March in Paris (UTC+1).
    const validity = nudValidity({ lastRenewedOn: '2025-03-15' }, new Date('2026-03-14T23:30:00Z'));
    expect(validity.valid).toBe(false);
  });

  it('runs from the first registration while the request was never renewed', () => {
    const validity = nudValidity({ firstRegisteredOn: '2025-09-01' }, parisNoon('2026-01-01'));
    expect(validity).toMatchObject({ status: 'valid', basis: 'first-registration', expiresOn: '2026-09-01', daysLeft: 243 });
  });

  it('is not valid while neither date is known', () => {
    const validity = nudValidity({}, parisNoon('2026-01-01'));
    expect(validity).toEqual({ status: 'unknown', valid: false, basis: null, expiresOn: null, daysLeft: null });
    expect(nudValidityMessage(validity)).toContain('Déclarez la date de première inscription');
  });

  it('takes its validity period from the rules', () => {
    const validity = nudValidity({ lastRenewedOn: '2026-01-31' }, parisNoon('2026-02-01'), { ...situationRules, nudValidityMonths: 1 });
    expect(validity.expiresOn).toBe('2026-02-28');
  });

  it('says in French when it expires or expired', () => {
    const valid = nudValidity({ lastRenewedOn: '2025-03-15' }, parisNoon('2026-03-05'));
    expect(nudValidityMessage(valid)).toBe(
      'Votre demande de logement social est valide ; elle expire le 15/03/2026 (10 jour(s) restant(s)).',
    );
    const expired = nudValidity({ lastRenewedOn: '2024-03-15' }, parisNoon('2026-03-05'));
    expect(nudValidityMessage(expired)).toContain('a expiré le 15/03/2025');
  });
});

describe('adding months to a calendar date', () => {
  it.each([
    ['2025-03-15', 12, '2026-03-15'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2025-12-31', 12, '2026-12-31'],
  ])('%s plus %i months is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});
