import { AdminGetUserCommand, UserNotFoundException, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

/** What the user pool already knows of an e-mail before it is invited as a landlord user. */
export type ExistingLandlordAccount = { readonly exists: false } | { readonly exists: true; readonly landlordId?: string };

export interface LandlordAccountLookup {
  find(email: string): Promise<ExistingLandlordAccount>;
}

/**
 * Reads an account before the invitation: `Accounts.ensure` adds an existing account to the group
 * without touching its attributes, so an account bound to another landlord (same group, other
 * `custom:landlordId`) must be refused before, not silently re-purposed.
 */
export function cognitoLandlordAccountLookup(cognito: CognitoIdentityProviderClient, userPoolId: string): LandlordAccountLookup {
  return {
    async find(email) {
      try {
        const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
        const landlordId = user.UserAttributes?.find((attribute) => attribute.Name === 'custom:landlordId')?.Value;
        return landlordId ? { exists: true, landlordId } : { exists: true };
      } catch (error) {
        if (error instanceof UserNotFoundException) return { exists: false };
        throw error;
      }
    },
  };
}
