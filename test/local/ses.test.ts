import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials, localRegion } from '#local/dynamodb.ts';
import { startSes, type SesLocal } from '#local/ses.ts';

describe('SES stand-in', () => {
  let ses: SesLocal;
  let client: SESv2Client;

  beforeAll(async () => {
    ses = await startSes({ port: 0 });
    client = new SESv2Client({ endpoint: ses.url, region: localRegion, credentials: localCredentials });
  });

  afterAll(async () => {
    client?.destroy();
    await ses?.stop();
  });

  it('starts with an empty mailbox', async () => {
    expect(await ses.readMailbox()).toEqual([]);
  });

  it('keeps an email sent with the SES v2 client, readable from the mailbox', async () => {
    const { MessageId } = await client.send(
      new SendEmailCommand({
        FromEmailAddress: 'no-reply@alin.local',
        Destination: { ToAddresses: ['salarie@example.fr'] },
        Content: {
          Simple: {
            Subject: { Data: 'Confirmez votre compte' },
            Body: {
              Text: { Data: 'Lien : http://localhost/confirm?token=abc' },
              Html: { Data: '<a href="http://localhost/confirm?token=abc">Confirmer</a>' },
            },
          },
        },
      }),
    );

    const mailbox = await ses.readMailbox();
    expect(mailbox).toHaveLength(1);
    expect(mailbox[0]).toMatchObject({
      messageId: MessageId,
      from: 'no-reply@alin.local',
      destination: { to: ['salarie@example.fr'], cc: [], bcc: [] },
      subject: 'Confirmez votre compte',
      body: { text: 'Lien : http://localhost/confirm?token=abc', html: expect.stringContaining('token=abc') },
    });
  });

  it('serves the mailbox page', async () => {
    const page = await fetch(ses.mailboxUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
  });

  it('empties the mailbox on request', async () => {
    await ses.clearMailbox();
    expect(await ses.readMailbox()).toEqual([]);
  });

  it('refuses to start on a port already in use, naming it', async () => {
    const port = Number(new URL(ses.url).port);
    await expect(startSes({ port })).rejects.toThrow(`Port ${port}`);
  });

  it('can be stopped twice', async () => {
    const other = await startSes({ port: 0 });
    await other.stop();
    await other.stop();
    await expect(fetch(`${other.url}/store`)).rejects.toThrow();
  });
});
