/**
 * The NUD / NUR (numéro unique de demande de logement social, departmental or regional) has no
 * published checksum: we check only its characters and length, after removing the separators
 * people type (spaces, dashes, dots, slashes).
 */
export const nudRules = { minLength: 10, maxLength: 20 } as const;

export function normaliseNud(value: string): string {
  return value.replace(/[\s\-./]/g, '').toUpperCase();
}

export type NudProblem = 'characters' | 'length';

export function nudProblem(normalised: string): NudProblem | undefined {
  if (!/^[0-9A-Z]+$/.test(normalised)) return 'characters';
  if (normalised.length < nudRules.minLength || normalised.length > nudRules.maxLength) return 'length';
  return undefined;
}
