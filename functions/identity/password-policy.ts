/**
 * Rule R3, the one definition of the password policy: the CDK user pool, the local Cognito,
 * the API check of `POST /auth/password` and the e-mails that send a password link all read it.
 * Field names are those of the CDK `PasswordPolicy` props, so the stack passes the object as is.
 */
export const passwordPolicy = {
  minLength: 8,
  requireDigits: true,
  requireLowercase: true,
  requireUppercase: true,
  requireSymbols: false,
} as const;

/** The policy in the shape of Cognito's API (`CreateUserPool` `Policies.PasswordPolicy`). */
export const cognitoPasswordPolicy = {
  MinimumLength: passwordPolicy.minLength,
  RequireNumbers: passwordPolicy.requireDigits,
  RequireLowercase: passwordPolicy.requireLowercase,
  RequireUppercase: passwordPolicy.requireUppercase,
  RequireSymbols: passwordPolicy.requireSymbols,
} as const;

/** The policy in one French sentence, for the e-mails that carry a password link. */
export const passwordPolicySentence =
  `Le mot de passe doit comporter au moins ${passwordPolicy.minLength} caractères, dont ` +
  `${listInFrench([
    ...(passwordPolicy.requireDigits ? ['des chiffres'] : []),
    ...(passwordPolicy.requireLowercase ? ['des minuscules'] : []),
    ...(passwordPolicy.requireUppercase ? ['des majuscules'] : []),
  ])}.`;

/**
 * What a password lacks, in French (empty when it complies). Letters are Unicode-aware: `é` is a
 * lower-case letter, `É` an upper-case one, as for Cognito.
 */
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

function listInFrench(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`;
}
