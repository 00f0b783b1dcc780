import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminSetUserPasswordCommand,
  InvalidPasswordException,
  UsernameExistsException,
  UserNotFoundException,
  type AttributeType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { ConflictError } from '#shared/errors.ts';
import type { Role } from '#shared/roles.ts';

/** The e-mail already names an account of another kind (an HR contact registering as an employee). */
export class AccountOfAnotherKind extends Error {
  override readonly name = 'AccountOfAnotherKind';
}

/**
 * The answer when the e-mail already names an account, the same whichever account holds it, so
 * that neither a registration nor an invitation can probe accounts: the employee registering is
 * told how to get in, the operator inviting that the address is taken.
 */
export function emailTaken(by: 'registration' | 'invitation'): ConflictError {
  return by === 'registration'
    ? new ConflictError(
        'EMAIL_TAKEN',
        'Un compte existe déjà avec cette adresse e-mail. Connectez-vous ou réinitialisez votre mot de passe.',
      )
    : new ConflictError('ACCOUNT_EXISTS', 'Cette adresse e-mail est déjà utilisée par un autre compte de la plateforme.');
}

/** The account a password link points at no longer exists (erased since the link was sent). */
export class AccountGone extends Error {
  override readonly name = 'AccountGone';
}

/**
 * User accounts in the Cognito user pool. The e-mail signs in, but an account is deleted, and its
 * employee's password set, by its immutable `sub` (Cognito accepts it as the user name): an e-mail
 * can name another account than the one meant.
 */
export interface Accounts {
  /** True when the e-mail names an account (any kind). */
  exists(email: string): Promise<boolean>;
  /**
   * Creates the account (no e-mail from Cognito: ours goes through the outbox) or finds the one a
   * previous attempt created; returns its `sub`. Throws `AccountOfAnotherKind` when the e-mail
   * belongs to an account with other groups.
   */
  ensure(email: string, group: Role, attributes?: Record<string, string>): Promise<string>;
  /**
   * An account in `group` bound to `attribute = value` (an HR contact's SIRET, a landlord user's
   * organisation). `ensure` leaves an existing account's attributes alone, so the binding is
   * checked before (an e-mail bound elsewhere is refused) and after (a concurrent invitation for
   * another binding may have created the account first). Throws `AccountOfAnotherKind`.
   */
  ensureBound(email: string, group: Role, attribute: BindingAttribute, value: string): Promise<string>;
  /**
   * Sets a permanent password on the account named by `username` (its `sub`, or its e-mail for an
   * invited user); false when the pool's policy refuses it. Throws `AccountGone` when no account
   * has that name.
   */
  setPassword(username: string, password: string): Promise<boolean>;
  /** Deletes the account whose `sub` is `userId`; an account already deleted is not an error (a retried erasure). */
  remove(userId: string): Promise<void>;
}

/**
 * Custom attributes that bind an account to an organisation (and so carry authorization), or an
 * employee's account to the registration that created it. None is writable by the user.
 */
export type BindingAttribute = 'custom:siret' | 'custom:landlordId' | 'custom:registrationId';

const subOf = (attributes: AttributeType[] | undefined) => attributes?.find((a) => a.Name === 'sub')?.Value;

export function cognitoAccounts(cognito: CognitoIdentityProviderClient, userPoolId: string): Accounts {
  /** The account's attributes, or undefined when the e-mail names no account. */
  const attributesOf = async (email: string) => {
    try {
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
      return Object.fromEntries((user.UserAttributes ?? []).map((a) => [a.Name ?? '', a.Value ?? '']));
    } catch (error) {
      if (error instanceof UserNotFoundException) return undefined;
      throw error;
    }
  };

  const accounts: Accounts = {
    async exists(email) {
      return (await attributesOf(email)) !== undefined;
    },
    async ensureBound(email, group, attribute, value) {
      const before = await attributesOf(email);
      if (before && before[attribute] !== value) throw new AccountOfAnotherKind();
      const sub = await accounts.ensure(email, group, { [attribute]: value });
      const after = await attributesOf(email);
      if (after?.[attribute] !== value) throw new AccountOfAnotherKind();
      return sub;
    },
    async ensure(email, group, attributes = {}) {
      let sub: string | undefined;
      try {
        const created = await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: email,
            MessageAction: 'SUPPRESS',
            UserAttributes: [
              { Name: 'email', Value: email },
              { Name: 'email_verified', Value: 'true' },
              ...Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
            ],
          }),
        );
        sub = subOf(created.User?.Attributes);
      } catch (error) {
        if (!(error instanceof UsernameExistsException)) throw error;
        // A retried registration: the account exists from the first attempt. It must not be
        // someone's account of another kind, which would then gain this group.
        const { Groups = [] } = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: email }));
        if (Groups.some((g) => g.GroupName !== group)) throw new AccountOfAnotherKind();
        const existing = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
        sub = subOf(existing.UserAttributes);
      }
      if (!sub) throw new Error('Cognito returned no sub for the account');
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName: group }));
      return sub;
    },
    async setPassword(username, password) {
      try {
        await cognito.send(
          new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: password, Permanent: true }),
        );
        return true;
      } catch (error) {
        if (error instanceof InvalidPasswordException) return false;
        if (error instanceof UserNotFoundException) throw new AccountGone();
        throw error;
      }
    },
    async remove(userId) {
      try {
        await cognito.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: userId }));
      } catch (error) {
        if (!(error instanceof UserNotFoundException)) throw error;
      }
    },
  };
  return accounts;
}
