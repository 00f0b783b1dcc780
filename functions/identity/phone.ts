/**
 * Overseas departments share the French 10-digit plan but have their own country codes:
 * `0692 12 34 56` (Réunion) is `+262692123456`.
 */
const overseasCodes: readonly [RegExp, string][] = [
  [/^(262|263|269|639|692|693)/, '262'],
  [/^(590|690|691)/, '590'],
  [/^(594|694)/, '594'],
  [/^(596|696|697)/, '596'],
];

const fromNational = (national: string) => {
  const overseas = overseasCodes.find(([pattern]) => pattern.test(national));
  return overseas ? `+${overseas[1]}${national}` : `+33${national}`;
};

/**
 * French phone numbers to E.164: `06 12 34 56 78`, `+33 6 12 34 56 78`, `0033612345678` and
 * `+33 (0)6 12 34 56 78` all become `+33612345678`; overseas numbers get their own country code.
 * Foreign numbers already in E.164 (`+44…`) are kept as they are.
 */
export function toE164(input: string): string | undefined {
  const compact = input.replace(/[\s.\-()]/g, '');
  const international = compact.replace(/^00/, '+');
  if (/^\+33\d{9,10}$/.test(international)) {
    const national = international.slice(3).replace(/^0/, '');
    return /^[1-9]\d{8}$/.test(national) ? fromNational(national) : undefined;
  }
  if (/^\+[1-9]\d{6,14}$/.test(international) && !international.startsWith('+33')) return international;
  if (/^0[1-9]\d{8}$/.test(compact)) return fromNational(compact.slice(1));
  return undefined;
}
