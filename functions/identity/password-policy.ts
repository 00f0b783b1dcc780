/** Rule R3: at least 8 characters, with digits, lower-case and upper-case letters. */
export const passwordPolicy = { minLength: 8, requireDigits: true, requireLowercase: true, requireUppercase: true } as const;

export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < passwordPolicy.minLength) problems.push(`au moins ${passwordPolicy.minLength} caractères`);
  if (passwordPolicy.requireDigits && !/\d/.test(password)) problems.push('au moins un chiffre');
  if (passwordPolicy.requireLowercase && !/\p{Ll}/u.test(password)) problems.push('au moins une minuscule');
  if (passwordPolicy.requireUppercase && !/\p{Lu}/u.test(password)) problems.push('au moins une majuscule');
  // Cognito refuses passwords that begin or end with a space.
  if (password !== password.trim()) problems.push('aucun espace au début ni à la fin');
  return problems;
}
