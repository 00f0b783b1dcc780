import { applicationStore } from '#applications/application-store.ts';
import { employeeStore } from '#identity/employee-store.ts';
import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import type { PersonalDataExportDeps } from './personal-data.ts';

/** The export of an employee's personal data, wired once per execution environment: the table only. */
export const personalDataExportDeps: PersonalDataExportDeps = {
  employees: employeeStore(dynamodb, config.tableName),
  applications: applicationStore(dynamodb, config.tableName),
  now: () => new Date(),
};
