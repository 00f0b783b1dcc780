import { describe, expect, it } from 'vitest';
import { normaliseNud, nudProblem } from '#identity/nud.ts';
import { passwordProblems } from '#identity/password-policy.ts';
import { toE164 } from '#identity/phone.ts';

describe('French phone numbers to E.164', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['01 42 68 53 00', '+33142685300'],
    ['+44 20 7946 0958', '+442079460958'],
    ['0692 12 34 56', '+262692123456'],
    ['0590 12 34 56', '+590590123456'],
    ['0696 12 34 56', '+596696123456'],
    ['0594 12 34 56', '+594594123456'],
  ])('%s becomes %s', (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });

  it.each(['6 12 34 56 78', '00 12', '+33 0 12 34 56 78', '06 12 34 56', 'not a phone', '+33612345678901'])('refuses %j', (input) => {
    expect(toE164(input)).toBeUndefined();
  });
});

describe('NUD characters and length (no invented checksum)', () => {
  it('removes separators and upper-cases', () => {
    expect(normaliseNud('075 1223-00012.34a')).toBe('07512230001234A');
  });

  it.each([
    ['0751223000123456', undefined],
    ['02A1223000123', undefined],
    ['075122300', 'length'],
    ['075122300012345678901', 'length'],
    ['07512230001234É', 'characters'],
  ])('%s has problem %s', (nud, problem) => {
    expect(nudProblem(nud)).toBe(problem);
  });
});

describe('password policy (rule R3)', () => {
  it('accepts 8 characters with a digit, a lower-case and an upper-case letter', () => {
    expect(passwordProblems('Abcdefg1')).toEqual([]);
  });

  it.each([
    ['Abcdef1', 'au moins 8 caractères'],
    ['Abcdefgh', 'au moins un chiffre'],
    ['ABCDEFG1', 'au moins une minuscule'],
    ['abcdefg1', 'au moins une majuscule'],
    [' Abcdefg1', 'aucun espace au début ni à la fin'],
  ])('refuses %s: %s', (password, problem) => {
    expect(passwordProblems(password)).toEqual([problem]);
  });
});
