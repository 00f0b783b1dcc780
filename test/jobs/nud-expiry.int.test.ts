import { randomInt } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { employeeKey } from '#identity/employee-store.ts';
import { nudExpiresOn } from '#housing-file/nud-validity.ts';
import { situationRules } from '#housing-file/situation-rules.ts';
import { situationStore } from '#housing-file/situation-store.ts';
import { jobRunKey, jobRunStore, lastJobRunKey } from '#jobs/job-run-store.ts';
import { nudExpiryJobId, runNudExpiry, type NudExpiryDeps } from '#jobs/nud-expiry-job.ts';
import { nudExpiryStore } from '#jobs/nud-expiry-store.ts';
import { addDays, addMonths, calendarDayIn, frenchDate } from '#shared/calendar.ts';
import { api, tokenOf } from '../support/api.ts';
import { createTestEmployee } from '../support/employees.ts';
import { startOwnCloud } from '../support/own-cloud.ts';
import { mailsTo } from '../support/registration.ts';
import { localTable, outboxDrained } from '../support/table.ts';

// The job scans every employee of its table: on a cloud of this file's own, it finds only ours.
const own = await startOwnCloud();
afterAll(() => own.stop());

const table = localTable();
const deps: NudExpiryDeps = {
  expiries: nudExpiryStore(table.client, table.tableName, 2),
  runs: jobRunStore(table.client, table.tableName),
  rules: situationRules,
  appUrl: 'http://app.test',
};

const situations = situationStore(table.client, table.tableName);

/**
 * Each test lives in a year of its own, far ahead, so that the moved clock finds no employee of
 * other tests in the index window (the seeded ones have present-day dates).
 */
const usedYears = new Set<number>();
function freshYear(): number {
  for (;;) {
    const year = randomInt(2200, 9000);
    if (!usedYears.has(year)) {
      usedYears.add(year);
      return year;
    }
  }
}

/** 08:00 UTC on `date`: 10:00 in Paris in summer, the same calendar day. */
const morningOf = (date: string) => new Date(`${date}T08:00:00.000Z`);

/** An employee whose NUD, first registered on `firstRegisteredOn`, expires on the returned date. */
async function employeeWithNud(firstRegisteredOn: string) {
  const employee = await createTestEmployee();
  const expiresOn = nudExpiresOn(firstRegisteredOn);
  await situations.saveSituation(
    employee.id,
    { updatedAt: new Date().toISOString() },
    { on: firstRegisteredOn, expiresOn, otherAsRead: undefined },
  );
  return { ...employee, firstRegisteredOn, expiresOn };
}

const reminderSubject = (expiresOn: string) =>
  `Votre demande de logement social expire le ${frenchDate(expiresOn)} : pensez à la renouveler`;
const subjectsTo = async (address: string) => (await mailsTo(address)).map((mail) => mail.subject);

/** The `count` e-mails to `address`, once the outbox is drained: none is still queued behind them. */
async function mailsSettled(address: string, count: number) {
  await outboxDrained();
  const subjects = await subjectsTo(address);
  expect(subjects).toHaveLength(count);
  return subjects;
}

describe('the NUD-expiry job', () => {
  it('sends the 30-day reminder at exactly 30 days, not at 31, and once over two runs the same day', async () => {
    const year = freshYear();
    const employee = await employeeWithNud(`${year}-05-20`);
    const expiresOn = employee.expiresOn;

    const at31 = await runNudExpiry(deps, morningOf(addDays(expiresOn, -31)));
    expect(at31).toMatchObject({ reminders30: 0, reminders7: 0, expired: 0, errors: 0, incomplete: false });
    expect(await table.get(employeeKey(employee.id))).not.toHaveProperty('nudReminder30For');

    const at30 = await runNudExpiry(deps, morningOf(addDays(expiresOn, -30)));
    expect(at30).toMatchObject({ reminders30: 1, reminders7: 0, expired: 0, errors: 0 });
    const again = await runNudExpiry(deps, new Date(morningOf(addDays(expiresOn, -30)).getTime() + 3_600_000));
    expect(again).toMatchObject({ examined: 1, reminders30: 0, reminders7: 0, expired: 0, errors: 0 });

    expect(await table.get(employeeKey(employee.id))).toMatchObject({ nudReminder30For: expiresOn });
    const subjects = await mailsSettled(employee.email, 1);
    expect(subjects).toEqual([reminderSubject(expiresOn)]);
  });

  it('sends the 7-day reminder once, and a missed day still sends the reminder of its window', async () => {
    const year = freshYear();
    const onTime = await employeeWithNud(`${year}-05-20`);
    const late = await employeeWithNud(`${year}-05-21`);

    // The day before the 7-day mark: `late` is 8 days out (30-day window), `onTime` 7 days out.
    const day = addDays(onTime.expiresOn, -7);
    const first = await runNudExpiry(deps, morningOf(day));
    expect(first).toMatchObject({ examined: 2, reminders30: 1, reminders7: 1, errors: 0 });
    expect(await runNudExpiry(deps, morningOf(day))).toMatchObject({ examined: 2, reminders30: 0, reminders7: 0 });
    // The job did not run on `late`'s 7-day mark; it catches up the day after.
    const caughtUp = await runNudExpiry(deps, morningOf(addDays(late.expiresOn, -6)));
    expect(caughtUp).toMatchObject({ reminders30: 0, reminders7: 1 });

    expect(await table.get(employeeKey(onTime.id))).toMatchObject({ nudReminder7For: onTime.expiresOn });
    expect(await mailsSettled(onTime.email, 1)).toEqual([reminderSubject(onTime.expiresOn)]);
    expect(await mailsSettled(late.email, 2)).toHaveLength(2);
  });

  it('marks an expired NUD invalid and tells the employee once; a renewal re-arms the reminders', async () => {
    const year = freshYear();
    const employee = await employeeWithNud(`${year}-05-20`);
    const expiresOn = employee.expiresOn;

    expect(await runNudExpiry(deps, morningOf(addDays(expiresOn, -1)))).toMatchObject({ reminders7: 1, expired: 0 });
    expect(await runNudExpiry(deps, morningOf(expiresOn))).toMatchObject({ expired: 1, reminders7: 0 });
    expect(await runNudExpiry(deps, morningOf(addDays(expiresOn, 1)))).toMatchObject({ expired: 0, errors: 0 });
    expect(await table.get(employeeKey(employee.id))).toMatchObject({ nudExpiredOn: expiresOn });
    expect(await mailsSettled(employee.email, 2)).toEqual([reminderSubject(expiresOn), 'Votre demande de logement social a expiré']);
    // Both open "Ma situation", where the renewal is declared.
    for (const mail of await mailsTo(employee.email)) expect(mail.body.text).toContain('http://app.test/ma-situation');

    // Renewed the day after the expiry: valid 12 more months, and the old markers no longer apply.
    const renewedOn = addDays(expiresOn, 1);
    const renewedExpiry = nudExpiresOn(renewedOn);
    await situations.saveRenewal(employee.id, { on: renewedOn, expiresOn: renewedExpiry, otherAsRead: employee.firstRegisteredOn });
    expect(await runNudExpiry(deps, morningOf(addDays(renewedExpiry, -30)))).toMatchObject({ reminders30: 1 });
    expect(await runNudExpiry(deps, morningOf(addDays(renewedExpiry, -7)))).toMatchObject({ reminders7: 1 });
    expect(await runNudExpiry(deps, morningOf(renewedExpiry))).toMatchObject({ expired: 1 });
    expect(await table.get(employeeKey(employee.id))).toMatchObject({
      nudReminder30For: renewedExpiry,
      nudReminder7For: renewedExpiry,
      nudExpiredOn: renewedExpiry,
    });
    expect(await mailsSettled(employee.email, 5)).toHaveLength(5);
  });

  it('stops before the deadline, reports the run incomplete, and the next run finishes the work', async () => {
    const year = freshYear();
    const employees = await Promise.all([1, 2, 3].map(() => employeeWithNud(`${year}-05-20`)));
    const day = addDays(employees[0]!.expiresOn, -30);
    // Enough time for one page (of 2) only.
    let pages = 0;
    const stopped = await runNudExpiry(
      {
        ...deps,
        expiries: {
          ...deps.expiries,
          expiringPage: async (...args) => {
            const page = await deps.expiries.expiringPage(...args);
            if (page.candidates.length) pages += 1;
            return page;
          },
        },
      },
      morningOf(day),
      () => (pages === 0 ? 60_000 : 0),
    );
    expect(stopped).toMatchObject({ examined: 2, reminders30: 2, incomplete: true });
    const next = await runNudExpiry(deps, morningOf(day));
    expect(next).toMatchObject({ examined: 3, reminders30: 1, incomplete: false });
    for (const employee of employees) {
      expect(await table.get(employeeKey(employee.id))).toMatchObject({ nudReminder30For: employee.expiresOn });
    }
  });

  it('records each run and the last one for the operator', async () => {
    const year = freshYear();
    const employee = await employeeWithNud(`${year}-05-20`);
    const now = morningOf(addDays(employee.expiresOn, -30));
    const counts = await runNudExpiry(deps, now);
    const run = await table.get(jobRunKey(nudExpiryJobId, now.toISOString()));
    expect(run).toMatchObject({
      entity: 'JobRun',
      jobId: nudExpiryJobId,
      startedAt: now.toISOString(),
      status: 'DONE',
      counts: { ...counts, incomplete: 0 },
    });
    expect(Date.parse(String(run?.finishedAt))).toBeGreaterThanOrEqual(now.getTime());
    expect(run?.expiresAt).toEqual(expect.any(Number));
    // The file's own cloud runs jobs only when asked: the last finished run is this one.
    expect(await table.get(lastJobRunKey(nudExpiryJobId))).toMatchObject({
      jobId: nudExpiryJobId,
      startedAt: now.toISOString(),
      status: 'DONE',
      counts: { ...counts, incomplete: 0 },
    });
  });

  it('is run by the local scheduler, which answers its counts', async () => {
    // A real-time NUD 30 days from expiry, the only one in the window on this file's own table
    // (the other tests' are years ahead, the seeded ones months). Should midnight pass before the
    // run, it is 29 days away: the same reminder.
    const today = calendarDayIn(situationRules.timeZone, new Date());
    const employee = await employeeWithNud(addMonths(addDays(today, 30), -12));
    expect(employee.expiresOn).toBe(addDays(today, 30));
    const response = await api('POST', '/_local/jobs/nudExpiry');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      job: 'nudExpiry',
      result: { examined: 1, reminders30: 1, reminders7: 0, expired: 0, errors: 0, incomplete: false },
    });
    expect(await table.get(employeeKey(employee.id))).toMatchObject({ nudReminder30For: employee.expiresOn });
  });

  it('shows the operator the last run of each job, and refuses anyone else', async () => {
    await api('POST', '/_local/jobs/nudExpiry');
    const response = await api('GET', '/operator/jobs', { token: await tokenOf('operator') });
    expect(response.status).toBe(200);
    const nudExpiry = response.body.jobs.find((job: { id: string }) => job.id === 'nudExpiry');
    expect(nudExpiry).toMatchObject({
      cron: '0 6 * * ? *',
      lastRun: {
        startedAt: expect.any(String),
        finishedAt: expect.any(String),
        status: 'DONE',
        counts: { examined: expect.any(Number), reminders30: expect.any(Number), errors: expect.any(Number) },
      },
    });
    expect(response.body.jobs.map((job: { id: string }) => job.id)).toContain('outboxSweeper');
    const employee = await createTestEmployee();
    expect((await api('GET', '/operator/jobs', { token: employee.token })).status).toBe(403);
  });
});
