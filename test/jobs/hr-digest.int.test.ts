import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { hrUsers } from '#company-hr/hr-store.ts';
import { employeeKey, employeeToItem, type Employee } from '#identity/employee-store.ts';
import { hrDigestJobId, runHrDigest, type HrDigestDeps } from '#jobs/hr-digest-job.ts';
import { hrDigestStore } from '#jobs/hr-digest-store.ts';
import { jobRunStore, lastJobRunKey } from '#jobs/job-run-store.ts';
import { api, cloud, eventually } from '../support/api.ts';
import { startOwnCloud } from '../support/own-cloud.ts';
import { mailsTo, uniqueNud } from '../support/registration.ts';
import { uniqueSiret } from '../support/sirets.ts';
import { localTable, outboxDrained } from '../support/table.ts';

// The job reads every waiting employee of its table: on a cloud of this file's own, only ours and the seed's.
const own = await startOwnCloud();
afterAll(() => own.stop());

const table = localTable();
const deps: HrDigestDeps = {
  digests: hrDigestStore(table.client, table.tableName, 2),
  runs: jobRunStore(table.client, table.tableName),
  appUrl: 'http://app.test',
};

const put = (item: Record<string, unknown>) => table.client.send(new PutCommand({ TableName: table.tableName, Item: item }));

async function hrUserOf(siret: string) {
  const email = `rh.${randomUUID()}@example.org`;
  await put(
    hrUsers.toItem({
      email,
      siret,
      userId: randomUUID(),
      invitedAt: '2026-01-05T09:00:00.000Z',
      invitedBy: 'operator',
      linkValidUntil: '2026-01-08T09:00:00.000Z',
    }),
  );
  return email;
}

async function employeeOf(siret: string, firstName: string, employment: Employee['employment'] = { status: 'PENDING' }) {
  const id = randomUUID();
  const employee: Employee = {
    id,
    civility: 'Mme',
    lastName: 'Lemoine',
    firstName,
    phone: '+33612345678',
    email: `${firstName.toLowerCase()}.${id}@example.org`,
    nud: uniqueNud(),
    siret,
    consent: { acceptedAt: '2026-02-01T08:00:00.000Z', textVersion: '2026-01' },
    registeredAt: '2026-12-02T10:00:00.000Z',
    account: 'ACTIVE',
    employment,
  };
  await put(employeeToItem(employee));
  return employee;
}

const mailsOnce = (address: string, count: number) =>
  eventually(`${count} e-mail(s) to ${address}`, async () => {
    const found = await mailsTo(address);
    return found.length === count ? found : undefined;
  });

describe('the daily HR digest', () => {
  it('tells each HR user of a company, once a day, of the employees awaiting confirmation, and never twice of one', async () => {
    const siret = uniqueSiret();
    const [first, second] = [await hrUserOf(siret), await hrUserOf(siret)];
    await employeeOf(siret, 'Anna');
    await employeeOf(siret, 'Basile');
    await employeeOf(siret, 'Chloé');
    await employeeOf(siret, 'Denis', { status: 'CONFIRMED', decidedAt: '2026-12-02T11:00:00.000Z' });

    const day1 = new Date('2026-12-03T08:00:00.000Z');
    const run1 = await runHrDigest(deps, day1);
    expect(run1).toMatchObject({ errors: 0, incomplete: false });
    expect(run1.told).toBeGreaterThanOrEqual(3);
    for (const hr of [first!, second!]) {
      const [mail] = await mailsOnce(hr, 1);
      expect(mail!.subject).toBe('3 salarié(s) attendent votre confirmation');
      expect(mail!.body.text).toContain('- Anna Lemoine, inscrit(e) le 02/12/2026');
      expect(mail!.body.text).toContain('Chloé Lemoine');
      expect(mail!.body.text).not.toContain('Denis');
      expect(mail!.body.text).toContain('http://app.test/entreprise/salaries');
    }
    expect(await table.get(lastJobRunKey(hrDigestJobId))).toMatchObject({ status: 'DONE' });

    // A new registration the same day waits for tomorrow: a second run today sends nothing.
    const late = await employeeOf(siret, 'Emma');
    const run2 = await runHrDigest(deps, new Date('2026-12-03T15:00:00.000Z'));
    expect(run2.emails).toBe(0);
    await outboxDrained();
    expect(await mailsTo(first!)).toHaveLength(1);

    // The next day: only Emma, the others were told already.
    await runHrDigest(deps, new Date('2026-12-04T08:00:00.000Z'));
    const [, next] = await mailsOnce(first!, 2);
    expect(next!.subject).toBe('1 salarié(s) attendent votre confirmation');
    expect(next!.body.text).toContain('Emma Lemoine');
    expect(next!.body.text).not.toContain('Anna');
    expect(await table.get(employeeKey(late.id))).toMatchObject({ hrToldAt: '2026-12-04T08:00:00.000Z' });
    expect(await table.get(employeeKey(late.id))).not.toHaveProperty('GSI1PK');
  });

  it('leaves the employees of a company without HR user waiting, for a later run', async () => {
    const siret = uniqueSiret();
    const waiting = await employeeOf(siret, 'Fanny');
    const run = await runHrDigest(deps, new Date('2026-12-05T08:00:00.000Z'));
    expect(run.withoutHr).toBeGreaterThanOrEqual(1);
    expect(await table.get(employeeKey(waiting.id))).toMatchObject({ GSI1PK: 'EMPLOYMENT#AWAITING_HR' });

    const hr = await hrUserOf(siret);
    await runHrDigest(deps, new Date('2026-12-06T08:00:00.000Z'));
    const [mail] = await mailsOnce(hr, 1);
    expect(mail!.body.text).toContain('Fanny Lemoine');
  });

  it('is run by the local scheduler, through the deployed handler, with the web app’s employees page as link', async () => {
    const siret = uniqueSiret();
    const hr = await hrUserOf(siret);
    const waiting = await employeeOf(siret, 'Gaël');
    const response = await api('POST', '/_local/jobs/hrDigest');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ job: 'hrDigest', result: { errors: 0, incomplete: false } });
    expect(response.body.result.told).toBeGreaterThanOrEqual(1);
    const [mail] = await mailsOnce(hr, 1);
    expect(mail!.subject).toBe('1 salarié(s) attendent votre confirmation');
    expect(mail!.body.text).toContain('Gaël Lemoine');
    expect(mail!.body.text).toContain(`${cloud().api}/entreprise/salaries`);
    expect(await table.get(employeeKey(waiting.id))).not.toHaveProperty('GSI1PK');
    // The same day again: nothing more.
    const late = await employeeOf(siret, 'Hélène');
    expect((await api('POST', '/_local/jobs/hrDigest')).body.result).toMatchObject({ errors: 0 });
    await outboxDrained();
    expect(await mailsTo(hr)).toHaveLength(1);
    expect(await table.get(employeeKey(late.id))).toMatchObject({ GSI1PK: 'EMPLOYMENT#AWAITING_HR' });
  });
});
