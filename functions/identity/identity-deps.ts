import { companyStore } from '#companies/company-store.ts';
import { companyEligibilityRules, registrationRules } from '#shared/business-rules.ts';
import { cognito, dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { rateLimitPepper } from '#shared/rate-limit-store.ts';
import { cognitoAccounts } from './accounts.ts';
import { employeeStore } from './employee-store.ts';
import { passwordLinkStore } from './password-link.ts';
import { registrationStore } from './registration-store.ts';
import type { RegistrationDeps } from './registration.ts';
import { passwordResetStore, type PasswordResetDeps } from './password-reset.ts';

/** The identity area's dependencies, wired once per execution environment. */
export const registrationDeps: RegistrationDeps = {
  companies: companyStore(dynamodb, config.tableName),
  employees: employeeStore(dynamodb, config.tableName),
  registrations: registrationStore(dynamodb, config.tableName, rateLimitPepper(config.userPoolId)),
  links: passwordLinkStore(dynamodb, config.tableName),
  accounts: cognitoAccounts(cognito, config.userPoolId),
  eligibilityRules: companyEligibilityRules,
  rules: registrationRules,
  appUrl: config.appUrl,
  now: () => new Date(),
};

export const passwordResetDeps: PasswordResetDeps = {
  accounts: registrationDeps.accounts,
  resets: passwordResetStore(dynamodb, config.tableName, rateLimitPepper(config.userPoolId)),
  rules: registrationRules,
  appUrl: config.appUrl,
  now: () => new Date(),
};
