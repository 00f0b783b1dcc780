/** Cognito groups; a user's groups arrive in the `cognito:groups` claim of its ID token. */
export const roles = ['employee', 'company', 'landlord', 'commission', 'operator'] as const;
export type Role = (typeof roles)[number];
