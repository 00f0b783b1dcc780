import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { hrStore, hrUserKey, hrUsers, type HrUser } from '#company-hr/hr-store.ts';
import { invitationStore } from '#identity/invitations.ts';
import { employeeKey, employeeToItem } from '#identity/employee-store.ts';
import { newPasswordLink, passwordLinkKey } from '#identity/password-link.ts';
import { newNotification } from '#notifications/outbox.ts';
import { unique } from '../support/registration.ts';
import { uniqueSiret } from '../support/sirets.ts';
import { localTable } from '../support/table.ts';

const store = () => hrStore(localTable().client, localTable().tableName);
/** The decision's e-mail, as the use case builds it. */
const told = (to: string) => newNotification({ template: 'employment-confirmed', to, params: {}, createdAt: '2026-03-01T09:00:00.000Z' });
const invitations = () => invitationStore(localTable().client, localTable().tableName, hrUsers);

/** An invitation made at `at`, with a link valid `hours` hours, as the use case builds it. */
function invitation(email: string, siret: string, at: Date, hours = 72) {
  const { link } = newPasswordLink({ email }, at, hours);
  const user: HrUser = {
    email,
    siret,
    userId: randomUUID(),
    invitedAt: at.toISOString(),
    invitedBy: 'operator-test',
    linkValidUntil: link.validUntil,
  };
  const notification = newNotification({
    template: 'company-hr-invited',
    to: email,
    params: { companyName: 'Test', siret, link: 'http://localhost/x', validUntil: link.validUntil },
    createdAt: at.toISOString(),
  });
  return [user, link, notification] as const;
}

const hoursAfter = (date: Date, hours: number) => new Date(date.getTime() + hours * 3_600_000);

describe('HR invitations in the table', () => {
  it('keeps an invitation whose link is still valid, and renews it with a new link once the link has expired', async () => {
    const email = `rh.${unique()}@example.org`;
    const siret = uniqueSiret();
    const t0 = new Date('2026-03-01T09:00:00.000Z');

    const first = invitation(email, siret, t0);
    expect((await invitations().record(...first)).created).toBe(true);

    const tooEarly = invitation(email, siret, hoursAfter(t0, 71));
    const kept = await invitations().record(...tooEarly);
    expect(kept).toEqual({ invitation: first[0], created: false });
    expect(await localTable().get(passwordLinkKey(tooEarly[1].tokenHash))).toBeUndefined();

    const renewed = invitation(email, siret, hoursAfter(t0, 73));
    expect((await invitations().record(...renewed)).created).toBe(true);
    expect(await localTable().get(hrUserKey(email))).toMatchObject({ invitedAt: renewed[0].invitedAt, siret });
    expect(await localTable().get(passwordLinkKey(renewed[1].tokenHash))).toMatchObject({ email });
  });

  it('never hands an e-mail invited by one company over to another, even after its link expired', async () => {
    const email = `rh.${unique()}@example.org`;
    const owner = uniqueSiret();
    const t0 = new Date('2026-03-01T09:00:00.000Z');
    await invitations().record(...invitation(email, owner, t0));

    const other = await invitations().record(...invitation(email, uniqueSiret(), hoursAfter(t0, 100)));
    expect(other.created).toBe(false);
    expect(other.invitation.siret).toBe(owner);
    expect(await localTable().get(hrUserKey(email))).toMatchObject({ siret: owner });
  });
});

describe('employment decisions in the table', () => {
  it('applies concurrent identical decisions once, and every caller sees the decision that won', async () => {
    const siret = uniqueSiret();
    const id = randomUUID();
    const table = localTable();
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: employeeToItem({
          id,
          civility: 'M',
          lastName: 'Petit',
          firstName: 'Jules',
          phone: '+33700000000',
          email: `jules.${id}@example.org`,
          nud: `0751226${Date.now() % 1e9}`,
          siret,
          consent: { acceptedAt: '2026-02-01T08:00:00.000Z', textVersion: '2026-01' },
          registeredAt: '2026-02-01T08:00:00.000Z',
          account: 'ACTIVE',
          employment: { status: 'PENDING' },
        }),
      }),
    );
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        store().decideEmployment(
          siret,
          id,
          { status: 'CONFIRMED', decidedAt: `2026-03-0${i + 1}T09:00:00.000Z`, decidedBy: 'hr' },
          told(`jules.${id}@example.org`),
        ),
      ),
    );
    expect(results.filter((result) => result?.changed)).toHaveLength(1);
    const decidedAt = new Set(results.map((result) => result?.employment.decidedAt));
    expect(decidedAt.size).toBe(1);
    expect(await table.get(employeeKey(id))).toMatchObject({ employment: { status: 'CONFIRMED', decidedAt: [...decidedAt][0] } });
    expect(
      await store().decideEmployment(
        uniqueSiret(),
        id,
        { status: 'REJECTED', decidedAt: '2026-03-09T09:00:00.000Z' },
        told('x@example.org'),
      ),
    ).toBeUndefined();
  });
});
