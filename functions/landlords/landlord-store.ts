import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { InvitedKind } from '#identity/invitations.ts';
import { queryAll } from '#shared/query-all.ts';
import { listPartitionPage } from '#shared/list-partition.ts';
import { sortableName } from '#shared/sortable-name.ts';
import { landlordUserRoleSchema } from './landlord-schemas.ts';

/**
 * Landlord storage.
 * - Organisation: `PK = LANDLORD#<landlordId>`, `SK = LANDLORD`.
 * - Users: `PK = LANDLORD_USER#<lower-case email>`, `SK = LANDLORD_USER`, one per e-mail, naming
 *   the organisation and the role; keyed by e-mail so that repeated (even concurrent) invitations
 *   produce one invitation (`#identity/invitations.ts` writes it, with its password link and
 *   e-mail, in one transaction).
 * - Every organisation is in the operator's list: GSI1 `LANDLORDS` / `<name, folded>#<landlordId>`.
 */
const landlordKey = (landlordId: string) => ({ PK: `LANDLORD#${landlordId}`, SK: 'LANDLORD' });
export const landlordUserKey = (email: string) => ({ PK: `LANDLORD_USER#${email.toLowerCase()}`, SK: 'LANDLORD_USER' });

const landlordSchema = z.object({
  landlordId: z.string(),
  name: z.string(),
  siren: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Landlord = z.output<typeof landlordSchema>;
const landlordsListPartition = 'LANDLORDS';
export const landlordListKey = (landlord: Pick<Landlord, 'name' | 'landlordId'>) => ({
  GSI1PK: landlordsListPartition,
  GSI1SK: `${sortableName(landlord.name)}#${landlord.landlordId}`,
});

const landlordUserSchema = z.object({
  email: z.string(),
  landlordId: z.string(),
  role: landlordUserRoleSchema,
  userId: z.string(),
  invitedAt: z.string(),
  invitedBy: z.string(),
  /** End of validity of the password link last sent. */
  linkValidUntil: z.string(),
});
export type LandlordUser = z.output<typeof landlordUserSchema>;

const landlordItemSchema = landlordSchema.extend({ entity: z.literal('Landlord') });
const landlordToItem = (landlord: Landlord) => ({
  ...landlordKey(landlord.landlordId),
  ...landlordListKey(landlord),
  entity: 'Landlord',
  ...landlord,
});
const landlordFromItem = (item: Record<string, unknown>): Landlord => {
  const { entity: _entity, ...landlord } = landlordItemSchema.parse(item);
  return landlord;
};

/** GSI2 `LANDLORD#<landlordId>` / `USER#<email>`: the users of an organisation, whom the lifecycle writes to. */
export const landlordUsersPartition = (landlordId: string) => `LANDLORD#${landlordId}`;
export const landlordUserSortPrefix = 'USER#';
const landlordUsersIndexKey = (user: Pick<LandlordUser, 'landlordId' | 'email'>) => ({
  GSI2PK: landlordUsersPartition(user.landlordId),
  GSI2SK: `${landlordUserSortPrefix}${user.email.toLowerCase()}`,
});

const landlordUserFromItem = (item: Record<string, unknown>): LandlordUser => {
  const { entity: _entity, ...user } = landlordUserSchema.extend({ entity: z.literal('LandlordUser') }).parse(item);
  return user;
};

export const landlordUserToItem = (user: LandlordUser) => ({
  ...landlordUserKey(user.email),
  ...landlordUsersIndexKey(user),
  entity: 'LandlordUser',
  ...user,
});

/** Landlord users as invitations see them: bound to their organisation, in one role. */
export const landlordUsers: InvitedKind<LandlordUser> = {
  key: landlordUserKey,
  toItem: landlordUserToItem,
  fromItem: landlordUserFromItem,
  binding: (user) => ({ landlordId: user.landlordId, role: user.role }),
};

export class LandlordExists extends Error {
  override readonly name = 'LandlordExists';
}

export interface LandlordStore {
  /** Creates the organisation; throws `LandlordExists` when the id is taken. */
  create(landlord: Landlord): Promise<void>;
  get(landlordId: string): Promise<Landlord | undefined>;
  /** One page of every organisation, by name (GSI1); an item that does not read as one is left out and named. */
  list(
    limit: number,
    cursor?: Record<string, string>,
  ): Promise<{ landlords: Landlord[]; cursor?: Record<string, unknown>; unreadable: string[] }>;
  /** The organisation's users (GSI2), by e-mail. */
  users(landlordId: string): Promise<LandlordUser[]>;
}

export function landlordStore(db: DynamoDBDocumentClient, tableName: string): LandlordStore {
  return {
    async create(landlord) {
      try {
        await db.send(
          new PutCommand({ TableName: tableName, Item: landlordToItem(landlord), ConditionExpression: 'attribute_not_exists(PK)' }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) throw new LandlordExists();
        throw error;
      }
    },

    async get(landlordId) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: landlordKey(landlordId) }));
      return Item ? landlordFromItem(Item) : undefined;
    },

    async list(limit, cursor) {
      const page = await listPartitionPage(
        db,
        { tableName, partition: landlordsListPartition, schema: landlordItemSchema, fromItem: landlordFromItem },
        limit,
        cursor,
      );
      return { landlords: page.entries, cursor: page.cursor, unreadable: page.unreadable };
    },

    async users(landlordId) {
      const items = await queryAll(db, {
        TableName: tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND begins_with(GSI2SK, :user)',
        ExpressionAttributeValues: { ':pk': landlordUsersPartition(landlordId), ':user': landlordUserSortPrefix },
      });
      return items.map(landlordUserFromItem);
    },
  };
}
