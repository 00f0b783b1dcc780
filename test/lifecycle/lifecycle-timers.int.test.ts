import { describe, expect, it } from 'vitest';
import type { LifecycleDeps } from '#lifecycle/lifecycle-context.ts';
import type { LifecycleStore } from '#lifecycle/lifecycle-store.ts';
import { api, eventually } from '../support/api.ts';
import type { TestEmployee } from '../support/employees.ts';
import { mailsTo } from '../support/registration.ts';
import { employeeWithCompleteFile, publishedOffer } from '../applications/support.ts';
import { eventOf, historyOf, myApplication, lifecycleCloudOfFile, statusOf } from './support.ts';

/**
 * The timer outcomes: nobody at the commission nor among the candidates answers, on a cloud
 * whose commission, grace and acceptance periods last 2 seconds, and whose offers may have 3
 * selection rounds (the stage's `selectionRounds`; 2 when not configured).
 */
lifecycleCloudOfFile(
  {
    applicationWindow: 'PT10S',
    commissionDeadline: 'PT2S',
    commissionGrace: 'PT2S',
    acceptancePeriod: 'PT2S',
  },
  3,
);

async function applicants(count: number): Promise<TestEmployee[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => employeeWithCompleteFile({ nudRegisteredDaysAgo: 300 - index * 100 })));
}

describe('deadlines', () => {
  it('reminds the commission, keeps the robot order, lets every offer expire in turn and ends unfilled', async () => {
    const employees = await applicants(2);
    const offerId = await publishedOffer();
    const applied = await Promise.all(
      employees.map((employee) => api('POST', `/offers/${offerId}/applications`, { token: employee.token })),
    );
    expect(applied.map((response) => response.status)).toEqual([201, 201]);

    await eventOf(offerId, 'OFFER_UNFILLED', 90_000);
    const { stage, events } = await historyOf(offerId);
    expect(stage).toBe('UNFILLED');
    expect(events.map((event) => event.kind)).toEqual([
      'ROBOT_SELECTION',
      'COMMISSION_REMINDED',
      'ROBOT_ORDER_KEPT',
      'CANDIDATE_OFFERED',
      'CANDIDATE_EXPIRED',
      'CANDIDATE_OFFERED',
      'CANDIDATE_EXPIRED',
      'OFFER_UNFILLED',
    ]);
    expect(events.find((event) => event.kind === 'ROBOT_ORDER_KEPT')!.details.ranking).toEqual([
      { applicationId: employees[0]!.id, position: 1 },
      { applicationId: employees[1]!.id, position: 2 },
    ]);
    expect(events.at(-1)!.details.reason).toBe('aucun candidat classé n’a accepté le logement');
    for (const employee of employees) expect((await myApplication(employee.token, offerId))?.status).toBe('EXPIRED');

    // Too late: the deadline has passed, and the answer says so.
    const late = await api('POST', `/me/applications/${offerId}/accept`, { token: employees[0]!.token });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('NOT_OFFERED');

    const landlordSubjects = await eventually('the landlord’s e-mails', async () => {
      const subjects = (await mailsTo('offres@paris-habitat.demo.alin.local'))
        .map((mail) => mail.subject)
        .filter((subject) => subject.includes('Offre') || subject.includes('Rappel'));
      return subjects.some((subject) => subject.includes('non pourvu')) ? subjects : undefined;
    });
    expect(landlordSubjects.some((subject) => subject.startsWith('Rappel : classement attendu'))).toBe(true);
    expect(landlordSubjects.some((subject) => subject.includes('l’ordre du robot est retenu'))).toBe(true);
    await eventually('the expiry e-mail', async () =>
      (await mailsTo(employees[1]!.email)).some((mail) => mail.subject.includes('délai de réponse')) ? true : undefined,
    );
  });

  it('refuses an answer after the deadline with a clear message', async () => {
    const employees = await applicants(1);
    const offerId = await publishedOffer();
    expect((await api('POST', `/offers/${offerId}/applications`, { token: employees[0]!.token })).status).toBe(201);
    const offered = await statusOf(employees[0]!.token, offerId, ['OFFERED'], 90_000);
    // Wait past the deadline the candidate was given, whatever the timer has done meanwhile.
    await eventually('the deadline to pass', async () => (Date.now() > Date.parse(offered.offeredUntil!) ? true : undefined));
    const late = await api('POST', `/me/applications/${offerId}/accept`, { token: employees[0]!.token });
    expect(late.status).toBe(409);
    expect(['ANSWER_TOO_LATE', 'NOT_OFFERED']).toContain(late.body.error.code);
    expect(late.body.error.message).toMatch(/délai de réponse est dépassé|plus\) proposé/);
  });
});

describe('beyond rank 3 when nobody answers (issue #13 item 6)', () => {
  it('lets the deadline pass in each of the configured 3 rounds, the robot’s next files going to the commission each time, then ends unfilled', async () => {
    // 7 files, oldest request first: round 1 takes the robot's 1-3, round 2 its 4-6, round 3 its 7th.
    const employees = await Promise.all(
      Array.from({ length: 7 }, (_, index) => employeeWithCompleteFile({ nudRegisteredDaysAgo: 330 - index * 45 })),
    );
    const offerId = await publishedOffer();
    const applied = await Promise.all(
      employees.map((employee) => api('POST', `/offers/${offerId}/applications`, { token: employee.token })),
    );
    expect(applied.map((response) => response.status)).toEqual(employees.map(() => 201));

    await eventOf(offerId, 'OFFER_UNFILLED', 120_000);
    const { stage, round, events } = (await historyOf(offerId)) as Awaited<ReturnType<typeof historyOf>> & { round?: number };
    expect(stage).toBe('UNFILLED');
    expect(round).toBe(3);
    // Each round: the commission says nothing, the robot's order stands, every candidate lets the deadline pass.
    const unanswered = (candidates: number) => [
      'COMMISSION_REMINDED',
      'ROBOT_ORDER_KEPT',
      ...Array.from({ length: candidates }, () => ['CANDIDATE_OFFERED', 'CANDIDATE_EXPIRED']).flat(),
    ];
    expect(events.map((event) => event.kind)).toEqual([
      'ROBOT_SELECTION',
      ...unanswered(3),
      'ROUND_STARTED',
      ...unanswered(3),
      'ROUND_STARTED',
      ...unanswered(1),
      'OFFER_UNFILLED',
    ]);
    // The history names the round of each commission step, and which of the robot's files each round took.
    const roundsOf = (kind: string) => events.filter((event) => event.kind === kind).map((event) => event.details.round);
    expect(roundsOf('ROBOT_SELECTION')).toEqual([1]);
    expect(roundsOf('ROUND_STARTED')).toEqual([2, 3]);
    expect(roundsOf('COMMISSION_REMINDED')).toEqual([1, 2, 3]);
    expect(roundsOf('ROBOT_ORDER_KEPT')).toEqual([1, 2, 3]);
    const started = events.filter((event) => event.kind === 'ROUND_STARTED');
    expect(
      started.map((event) => (event.details.selected as { applicationId: string; position: number }[]).map((file) => file.position)),
    ).toEqual([[4, 5, 6], [7]]);
    expect((started[1]!.details.selected as { applicationId: string }[])[0]!.applicationId).toBe(employees[6]!.id);
    expect(events.at(-1)!.details.reason).toBe('aucun candidat n’a accepté le logement en 3 tours');
    for (const employee of employees) expect((await myApplication(employee.token, offerId))?.status).toBe('EXPIRED');
    // The 7th was told it is in reserve, then called in round 3.
    const subjects = await eventually('the round-3 e-mail', async () => {
      const found = (await mailsTo(employees[6]!.email)).map((mail) => mail.subject);
      return found.some((subject) => subject.startsWith('Tour 3 :')) ? found : undefined;
    });
    expect(subjects.some((subject) => subject.includes('est en réserve'))).toBe(true);
  });
});

describe('a task that fails transiently', () => {
  it('is retried without scoring, telling or counting anyone twice', async () => {
    const employees = await applicants(4);
    const offerId = await publishedOffer();
    await Promise.all(employees.map((employee) => api('POST', `/offers/${offerId}/applications`, { token: employee.token })));
    // Loaded now: the deps read the configuration of this file's cloud, started in beforeAll.
    const { lifecycleDeps } = await import('#lifecycle/lifecycle-deps.ts');
    const { closeAndScore } = await import('#lifecycle/tasks/close-and-score.ts');
    // The run's own execution scores the offer; this copy of the task runs first on the same
    // data with a store that fails after two application writes, then again as a retry would.
    let writes = 0;
    const flaky: LifecycleStore = {
      ...lifecycleDeps.store,
      transact: async (items) => {
        writes += 1;
        if (writes === 3) throw new Error('ProvisionedThroughputExceededException (simulated)');
        return lifecycleDeps.store.transact(items);
      },
    };
    const deps: LifecycleDeps = {
      ...lifecycleDeps,
      store: flaky,
      writeConcurrency: 1,
      applicationsPerTransaction: 1,
      now: () => new Date(Date.now() + 60_000),
    };
    await expect(closeAndScore(deps, { offerId, commissionSeconds: 600 })).rejects.toThrow('simulated');
    // The retry writes in batches: the batch holding the two applications already moved is
    // refused as a whole, then redone one application at a time.
    expect(await closeAndScore({ ...deps, applicationsPerTransaction: 25 }, { offerId, commissionSeconds: 600 })).toEqual({
      selected: 3,
      commissionSecondsLeft: 600,
    });
    // The execution's own task finds the work done when the window closes.
    await eventOf(offerId, 'ROBOT_SELECTION', 60_000);
    const { events } = await historyOf(offerId);
    expect(events.filter((event) => event.kind === 'ROBOT_SELECTION')).toHaveLength(1);
    const statuses = await Promise.all(employees.map(async (employee) => (await myApplication(employee.token, offerId))!));
    expect(statuses.map((application) => application.position)).toEqual([1, 2, 3, 4]);
    for (const employee of employees) {
      const mails = await eventually('the robot’s e-mail', async () => {
        // The 4th is told he is in reserve for a second round (issue #13 item 6).
        const found = (await mailsTo(employee.email)).filter((mail) => /retenue|en réserve/.test(mail.subject));
        return found.length > 0 ? found : undefined;
      });
      expect(mails).toHaveLength(1);
    }
  });
});
