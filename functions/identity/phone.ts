/**
 * French phone numbers to E.164: `06 12 34 56 78`, `+33 6 12 34 56 78`, `0033612345678` and
 * `+33 (0)6 12 34 56 78` all become `+33612345678`. Overseas numbers of the French plan keep
 * +33 as well. Foreign numbers already in E.164 (`+44…`) are kept as they are.
 */
export function toE164(input: string): string | undefined {
  const compact = input.replace(/[\s.\-()]/g, '');
  const international = compact.replace(/^00/, '+');
  if (/^\+33\d{9,10}$/.test(international)) {
    const national = international.slice(3).replace(/^0/, '');
    return /^[1-9]\d{8}$/.test(national) ? `+33${national}` : undefined;
  }
  if (/^\+[1-9]\d{6,14}$/.test(international) && !international.startsWith('+33')) return international;
  if (/^0[1-9]\d{8}$/.test(compact)) return `+33${compact.slice(1)}`;
  return undefined;
}
