import { registrationRules } from '#shared/business-rules.ts';
import { cognito, dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { cognitoAccounts } from '#identity/accounts.ts';
import { invitationStore } from '#identity/invitations.ts';
import { employeeStore } from '#identity/employee-store.ts';
import { companyStore } from '#companies/company-store.ts';
import { hrStore, hrUsers } from './hr-store.ts';
import type { CompanyHrDeps, HrInvitationDeps } from './hr-use-cases.ts';

/** What the company-HR routes need, wired once per execution environment. */
export const companyHrDeps: CompanyHrDeps = {
  employees: employeeStore(dynamodb, config.tableName),
  hr: hrStore(dynamodb, config.tableName),
  appUrl: config.appUrl,
  now: () => new Date(),
};

/** The operator's invitation of an HR contact also creates the Cognito account. */
export const hrInvitationDeps: HrInvitationDeps = {
  companies: companyStore(dynamodb, config.tableName),
  accounts: cognitoAccounts(cognito, config.userPoolId),
  invitations: invitationStore(dynamodb, config.tableName, hrUsers),
  appUrl: config.appUrl,
  // The same validity as the registration link: both lead to the same "choose a password" page.
  linkValidityHours: registrationRules.passwordLinkValidityHours,
  now: () => new Date(),
};
