import { applicationStore } from '#applications/application-store.ts';
import { cognitoAccounts } from '#identity/accounts.ts';
import { employeeStore } from '#identity/employee-store.ts';
import { passwordLinkStore } from '#identity/password-link.ts';
import { lifecycleStore } from '#lifecycle/lifecycle-store.ts';
import { notificationStore } from '#notifications/notification-store.ts';
import { cognito, dynamodb, s3 } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import type { PersonalDataDeps } from './personal-data.ts';

/** Export and erasure of an employee's personal data, wired once per execution environment. */
export const personalDataDeps: PersonalDataDeps = {
  employees: employeeStore(dynamodb, config.tableName),
  applications: applicationStore(dynamodb, config.tableName),
  lifecycle: lifecycleStore(dynamodb, config.tableName),
  notifications: notificationStore(dynamodb, config.tableName),
  passwordLinks: passwordLinkStore(dynamodb, config.tableName),
  accounts: cognitoAccounts(cognito, config.userPoolId),
  s3,
  bucketName: config.bucketName,
  now: () => new Date(),
};
