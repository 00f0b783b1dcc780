import { createHash, randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { newNotification, type TemplateName } from '#notifications/outbox.ts';
import { timeZone } from '#shared/calendar.ts';
import { passwordPolicySentence } from './password-policy.ts';
import { pagePath, pagePaths, pageUrl } from '#shared/page-paths.ts';

/**
 * Single-use links to choose a password, sent by e-mail at registration (and to invited HR
 * contacts). Only the SHA-256 of the token is stored: `PK = PASSWORD_LINK#<hash>`, `SK = LINK`;
 * the item expires through the table's TTL attribute a day after the link does.
 * GSI1 `PASSWORD_LINKS#<email>` / `<validUntil>#<hash>`: the unused links issued to an address,
 * which the erasure of its account strips of it (the key goes whenever the link is redacted).
 */
export const passwordLinkKey = (tokenHash: string) => ({ PK: `PASSWORD_LINK#${tokenHash}`, SK: 'LINK' });
const linksIssuedToPartition = (email: string) => `PASSWORD_LINKS#${email}`;
const linksIssuedToIndexKey = (link: PasswordLink) => ({
  GSI1PK: linksIssuedToPartition(link.email),
  GSI1SK: `${link.validUntil}#${link.tokenHash}`,
});

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const passwordLinkSchema = z.object({
  tokenHash: z.string(),
  email: z.string(),
  /** Set for an employee's link: choosing the password creates the account of this pending registration. */
  registrationId: z.string().optional(),
  validUntil: z.string(),
  usedAt: z.string().optional(),
});
export type PasswordLink = z.output<typeof passwordLinkSchema>;

const ttlGraceSeconds = 24 * 3600;

export function newPasswordLink(input: { email: string; registrationId?: string }, now: Date, validityHours: number) {
  const token = randomBytes(32).toString('base64url');
  const validUntil = new Date(now.getTime() + validityHours * 3_600_000);
  const link: PasswordLink = { tokenHash: hashToken(token), validUntil: validUntil.toISOString(), ...input };
  return { token, link };
}

export const passwordLinkToItem = (link: PasswordLink) => ({
  ...passwordLinkKey(link.tokenHash),
  ...(link.usedAt === undefined && linksIssuedToIndexKey(link)),
  entity: 'PasswordLink',
  ...link,
  expiresAt: Math.floor(Date.parse(link.validUntil) / 1000) + ttlGraceSeconds,
});

/** The URL the e-mail carries; the web application posts the token to `POST /auth/password`. */
const passwordLinkUrl = (appUrl: string, token: string) => pageUrl(appUrl, pagePath(pagePaths.setPassword), { jeton: token });

/** The web application's "Mot de passe oublié" form, which posts the address to `POST /auth/password-reset`. */
export const lostPasswordUrl = (appUrl: string) => pageUrl(appUrl, pagePath(pagePaths.lostPassword));

/**
 * A fresh password link and the e-mail that carries it (registration welcome, HR or landlord
 * invitation): the template receives `link`, `validUntil` (French date) and `passwordPolicy` (the
 * R3 sentence, passed as a param because notifications sit below identity) besides its own params.
 */
export function passwordLinkEmail(input: {
  email: string;
  registrationId?: string;
  template: TemplateName;
  params: Record<string, string>;
  appUrl: string;
  now: Date;
  validityHours: number;
}) {
  const { token, link } = newPasswordLink({ email: input.email, registrationId: input.registrationId }, input.now, input.validityHours);
  const notification = newNotification({
    template: input.template,
    to: input.email,
    params: {
      ...input.params,
      link: passwordLinkUrl(input.appUrl, token),
      validUntil: new Date(link.validUntil).toLocaleString('fr-FR', { timeZone }),
      passwordPolicy: passwordPolicySentence,
    },
    createdAt: input.now.toISOString(),
  });
  return { link, notification };
}

export class LinkAlreadyUsed extends Error {
  override readonly name = 'LinkAlreadyUsed';
}

export interface PasswordLinkStore {
  get(tokenHash: string): Promise<PasswordLink | undefined>;
  /** Claims the link, once: a second (even concurrent) use throws `LinkAlreadyUsed`. */
  claim(tokenHash: string, at: Date): Promise<void>;
  /** Gives a claimed link back, when the password could not be set. */
  release(tokenHash: string): Promise<void>;
  /** After the password is set: the link keeps no personal data (its TTL removes it later). */
  redact(tokenHash: string): Promise<void>;
  /**
   * Strips the links issued to the address and never used of it (redacted ones have left the
   * index); returns how many. The registration id stays: a random id that names nobody once the
   * account is gone, by which a later use of the link answers "registration gone" (410).
   */
  forgetIssuedTo(email: string): Promise<number>;
}

export function passwordLinkStore(db: DynamoDBDocumentClient, tableName: string): PasswordLinkStore {
  return {
    async get(tokenHash) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: passwordLinkKey(tokenHash) }));
      return Item ? passwordLinkSchema.parse(Item) : undefined;
    },
    async claim(tokenHash, at) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: passwordLinkKey(tokenHash),
            UpdateExpression: 'SET usedAt = :at',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(usedAt)',
            ExpressionAttributeValues: { ':at': at.toISOString() },
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) throw new LinkAlreadyUsed();
        throw error;
      }
    },
    async release(tokenHash) {
      await db.send(new UpdateCommand({ TableName: tableName, Key: passwordLinkKey(tokenHash), UpdateExpression: 'REMOVE usedAt' }));
    },
    async redact(tokenHash) {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: passwordLinkKey(tokenHash),
          UpdateExpression: 'SET email = :redacted REMOVE registrationId, GSI1PK, GSI1SK',
          ExpressionAttributeValues: { ':redacted': 'redacted' },
        }),
      );
    },
    async forgetIssuedTo(email) {
      let forgotten = 0;
      let cursor: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'GSI1',
            KeyConditionExpression: 'GSI1PK = :pk',
            ExpressionAttributeValues: { ':pk': linksIssuedToPartition(email) },
            ProjectionExpression: 'PK, SK',
            ExclusiveStartKey: cursor,
          }),
        );
        for (const item of page.Items ?? []) {
          await db
            .send(
              new UpdateCommand({
                TableName: tableName,
                Key: { PK: item.PK, SK: item.SK },
                UpdateExpression: 'SET email = :redacted REMOVE GSI1PK, GSI1SK',
                ConditionExpression: 'attribute_exists(PK)',
                ExpressionAttributeValues: { ':redacted': 'redacted' },
              }),
            )
            .catch((error: unknown) => {
              // Expired and removed meanwhile: nothing left to strip.
              if (!(error instanceof ConditionalCheckFailedException)) throw error;
            });
          forgotten += 1;
        }
        cursor = page.LastEvaluatedKey;
      } while (cursor);
      return forgotten;
    },
  };
}
