import { describe, expect, it } from 'vitest';
import { isValidSiret, passesLuhn } from '#companies/siret.ts';

describe('SIRET validation', () => {
  it.each([
    ['43219876500013', true],
    ['73282932000074', true],
    ['43219876500014', false],
    ['43219876500031', false],
  ])('checks the Luhn key of %s (valid: %s)', (siret, valid) => {
    expect(isValidSiret(siret)).toBe(valid);
  });

  it.each(['4321987650001', '432198765000133', '4321987650001A', '', '43 219 876 500 013'])(
    'refuses %j, which is not exactly 14 digits',
    (siret) => {
      expect(isValidSiret(siret)).toBe(false);
    },
  );

  it('accepts a La Poste SIRET whose digit sum is a multiple of 5 even though its Luhn key fails', () => {
    expect(passesLuhn('35600000049837')).toBe(false);
    expect(isValidSiret('35600000049837')).toBe(true);
  });

  it('accepts the La Poste head office, whose Luhn key holds though its digit sum is 26', () => {
    expect(isValidSiret('35600000000048')).toBe(true);
  });

  it('refuses a La Poste SIRET whose digit sum is not a multiple of 5 and whose Luhn key fails', () => {
    expect(isValidSiret('35600000049838')).toBe(false);
  });

  it('applies the La Poste rule only to SIREN 356000000', () => {
    // Digit sum 45 (a multiple of 5) but another SIREN: Luhn applies and fails.
    expect(isValidSiret('35600000149827')).toBe(passesLuhn('35600000149827'));
    expect(passesLuhn('35600000149827')).toBe(false);
  });
});
