import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import type { AlertDeps } from './alert-use-cases.ts';
import { alertStore } from './alert-store.ts';

/** Dependencies of the `/me/alerts` routes, wired once per execution environment. */
export const alertDeps: AlertDeps = {
  alerts: alertStore(dynamodb, config.tableName),
  now: () => new Date(),
};
