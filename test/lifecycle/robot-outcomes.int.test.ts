import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { applicationKey } from '#applications/application-store.ts';
import { offerKey } from '#offers/offer-store.ts';
import { robotOutcomeKey } from '#applications/robot-outcome.ts';
import type { LifecycleDeps } from '#lifecycle/lifecycle-context.ts';
import { lifecycleStore } from '#lifecycle/lifecycle-store.ts';
import { closeAndScore, outcomeMailId } from '#lifecycle/tasks/close-and-score.ts';
import { notificationKey } from '#notifications/outbox.ts';
import { closeWindow, employeeWithCompleteFile, publishedOffer } from '../applications/support.ts';
import { api, eventually } from '../support/api.ts';
import { mailsTo } from '../support/registration.ts';
import { localTable } from '../support/table.ts';
import { robotDepsOnSharedTable } from './robot-deps.ts';
import { activeApplicationsOf, myApplication } from './support.ts';

/**
 * Issue 15, item 3: the robot tells the files it does not select by one outcome item each
 * (BatchWriteItem) instead of a transaction each. What the applicant sees must not change: "Mes
 * candidatures" shows NOT_SELECTED with the score, its breakdown and the position; the e-mail
 * comes exactly once, also when the task is retried after writing part of its results; the
 * place is free again, up to the cap. The robot runs here with the real store and table, its
 * window moved into the past (the offer's own execution waits for the 7 days of the shared cloud).
 */
/**
 * Ends the offer's window now, as 7 days would: the offer's `closesAt` and the copy each
 * application keeps ("Mes candidatures" reads the copy) both move into the past.
 */
async function endWindow(offerId: string, employeeIds: readonly string[]): Promise<void> {
  await closeWindow(offerId);
  const table = localTable();
  const ended = await table.get(offerKey(offerId));
  for (const employeeId of employeeIds) {
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: applicationKey(offerId, employeeId),
        UpdateExpression: 'SET #offer.closesAt = :closesAt',
        ExpressionAttributeNames: { '#offer': 'offer' },
        ExpressionAttributeValues: { ':closesAt': ended?.closesAt },
      }),
    );
  }
}

describe('the robot’s outcome for the files it does not select', () => {
  it('shows NOT_SELECTED with score and position, sends one e-mail across a retry and frees the place', async () => {
    // The oldest requests score most: with 2 rounds, the first 3 are selected, the next 3 are in reserve, the 7th is not selected.
    const employees = await Promise.all(
      Array.from({ length: 7 }, (_, index) => employeeWithCompleteFile({ nudRegisteredDaysAgo: 350 - index * 50 })),
    );
    const offerId = await publishedOffer();
    for (const employee of employees) {
      expect((await api('POST', `/offers/${offerId}/applications`, { token: employee.token })).status).toBe(201);
    }
    await endWindow(
      offerId,
      employees.map((employee) => employee.id),
    );

    const table = localTable();
    const store = lifecycleStore(table.client, table.tableName);
    const firstRunAt = new Date();
    const deps: LifecycleDeps = { ...robotDepsOnSharedTable(() => firstRunAt), store };
    // The first run writes the outcomes and the e-mails, then fails before its record.
    const crashing: LifecycleDeps = {
      ...deps,
      store: {
        ...store,
        writeOutcomes: async (outcomes, notifications, concurrency) => {
          await store.writeOutcomes(outcomes, notifications, concurrency);
          throw new Error('Lambda timeout (simulated)');
        },
      },
    };
    await expect(closeAndScore(crashing, { offerId, commissionSeconds: 600, rounds: 2 })).rejects.toThrow('simulated');
    const retryAt = new Date(firstRunAt.getTime() + 5_000);
    expect(await closeAndScore({ ...deps, now: () => retryAt }, { offerId, commissionSeconds: 600, rounds: 2 })).toEqual({
      selected: 3,
      commissionSecondsLeft: 600,
    });

    const seen = await Promise.all(employees.map(async (employee) => (await myApplication(employee.token, offerId))!));
    expect(seen.map((application) => application.status)).toEqual([
      'SELECTED',
      'SELECTED',
      'SELECTED',
      'NOT_SELECTED',
      'NOT_SELECTED',
      'NOT_SELECTED',
      'NOT_SELECTED',
    ]);
    expect(seen.map((application) => application.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const application of seen) {
      expect(application.gridVersion).toBeDefined();
      expect(application.score).toBe(application.scoreBreakdown!.reduce((sum, line) => sum + line.points, 0));
    }
    expect(seen[3]!.score!).toBeGreaterThan(seen[6]!.score!);
    // "Je postule" again answers the application as "Mes candidatures" shows it, the outcome included.
    const repeated = await api('POST', `/offers/${offerId}/applications`, { token: employees[6]!.token });
    expect(repeated.status).toBe(201);
    expect(repeated.body.application).toMatchObject({ status: 'NOT_SELECTED', position: 7, score: seen[6]!.score });

    for (const [index, employee] of employees.entries()) {
      const outcome = await table.get(robotOutcomeKey(employee.id, offerId));
      if (index < 3) {
        expect(outcome).toBeUndefined();
      } else {
        // Written by the first run: the retry leaves it as it is.
        expect(outcome).toMatchObject({ status: 'NOT_SELECTED', position: index + 1, decidedAt: firstRunAt.toISOString() });
      }
      const mails = await eventually('the robot’s e-mail', async () => {
        const found = (await mailsTo(employee.email)).filter((mail) => /retenue|en réserve/.test(mail.subject));
        return found.length > 0 ? found : undefined;
      });
      expect(mails).toHaveLength(1);
      // The place is free again for the files not selected; the selected ones keep theirs.
      expect(await activeApplicationsOf(employee.id)).toBe(index < 3 ? 1 : 0);
    }
    // The 4th to 6th are in reserve for a later round, the 7th is not selected.
    const subjects = await Promise.all(
      employees.slice(3).map(async (employee) => (await mailsTo(employee.email)).map((mail) => mail.subject).join(' | ')),
    );
    expect(subjects.slice(0, 3).every((subject) => /est en réserve/.test(subject))).toBe(true);
    expect(subjects[3]).toMatch(/n’est pas retenue/);
    for (const employee of employees.slice(3)) {
      // Written once, by the first run, and sent: the retry did not put it again (it would be pending again, dated from the retry).
      const mail = await eventually('the outbox item sent', async () => {
        const item = await table.get(notificationKey(outcomeMailId(offerId, employee.id)));
        return item?.status === 'SENT' ? item : undefined;
      });
      expect(mail.createdAt).toBe(firstRunAt.toISOString());
      expect(mail.GSI3PK).toBeUndefined();
    }
  }, 120_000);

  it('counts a place the robot freed when the applicant applies again at the cap', async () => {
    // Four applicants: the 3 older requests are selected, the other is not and applies to 5 more offers (the cap).
    const employees = await Promise.all(
      [350, 300, 250, 30].map((nudRegisteredDaysAgo) => employeeWithCompleteFile({ nudRegisteredDaysAgo })),
    );
    const other = employees[3]!;
    const offerId = await publishedOffer();
    for (const employee of employees) {
      expect((await api('POST', `/offers/${offerId}/applications`, { token: employee.token })).status).toBe(201);
    }
    await endWindow(
      offerId,
      employees.map((employee) => employee.id),
    );
    const _table = localTable();
    const deps: LifecycleDeps = robotDepsOnSharedTable(() => new Date());
    await closeAndScore(deps, { offerId, commissionSeconds: 600 });
    expect((await myApplication(other.token, offerId))?.status).toBe('NOT_SELECTED');
    // The export of his data tells the same as "Mes candidatures", without the storage item behind it.
    const exported = await api('GET', '/me/export', { token: other.token });
    expect(exported.status).toBe(200);
    const data = exported.body.data as Record<string, { offerId?: string; status?: string; position?: number }[]>;
    expect(data.Application?.find((application) => application.offerId === offerId)).toMatchObject({ status: 'NOT_SELECTED', position: 4 });
    expect(data.RobotOutcome).toBeUndefined();

    const offers = await Promise.all(Array.from({ length: 6 }, () => publishedOffer()));
    const answers: number[] = [];
    for (const next of offers) answers.push((await api('POST', `/offers/${next}/applications`, { token: other.token })).status);
    // 5 active applications at most: the not-selected one no longer counts.
    expect(answers).toEqual([201, 201, 201, 201, 201, 422]);
    expect(await activeApplicationsOf(other.id)).toBe(5);
  }, 120_000);
});
