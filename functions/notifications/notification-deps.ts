import { dynamodb, ses } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import type { DeliveryDeps } from './deliver.ts';
import { notificationStore } from './notification-store.ts';

export const deliveryDeps: DeliveryDeps = {
  notifications: notificationStore(dynamodb, config.tableName),
  ses,
  from: config.emailFrom,
  now: () => new Date(),
  leaseMs: 60_000,
  maxAttempts: 8,
};
