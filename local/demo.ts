/**
 * `npm run demo`: one offer's whole lifecycle on a local cloud of its own (free ports, so it runs
 * beside `npm start`), with durations in seconds. Four employees with complete files apply, the
 * robot keeps the best 3 (the 4th in reserve), the commission ranks them, rank 1 declines and
 * rank 2 accepts. Prints the timeline (every e-mail included) and exits 0 only if the offer ends
 * attributed to rank 2, as read back from the offer's history and the employees' "Mes candidatures".
 *
 * `npm run demo -- round2` (issue #13 item 6): the three ranked candidates decline in turn, the
 * robot's 4th file goes to the commission in a second round, is ranked and accepts; exits 0 only
 * if the offer ends attributed in round 2.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { startLocalCloud, type LocalCloud } from './cloud.ts';
import {
  candidatesSchema,
  createDemoEmployee,
  demoOffer,
  documentClient,
  expectCall,
  historySchema,
  login,
  myApplication,
  waitFor,
  type DemoEmployee,
  type DemoEmployeeProfile,
  type DemoTarget,
} from './demo-scenario.ts';
import { freePorts } from './ports.ts';
import type { Email } from './ses.ts';

const durations = { applicationWindow: 'PT10S', commissionDeadline: 'PT5M', commissionGrace: 'PT5M', acceptancePeriod: 'PT5M' };

/** Different ages, contracts, NUD seniority and recommendation: four different scores. */
const profiles: readonly DemoEmployeeProfile[] = [
  {
    civility: 'Mme',
    firstName: 'Amina',
    lastName: 'Diallo',
    birthDate: '1998-04-12',
    contract: { kind: 'CDI' },
    contractStart: '2020-09-01',
    nudFirstRegisteredOn: '2021-03-15',
    recommended: true,
  },
  {
    civility: 'M',
    firstName: 'Julien',
    lastName: 'Moreau',
    birthDate: '1985-07-30',
    contract: { kind: 'CDI' },
    contractStart: '2015-02-02',
    nudFirstRegisteredOn: '2023-06-01',
    recommended: false,
  },
  {
    civility: 'Mme',
    firstName: 'Sofia',
    lastName: 'Lopes',
    birthDate: '1999-01-20',
    contract: { kind: 'CDD', endDate: '2027-08-31' },
    contractStart: '2026-09-01',
    nudFirstRegisteredOn: '2025-01-10',
    recommended: false,
  },
  {
    civility: 'M',
    firstName: 'Hugo',
    lastName: 'Petit',
    birthDate: '1990-11-05',
    contract: { kind: 'CDD', endDate: '2027-01-31' },
    contractStart: '2026-11-01',
    nudFirstRegisteredOn: '2026-05-04',
    recommended: false,
  },
];

interface TimelineEntry {
  readonly at: number;
  readonly who: string;
  readonly what: string;
}

class Timeline {
  private readonly entries: TimelineEntry[] = [];
  constructor(private readonly start: number) {}

  add(who: string, what: string, at = Date.now()): void {
    this.entries.push({ at, who, what });
  }

  print(): void {
    const sorted = [...this.entries].sort((a, b) => a.at - b.at);
    const width = Math.max(...sorted.map((entry) => entry.who.length));
    for (const { at, who, what } of sorted) {
      console.log(`  +${((at - this.start) / 1000).toFixed(3).padStart(7)} s  ${who.padEnd(width)}  ${what}`);
    }
  }
}

/**
 * Reads the mailbox every 200 ms and stamps each new e-mail with when it was first seen: the
 * stand-in's own stamp has whole seconds only, too coarse to order a second-scale timeline.
 * The demo's people act on their e-mails, as they would: `mailTo` waits for one.
 */
function watchMailbox(cloud: LocalCloud, onMail: (mail: Email, seenAt: number) => void) {
  const seen = new Map<string, Email>();
  let stopped = false;
  const poll = async () => {
    for (const mail of await cloud.readMailbox()) {
      if (seen.has(mail.messageId)) continue;
      seen.set(mail.messageId, mail);
      onMail(mail, Date.now());
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await poll();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return {
    mailTo: (address: string, subjectPart: string) =>
      waitFor(`an e-mail to ${address} about « ${subjectPart} »`, async () =>
        [...seen.values()].find((mail) => mail.destination.to.includes(address) && mail.subject.includes(subjectPart)),
      ),
    stop: async () => {
      stopped = true;
      await loop;
      await poll();
    },
  };
}

type Scenario = 'rank2' | 'round2';

async function run(cloud: LocalCloud, timeline: Timeline, scenario: Scenario): Promise<boolean> {
  const target: DemoTarget = { api: cloud.urls.api, environment: cloud.environment, demoPassword: cloud.demoPassword };
  const accountEmail = (key: string) => {
    const account = cloud.demoAccounts.find((candidate) => candidate.key === key);
    if (!account) throw new Error(`No demo account has the key ${key}.`);
    return account.email;
  };
  const names = new Map<string, string>();
  const nameOf = (address: string) => names.get(address) ?? address;
  const applicants = new Set<string>();

  // Only this offer's e-mails: meanwhile the seeded offers whose window has closed end unfilled and tell their landlords.
  let reference = '';
  let shown = 0;
  const mailbox = watchMailbox(cloud, (mail, seenAt) => {
    const ours = mail.destination.to.some((address) => applicants.has(address)) || (reference !== '' && mail.subject.includes(reference));
    if (!ours) return;
    shown += 1;
    timeline.add('e-mail', `→ ${mail.destination.to.map(nameOf).join(', ')} : « ${mail.subject} »`, seenAt);
  });
  try {
    const landlordToken = await login(target, accountEmail('landlord'));
    const commissionToken = await login(target, accountEmail('commission'));
    names.set(accountEmail('landlord'), `Paris Habitat (offres) <${accountEmail('landlord')}>`);
    names.set(accountEmail('commission'), `Paris Habitat (commission) <${accountEmail('commission')}>`);

    // 1. Employees with complete files.
    const employees: DemoEmployee[] = [];
    for (const profile of profiles) {
      const employee = await createDemoEmployee(target, profile, new Date());
      employees.push(employee);
      names.set(employee.email, employee.name);
      applicants.add(employee.email);
      timeline.add(
        employee.name,
        `dossier complet (${profile.contract.kind}, né(e) le ${profile.birthDate}, NUD du ${profile.nudFirstRegisteredOn}${profile.recommended ? ', recommandé(e) par les RH' : ''})`,
      );
    }
    const byId = new Map(employees.map((employee) => [employee.id, employee]));

    // 2. The landlord publishes; the publication starts the offer's execution.
    const offer = demoOffer();
    reference = offer.externalReference;
    const { offerId } = await expectCall(target, 'POST', '/landlord/offers', 201, z.object({ offerId: z.string() }), {
      token: landlordToken,
      body: offer,
    });
    const published = await expectCall(target, 'POST', `/landlord/offers/${offerId}/publish`, 200, z.object({ closesAt: z.string() }), {
      token: landlordToken,
    });
    timeline.add('bailleur', `publie l’offre ${offerId} (clôture ${published.closesAt})`);
    const executionArn = `${cloud.lifecycleArn.replace(':stateMachine:', ':execution:')}:${offerId}`;
    const runtime = cloud.stepFunctions.runtime;
    runtime.events.on('stateEntered', (event) => {
      if (event.executionArn === executionArn && ['Task', 'Succeed', 'Fail'].includes(event.stateType))
        timeline.add('Step Functions', `état « ${event.stateName} »`);
    });

    // 3. Everybody applies ("Je postule") while the window is open.
    for (const employee of employees) {
      await expectCall(target, 'POST', `/offers/${offerId}/applications`, 201, z.unknown(), { token: employee.token });
      timeline.add(employee.name, 'postule (POST /offers/{id}/applications)');
    }

    // 4. The window closes; the robot scores and keeps the best 3; the commission is told.
    await mailbox.mailTo(accountEmail('commission'), `${reference} : `);
    const { candidates } = await expectCall(target, 'GET', `/landlord/offers/${offerId}/candidates`, 200, candidatesSchema, {
      token: commissionToken,
    });
    for (const candidate of candidates) {
      timeline.add(
        'robot',
        `retient ${byId.get(candidate.applicationId)?.name} : position ${candidate.position}, score ${candidate.score}`,
      );
    }

    // 5. The commission ranks the three files in the robot's order.
    const ranking = [...candidates]
      .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
      .map((candidate) => ({ applicationId: candidate.applicationId }));
    await expectCall(target, 'POST', `/landlord/offers/${offerId}/commission-decision`, 200, z.unknown(), {
      token: commissionToken,
      body: { ranking, exclusions: [] },
    });
    timeline.add(
      'commission',
      `classe : ${ranking.map((entry, index) => `${index + 1}. ${byId.get(entry.applicationId)?.name}`).join(', ')}`,
    );
    const [first, second, third] = ranking.map((entry) => byId.get(entry.applicationId));
    if (!first || !second || !third) throw new Error('The robot kept fewer than 3 files');

    // 6. Rank 1 is offered the dwelling and declines; rank 2 is offered it and accepts. In the
    //    second-round scenario ranks 1 to 3 decline; the robot's 4th file goes to the commission
    //    (round 2), which ranks it; it is offered the dwelling and accepts.
    const answerInTurn = async (turns: readonly (readonly [DemoEmployee, 'accept' | 'decline'])[]) => {
      for (const [employee, answer] of turns) {
        await mailbox.mailTo(employee.email, 'vous est proposé');
        const offered = await waitFor(`the offer to ${employee.name}`, async () => {
          const application = await myApplication(target, employee, offerId);
          return application?.status === 'OFFERED' ? application : undefined;
        });
        timeline.add(
          employee.name,
          `lit l’e-mail ; « Mes candidatures » : OFFERED, score ${offered.score}, rang ${offered.position}, jusqu’au ${offered.offeredUntil}`,
        );
        await expectCall(target, 'POST', `/me/applications/${offerId}/${answer}`, 200, z.unknown(), { token: employee.token });
        timeline.add(employee.name, answer === 'decline' ? 'refuse le logement' : 'accepte le logement');
      }
    };
    let winner = second;
    if (scenario === 'rank2') {
      await answerInTurn([
        [first, 'decline'],
        [second, 'accept'],
      ]);
    } else {
      await answerInTurn([
        [first, 'decline'],
        [second, 'decline'],
        [third, 'decline'],
      ]);
      await mailbox.mailTo(accountEmail('commission'), `${reference} : tour 2`);
      const round2 = await expectCall(target, 'GET', `/landlord/offers/${offerId}/candidates`, 200, candidatesSchema, {
        token: commissionToken,
      });
      for (const candidate of round2.candidates) {
        timeline.add('robot', `second tour : transmet ${byId.get(candidate.applicationId)?.name} (position ${candidate.position})`);
      }
      const [next] = round2.candidates;
      const nextEmployee = next && byId.get(next.applicationId);
      if (round2.round !== 2 || !nextEmployee) throw new Error('No second round went to the commission');
      await expectCall(target, 'POST', `/landlord/offers/${offerId}/commission-decision`, 200, z.unknown(), {
        token: commissionToken,
        body: { ranking: [{ applicationId: nextEmployee.id }], exclusions: [] },
      });
      timeline.add('commission', `second tour, classe : 1. ${nextEmployee.name}`);
      await answerInTurn([[nextEmployee, 'accept']]);
      winner = nextEmployee;
    }

    // 7. The execution ends and every e-mail of the outbox has gone out.
    const closed = await waitFor('the end of the execution', async () => {
      const execution = runtime.describeExecution(executionArn);
      return execution.status === 'RUNNING' ? undefined : execution;
    });
    timeline.add('Step Functions', `exécution terminée : ${closed.status}`, closed.stopDate?.getTime());
    const db = documentClient(target);
    try {
      await waitFor('the outbox to be sent', async () => {
        const pending = await db.send(
          new QueryCommand({
            TableName: cloud.environment.TABLE_NAME,
            IndexName: 'GSI3',
            KeyConditionExpression: 'GSI3PK = :pending',
            ExpressionAttributeValues: { ':pending': 'OUTBOX#PENDING' },
            Limit: 1,
          }),
        );
        return (pending.Items ?? []).length === 0 ? true : undefined;
      });
    } finally {
      db.destroy();
    }
    await mailbox.mailTo(accountEmail('landlord'), `${reference} : logement attribué`);
    await mailbox.stop();

    // 8. Verify from the API: the history and each candidate's "Mes candidatures".
    const history = await expectCall(target, 'GET', `/landlord/offers/${offerId}/history`, 200, historySchema, { token: landlordToken });
    for (const event of history.events) {
      const applicationId = typeof event.details.applicationId === 'string' ? event.details.applicationId : undefined;
      timeline.add(
        `historique (${event.actor})`,
        `${event.kind}${applicationId ? ` — ${byId.get(applicationId)?.name ?? applicationId}` : ''}`,
        Date.parse(event.at),
      );
    }
    const statuses = new Map<DemoEmployee, string | undefined>();
    for (const employee of employees) statuses.set(employee, (await myApplication(target, employee, offerId))?.status);

    console.log(`\nChronologie de l’offre ${reference} (${offerId}), ${shown} e-mails\n`);
    timeline.print();
    console.log('\nÉtat final (Mes candidatures) :');
    for (const [employee, status] of statuses) console.log(`  ${employee.name.padEnd(14)} ${status}`);
    const attributed = history.events.find((event) => event.kind === 'OFFER_ATTRIBUTED');
    const common = {
      'history stage ATTRIBUTED': history.stage === 'ATTRIBUTED',
      'rank 1 DECLINED': statuses.get(first) === 'DECLINED',
      'execution SUCCEEDED': closed.status === 'SUCCEEDED',
    };
    const checks =
      scenario === 'rank2'
        ? {
            ...common,
            'attributed to rank 2': attributed?.details.applicationId === second.id && attributed.details.position === 2,
            'rank 2 ACCEPTED': statuses.get(second) === 'ACCEPTED',
          }
        : {
            ...common,
            'ranks 2 and 3 DECLINED': statuses.get(second) === 'DECLINED' && statuses.get(third) === 'DECLINED',
            'round 2 started': history.round === 2 && history.events.some((event) => event.kind === 'ROUND_STARTED'),
            'attributed to the round-2 file': attributed?.details.applicationId === winner.id,
            'round-2 file ACCEPTED': statuses.get(winner) === 'ACCEPTED',
          };
    console.log('\nVérifications :');
    for (const [check, ok] of Object.entries(checks)) console.log(`  ${ok ? 'OK  ' : 'FAIL'} ${check}`);
    const ok = Object.values(checks).every(Boolean);
    const done =
      scenario === 'rank2'
        ? `Offre attribuée au rang 2 (${winner.name}) — offer attributed to rank 2.`
        : `Offre attribuée au second tour (${winner.name}) — offer attributed in round 2.`;
    console.log(ok ? `\n${done}` : `\nThe offer did not end as the ${scenario} scenario expects.`);
    return ok;
  } finally {
    await mailbox.stop().catch(() => undefined);
  }
}

const scenario: Scenario = process.argv[2] === 'round2' ? 'round2' : 'rank2';
let ok = false;
console.log('Démarrage du cloud local (ports libres, durées en secondes)…');
const cloud = await startLocalCloud({
  ports: await freePorts(),
  seed: true,
  durations,
});
try {
  ok = await run(cloud, new Timeline(Date.now()), scenario);
} catch (error) {
  console.error('\nThe demo failed:', error instanceof Error ? error.message : error);
} finally {
  await cloud.stop();
}
// SDK keep-alive sockets would hold the process open for a while.
process.exit(ok ? 0 : 1);
