import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import type { LandlordListDeps } from './landlord-list.ts';
import { landlordStore } from './landlord-store.ts';

/** The operator's reads of the organisations: the table only (no Cognito client in these bundles). */
export const landlordListDeps: LandlordListDeps = { landlords: landlordStore(dynamodb, config.tableName) };
