import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { newNotification, notificationToItem, type Notification } from '#notifications/outbox.ts';
import type { registrationRules } from '#shared/business-rules.ts';
import { quotaTransactItem, type LimitCounter } from '#shared/rate-limit-store.ts';
import { accountEmailQuota } from './account-emails.ts';
import type { Accounts } from './accounts.ts';
import { passwordLinkEmail, passwordLinkToItem, type PasswordLink } from './password-link.ts';
import { pagePath, pagePaths, pageUrl } from '#shared/page-paths.ts';

export interface PasswordResetStore {
  /**
   * Writes the e-mail (and the link it carries, if any) with its count against the address's
   * daily quota, in one transaction; false when the quota is reached (nothing written).
   */
  send(notification: Notification, quota: LimitCounter, link?: PasswordLink): Promise<boolean>;
}

/** `pepper`: the limiter's (`rateLimitPepper`), since the quota counters are the limiter's. */
export function passwordResetStore(db: DynamoDBDocumentClient, tableName: string, pepper: string): PasswordResetStore {
  return {
    async send(notification, quota, link) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              ...(link ? [{ Put: { TableName: tableName, Item: passwordLinkToItem(link) } }] : []),
              { Put: { TableName: tableName, Item: notificationToItem(notification) } },
              quotaTransactItem({ tableName, pepper }, quota),
            ],
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof TransactionCanceledException) return false;
        throw error;
      }
    },
  };
}

export interface PasswordResetDeps {
  readonly accounts: Pick<Accounts, 'exists'>;
  readonly resets: PasswordResetStore;
  readonly rules: typeof registrationRules;
  readonly appUrl: string;
  readonly now: () => Date;
}

/** The one answer, whether the address has an account or not. */
const accepted = {
  message:
    'Si un compte existe avec cette adresse, un e-mail vient de lui être envoyé : suivez son lien pour choisir un nouveau mot de passe.',
};

/**
 * "Mot de passe oublié": a single-use link to the set-password page (`POST /auth/password`).
 * 1. Ask Cognito whether the address names an account (any kind: employee, HR, landlord, operator).
 * 2. An account: a fresh password link (valid `passwordResetLinkValidityHours`) and the e-mail that
 *    carries it. No account: an e-mail saying so, with the registration page. Either way one
 *    transaction writes the e-mail with its count against the address's daily quota of account
 *    e-mails (beyond it, nothing is sent), so both cases make the same calls.
 * 3. The same answer (202) in every case.
 */
export async function requestPasswordReset(deps: PasswordResetDeps, request: { email: string }) {
  const now = deps.now();
  const quota = accountEmailQuota(request.email, now, deps.rules.emailsPerAddressPerDay);
  if (await deps.accounts.exists(request.email)) {
    const { link, notification } = passwordLinkEmail({
      email: request.email,
      template: 'password-reset',
      params: {},
      appUrl: deps.appUrl,
      now,
      validityHours: deps.rules.passwordResetLinkValidityHours,
    });
    await deps.resets.send(notification, quota, link);
  } else {
    const notification = newNotification({
      template: 'password-reset-no-account',
      to: request.email,
      params: { registerLink: pageUrl(deps.appUrl, pagePath(pagePaths.register)) },
      createdAt: now.toISOString(),
    });
    await deps.resets.send(notification, quota);
  }
  return accepted;
}
