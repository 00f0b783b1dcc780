/** SIREN of La Poste, whose establishments' SIRETs follow a different checksum. */
const LA_POSTE_SIREN = '356000000';

const digitsOf = (value: string) => [...value].map(Number);

/** Luhn checksum over every digit, the rightmost digit being the check digit. */
export function passesLuhn(value: string): boolean {
  const sum = digitsOf(value)
    .reverse()
    .reduce((total, digit, index) => {
      if (index % 2 === 0) return total + digit;
      const doubled = digit * 2;
      return total + (doubled > 9 ? doubled - 9 : doubled);
    }, 0);
  return sum % 10 === 0;
}

/**
 * A SIRET is 14 digits whose Luhn checksum holds. La Poste's establishments (SIREN 356000000)
 * are numbered beyond what Luhn allows: for them a digit sum that is a multiple of 5 is valid
 * too (the head office, 35600000000048, passes Luhn; most establishments only the sum rule).
 */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (passesLuhn(value)) return true;
  return value.startsWith(LA_POSTE_SIREN) && digitsOf(value).reduce((a, b) => a + b, 0) % 5 === 0;
}
