import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { notificationToItem, type Notification, type TemplateName } from '#notifications/outbox.ts';
import type { Role } from '#shared/roles.ts';
import { AccountOfAnotherKind, emailTaken, type Accounts, type BindingAttribute } from './accounts.ts';
import { passwordLinkEmail, passwordLinkToItem, type PasswordLink } from './password-link.ts';

/**
 * Invitations of an organisation's users (a company's HR contact, a landlord's offer manager or
 * commission member): the operator invites, the invited user chooses a password with the
 * e-mailed link. Each kind of invited user is one item per e-mail, described by its area's store
 * module (keys, item, the attributes binding it to its organisation): keyed by e-mail, repeated
 * (even concurrent) invitations of one address make one invitation.
 */

/** What every invited user's item holds. */
export interface Invited {
  readonly email: string;
  /** The Cognito account's `sub`. */
  readonly userId: string;
  readonly invitedAt: string;
  readonly invitedBy: string;
  /** End of validity of the password link last sent. */
  readonly linkValidUntil: string;
}

/** A kind of invited user, as the store module of its area describes its item. */
export interface InvitedKind<U extends Invited> {
  key(email: string): { PK: string; SK: string };
  toItem(user: U): Record<string, unknown>;
  fromItem(item: Record<string, unknown>): U;
  /** The attributes that bind the user to its organisation (and role): only the same binding is renewed. */
  binding(user: U): Record<string, string>;
}

export interface InvitationStore<U extends Invited> {
  /**
   * Records the invitation, its password link and its e-mail in one transaction. When the e-mail
   * is already invited with another binding, or with this one and a link still valid, nothing is
   * written and the existing invitation is returned with `created: false`; the same invitation
   * whose link expired is renewed.
   */
  record(user: U, link: PasswordLink, notification: Notification): Promise<{ invitation: U; created: boolean }>;
  /** True when both bind the e-mail alike (same organisation, same role). */
  sameBinding(a: U, b: U): boolean;
}

export function invitationStore<U extends Invited>(
  db: DynamoDBDocumentClient,
  tableName: string,
  kind: InvitedKind<U>,
): InvitationStore<U> {
  return {
    async record(user, link, notification) {
      const binding = Object.entries(kind.binding(user));
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: kind.toItem(user),
                  ConditionExpression: `attribute_not_exists(PK) OR (${binding.map((_, index) => `#b${index} = :b${index} AND `).join('')}linkValidUntil < :now)`,
                  ExpressionAttributeNames: Object.fromEntries(binding.map(([name], index) => [`#b${index}`, name])),
                  ExpressionAttributeValues: {
                    ...Object.fromEntries(binding.map(([, value], index) => [`:b${index}`, value])),
                    ':now': user.invitedAt,
                  },
                },
              },
              { Put: { TableName: tableName, Item: passwordLinkToItem(link) } },
              { Put: { TableName: tableName, Item: notificationToItem(notification) } },
            ],
          }),
        );
        return { invitation: user, created: true };
      } catch (error) {
        const reasons = error instanceof TransactionCanceledException ? error.CancellationReasons : undefined;
        if (reasons?.[0]?.Code !== 'ConditionalCheckFailed') throw error;
      }
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: kind.key(user.email), ConsistentRead: true }));
      if (!Item) throw new Error('Invited user item vanished after a failed conditional put');
      return { invitation: kind.fromItem(Item), created: false };
    },
    sameBinding(a, b) {
      const of = kind.binding(b);
      return Object.entries(kind.binding(a)).every(([name, value]) => of[name] === value);
    },
  };
}

export interface InvitationDeps<U extends Invited> {
  readonly accounts: Pick<Accounts, 'ensureBound'>;
  readonly invitations: InvitationStore<U>;
  readonly appUrl: string;
  /** How long the invitation's password link stays valid. */
  readonly linkValidityHours: number;
  readonly now: () => Date;
}

export interface UserInvitation<U extends Invited> {
  readonly email: string;
  /** The account's Cognito group, and the custom attribute that binds it to the organisation. */
  readonly account: { readonly group: Role; readonly attribute: BindingAttribute; readonly value: string };
  /** The invitation e-mail's template and params (the password link is added to them). */
  readonly template: TemplateName;
  readonly params: Record<string, string>;
  readonly invitedBy: string;
  /** The invited user's item, from what every invitation holds. */
  readonly user: (invited: Invited) => U;
}

/**
 * The operator invites a user of an organisation (which the caller has found).
 * 1. An e-mail that already names an account bound elsewhere, or an account of another kind or
 *    role, is refused (409) before anything is written.
 * 2. Create (or find, on a retry) the Cognito account in the group, bound to the organisation,
 *    and check the binding after (a concurrent invitation may have won).
 * 3. One transaction writes the invitation, a password link and the French invitation e-mail
 *    (outbox). An invitation whose link is still valid is kept as it is: no second account, no
 *    second e-mail (`created: false`); one whose link expired is renewed with a fresh link. The
 *    e-mail already invited with another binding: 409.
 */
export async function inviteUser<U extends Invited>(
  deps: InvitationDeps<U>,
  request: UserInvitation<U>,
): Promise<{ invitation: U; created: boolean }> {
  const { group, attribute, value } = request.account;
  const userId = await deps.accounts.ensureBound(request.email, group, attribute, value).catch((error: unknown) => {
    throw error instanceof AccountOfAnotherKind ? emailTaken('invitation') : error;
  });

  const now = deps.now();
  const { link, notification } = passwordLinkEmail({
    email: request.email,
    template: request.template,
    params: request.params,
    appUrl: deps.appUrl,
    now,
    validityHours: deps.linkValidityHours,
  });
  const user = request.user({
    email: request.email,
    userId,
    invitedAt: now.toISOString(),
    invitedBy: request.invitedBy,
    linkValidUntil: link.validUntil,
  });
  const recorded = await deps.invitations.record(user, link, notification);
  if (!deps.invitations.sameBinding(recorded.invitation, user)) throw emailTaken('invitation');
  return recorded;
}
