import { SESv2Client } from '@aws-sdk/client-sesv2';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverNotification, type DeliveryDeps } from '#notifications/deliver.ts';
import { notificationStore } from '#notifications/notification-store.ts';
import { newNotification, notificationKey, notificationToItem } from '#notifications/outbox.ts';
import { freePorts } from '#local/ports.ts';
import { cloud } from '../support/api.ts';
import { freshTable } from '../support/table.ts';

let table: Awaited<ReturnType<typeof freshTable>>;
beforeAll(async () => {
  table = await freshTable('deliver');
});
afterAll(() => table.drop());

const sesAt = (endpoint: string) =>
  new SESv2Client({
    endpoint,
    region: cloud().environment.AWS_REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });

async function storedNotification(to: string) {
  const notification = newNotification({
    template: 'company-declared',
    to,
    params: { companyName: 'Test', siret: '43219876500013' },
    createdAt: new Date().toISOString(),
  });
  // In a table of its own: no stream consumer delivers it behind the test's back.
  await table.client.send(new PutCommand({ TableName: table.tableName, Item: notificationToItem(notification) }));
  return notification;
}

const depsWith = (ses: SESv2Client, { maxAttempts = 3, leaseMs = 60_000 } = {}): DeliveryDeps => {
  return {
    notifications: notificationStore(table.client, table.tableName),
    ses,
    from: 'no-reply@alin.local',
    now: () => new Date(),
    leaseMs,
    maxAttempts,
  };
};

describe('delivering an outbox notification', () => {
  it('sends once however many times it is delivered', async () => {
    const to = `once-${Date.now()}@example.org`;
    const notification = await storedNotification(to);
    const deps = depsWith(sesAt(cloud().environment.AWS_ENDPOINT_URL_SESV2!));
    const outcomes = await Promise.all([1, 2, 3].map(() => deliverNotification(deps, notification.id)));
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    const mails = (await (await fetch(`${cloud().mailbox}/store`)).json()) as { emails: { destination: { to: string[] } }[] };
    expect(mails.emails.filter((m) => m.destination.to.includes(to))).toHaveLength(1);
  });

  it('gives a failed send back, then abandons it after too many attempts, keeping no recipient', async () => {
    const { ses: closedPort } = await freePorts();
    const notification = await storedNotification(`never-${Date.now()}@example.org`);
    // Sequential attempts: a zero lease lets each one re-claim what the previous one released.
    const deps = depsWith(sesAt(`http://127.0.0.1:${closedPort}`), { maxAttempts: 2, leaseMs: 0 });
    await expect(deliverNotification(deps, notification.id)).rejects.toThrow();
    await expect(deliverNotification(deps, notification.id)).rejects.toThrow();
    expect(await table.get(notificationKey(notification.id))).toMatchObject({ status: 'PENDING', attempts: 2 });
    expect(await deliverNotification(deps, notification.id)).toBe('abandoned');
    const item = await table.get(notificationKey(notification.id));
    expect(item).toMatchObject({ status: 'ABANDONED', to: 'redacted', params: {} });
    expect(item).not.toHaveProperty('GSI3PK');
  });
});
