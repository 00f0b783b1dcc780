import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { passwordLinkToItem, type PasswordLink } from '#identity/password-link.ts';
import { notificationToItem, type Notification } from '#notifications/outbox.ts';
import { landlordUserRoleSchema } from './landlord-schemas.ts';

/**
 * Landlord storage.
 * - Organisation: `PK = LANDLORD#<landlordId>`, `SK = LANDLORD`.
 * - Users: `PK = LANDLORD_USER#<lower-case email>`, `SK = LANDLORD_USER`, one per e-mail, naming
 *   the organisation and the role; keyed by e-mail so that repeated (even concurrent) invitations
 *   produce one invitation. Its password link and e-mail (outbox) share its transaction.
 */
export const landlordKey = (landlordId: string) => ({ PK: `LANDLORD#${landlordId}`, SK: 'LANDLORD' });
export const landlordUserKey = (email: string) => ({ PK: `LANDLORD_USER#${email.toLowerCase()}`, SK: 'LANDLORD_USER' });

const landlordSchema = z.object({
  landlordId: z.string(),
  name: z.string(),
  siren: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Landlord = z.output<typeof landlordSchema>;

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

export const landlordToItem = (landlord: Landlord) => ({ ...landlordKey(landlord.landlordId), entity: 'Landlord', ...landlord });
export const landlordFromItem = (item: Record<string, unknown>): Landlord => {
  const { entity: _entity, ...landlord } = landlordSchema.extend({ entity: z.literal('Landlord') }).parse(item);
  return landlord;
};

/** GSI2 `LANDLORD#<landlordId>` / `USER#<email>`: the users of an organisation, whom the lifecycle writes to. */
export const landlordUsersPartition = (landlordId: string) => `LANDLORD#${landlordId}`;
export const landlordUserSortPrefix = 'USER#';
export const landlordUsersIndexKey = (user: Pick<LandlordUser, 'landlordId' | 'email'>) => ({
  GSI2PK: landlordUsersPartition(user.landlordId),
  GSI2SK: `${landlordUserSortPrefix}${user.email.toLowerCase()}`,
});

export const landlordUserToItem = (user: LandlordUser) => ({
  ...landlordUserKey(user.email),
  ...landlordUsersIndexKey(user),
  entity: 'LandlordUser',
  ...user,
});
const landlordUserFromItem = (item: Record<string, unknown>): LandlordUser => {
  const { entity: _entity, ...user } = landlordUserSchema.extend({ entity: z.literal('LandlordUser') }).parse(item);
  return user;
};

export class LandlordExists extends Error {
  override readonly name = 'LandlordExists';
}

export interface LandlordStore {
  /** Creates the organisation; throws `LandlordExists` when the id is taken. */
  create(landlord: Landlord): Promise<void>;
  get(landlordId: string): Promise<Landlord | undefined>;
  /**
   * Records the invitation, its password link and its e-mail in one transaction. When the e-mail
   * is already invited (by any organisation, in any role), or by this organisation in this role
   * with a link still valid, nothing is written and the existing invitation is returned with
   * `created: false`; the same invitation whose link expired is renewed.
   */
  recordInvitation(user: LandlordUser, link: PasswordLink, notification: Notification): Promise<{ invitation: LandlordUser; created: boolean }>;
}

const conditionFailed = (error: unknown, index: number) =>
  error instanceof TransactionCanceledException && error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';

export function landlordStore(db: DynamoDBDocumentClient, tableName: string): LandlordStore {
  return {
    async create(landlord) {
      try {
        await db.send(new PutCommand({ TableName: tableName, Item: landlordToItem(landlord), ConditionExpression: 'attribute_not_exists(PK)' }));
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) throw new LandlordExists();
        throw error;
      }
    },

    async get(landlordId) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: landlordKey(landlordId) }));
      return Item ? landlordFromItem(Item) : undefined;
    },

    async recordInvitation(user, link, notification) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: landlordUserToItem(user),
                  ConditionExpression: 'attribute_not_exists(PK) OR (landlordId = :landlordId AND #role = :role AND linkValidUntil < :now)',
                  ExpressionAttributeNames: { '#role': 'role' },
                  ExpressionAttributeValues: { ':landlordId': user.landlordId, ':role': user.role, ':now': user.invitedAt },
                },
              },
              { Put: { TableName: tableName, Item: passwordLinkToItem(link) } },
              { Put: { TableName: tableName, Item: notificationToItem(notification) } },
            ],
          }),
        );
        return { invitation: user, created: true };
      } catch (error) {
        if (!conditionFailed(error, 0)) throw error;
      }
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: landlordUserKey(user.email), ConsistentRead: true }));
      if (!Item) throw new Error('Landlord user item vanished after a failed conditional put');
      return { invitation: landlordUserFromItem(Item), created: false };
    },
  };
}
