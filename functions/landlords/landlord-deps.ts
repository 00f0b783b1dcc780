import { randomUUID } from 'node:crypto';
import { registrationRules } from '#shared/business-rules.ts';
import { cognito, dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { cognitoAccounts } from '#identity/accounts.ts';
import { invitationStore } from '#identity/invitations.ts';
import { landlordStore, landlordUsers } from './landlord-store.ts';
import type { LandlordDeps, LandlordInvitationDeps } from './landlord-use-cases.ts';

const landlords = landlordStore(dynamodb, config.tableName);

/** The operator's creation of a landlord organisation. */
export const landlordDeps: LandlordDeps = { landlords, newId: randomUUID, now: () => new Date() };

/** The operator's invitation of a landlord user also creates the Cognito account. */
export const landlordInvitationDeps: LandlordInvitationDeps = {
  landlords,
  accounts: cognitoAccounts(cognito, config.userPoolId),
  invitations: invitationStore(dynamodb, config.tableName, landlordUsers),
  appUrl: config.appUrl,
  // The same validity as the other password links: they lead to the same page.
  linkValidityHours: registrationRules.passwordLinkValidityHours,
  now: () => new Date(),
};
