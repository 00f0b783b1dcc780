import { AdminGetUserCommand, UserNotFoundException, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

/** What the user pool already knows of an e-mail before it is invited as an HR contact. */
export type ExistingAccount = { readonly exists: false } | { readonly exists: true; readonly siret?: string };

export interface HrAccountLookup {
  /** The account of this e-mail, if any, and the SIRET it is bound to (company accounts only). */
  find(email: string): Promise<ExistingAccount>;
}

/**
 * Reads an account before the invitation: `Accounts.ensure` finds an existing account and adds it
 * to the group without touching its attributes, so an e-mail already used by an employee, a
 * landlord or another company's HR contact must be refused before, not silently re-purposed.
 */
export function cognitoHrAccountLookup(cognito: CognitoIdentityProviderClient, userPoolId: string): HrAccountLookup {
  return {
    async find(email) {
      try {
        const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
        const siret = user.UserAttributes?.find((attribute) => attribute.Name === 'custom:siret')?.Value;
        return siret ? { exists: true, siret } : { exists: true };
      } catch (error) {
        if (error instanceof UserNotFoundException) return { exists: false };
        throw error;
      }
    },
  };
}
