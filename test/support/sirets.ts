import { passesLuhn } from '#companies/siret.ts';

let counter = 0;

/** A fresh valid SIRET per call (unique per test worker run), so tests never collide on shared data. */
export function uniqueSiret(): string {
  counter += 1;
  const stem = `9${String(process.pid % 10_000).padStart(4, '0')}${String(Date.now() % 10_000).padStart(4, '0')}${String(counter).padStart(4, '0')}`;
  for (let digit = 0; digit < 10; digit += 1) {
    if (passesLuhn(stem + digit)) return stem + digit;
  }
  throw new Error('unreachable: one Luhn digit always exists');
}
