import { durationMs } from '#offers/offer-rules.ts';
import type { LocalCloud } from '#local/cloud.ts';
import * as demo from '#local/demo-scenario.ts';
import type { StateEntered } from '#local/stepfunctions/runtime.ts';
import { z } from 'zod';
import type { Figure } from './harness.ts';
import { seedOfferWithApplications } from './lifecycle-robot.bench.ts';

type Answer = 'decline' | 'accept';

/** One measured path: who applies, and each round's answers in the commission's (robot's) order. */
interface Path {
  readonly name: string;
  readonly firstNames: readonly string[];
  readonly rounds: readonly (readonly Answer[])[];
  /** The robot's position of the file the offer must end attributed to. */
  readonly attributedPosition: number;
  readonly goal: number;
}

/**
 * The 3-candidate path: the robot keeps 3, the commission ranks them, ranks 1 and 2 decline, rank
 * 3 accepts. Each candidate offered costs 4 transitions (offer, « Candidate left? », the answer,
 * « Accepted? »); the path is ~19, its goal 25.
 */
const threeCandidates: Path = {
  name: 'lifecycle-3-candidate-path-state-transitions',
  firstNames: ['Alice', 'Bruno', 'Chloé'],
  rounds: [['decline', 'decline', 'accept']],
  attributedPosition: 3,
  goal: 25,
};

/**
 * Issue #13 item 6, the second-round path: 4 apply, the 3 ranked decline, the robot's 4th file
 * goes to the commission in round 2 and accepts. Its goal: the 3-candidate path's 25, plus one
 * round's overhead (5: the offer finding nobody, « Candidate left? », « Start next round »,
 * « Next round? », the commission's callback) plus one more candidate offered (4): 34.
 */
const secondRound: Path = {
  name: 'lifecycle-second-round-path-state-transitions',
  firstNames: ['Alice', 'Bruno', 'Chloé', 'Denis'],
  rounds: [['decline', 'decline', 'decline'], ['accept']],
  attributedPosition: 1,
  goal: 34,
};

/**
 * The state transitions (states entered, as Step Functions bills them) of one offer's execution
 * on each path, from the window's close to the attribution. Counted from the local runtime's
 * `stateEntered` events, on the synthesized definition; commission and answers go through HTTP.
 * A count, not a timing: it runs in the main thread, where the runtime's events are.
 */
export async function lifecycleTransitionsBenchmark(cloud: LocalCloud): Promise<Figure[]> {
  return [await measurePath(cloud, threeCandidates), await measurePath(cloud, secondRound)];
}

async function measurePath(cloud: LocalCloud, path: Path): Promise<Figure> {
  const target: demo.DemoTarget = { api: cloud.urls.api, environment: cloud.environment, demoPassword: cloud.demoPassword };
  const entered = new Map<string, StateEntered[]>();
  const record = (event: StateEntered) => entered.set(event.executionArn, [...(entered.get(event.executionArn) ?? []), event]);
  cloud.stepFunctions.runtime.events.on('stateEntered', record);
  const db = demo.documentClient(target);
  try {
    const employees: demo.DemoEmployee[] = [];
    for (const [index, firstName] of path.firstNames.entries()) {
      employees.push(
        await demo.createDemoEmployee(
          target,
          {
            civility: 'Mme',
            firstName,
            lastName: 'Transition',
            birthDate: `${1990 + index}-03-03`,
            contract: { kind: 'CDI' },
            contractStart: '2020-01-06',
            nudFirstRegisteredOn: `${2020 + index}-02-01`,
            recommended: false,
          },
          new Date(),
        ),
      );
    }
    // Published a whole window ago: the execution passes its Wait at once and the robot runs.
    const publishedAt = new Date(Date.now() - durationMs(cloud.environment.APPLICATION_WINDOW) - 60_000);
    const { offerId } = await seedOfferWithApplications(
      target,
      db,
      employees.map((employee) => ({ employeeId: employee.id, firstName: employee.name, email: employee.email, withProfile: false })),
      publishedAt,
    );
    const executionArn = `${cloud.lifecycleArn.replace(':stateMachine:', ':execution:')}:${offerId}`;

    const commissionToken = await demo.login(target, cloud.demoAccounts.find((account) => account.key === 'commission')!.email);
    const byId = new Map(employees.map((employee) => [employee.id, employee]));
    for (const [round, answers] of path.rounds.entries()) {
      const { candidates } = await demo.waitFor(`the robot’s selection for round ${round + 1}`, async () => {
        const answer = await fetch(`${target.api}/landlord/offers/${offerId}/candidates`, {
          headers: { authorization: `Bearer ${commissionToken}` },
        });
        const view = answer.status === 200 ? demo.candidatesSchema.parse(await answer.json()) : undefined;
        return (view?.round ?? 1) === round + 1 ? view : undefined;
      });
      const ranking = [...candidates].sort((a, b) => (a.position ?? 0) - (b.position ?? 0)).map(({ applicationId }) => ({ applicationId }));
      await demo.expectCall(target, 'POST', `/landlord/offers/${offerId}/commission-decision`, 200, z.unknown(), {
        token: commissionToken,
        body: { ranking, exclusions: [] },
      });
      for (const [index, { applicationId }] of ranking.entries()) {
        const employee = byId.get(applicationId)!;
        await demo.waitFor(`the offer to rank ${index + 1}`, async () =>
          (await demo.myApplication(target, employee, offerId))?.status === 'OFFERED' ? true : undefined,
        );
        await demo.expectCall(target, 'POST', `/me/applications/${offerId}/${answers[index]}`, 200, z.unknown(), { token: employee.token });
      }
    }

    const closed = await demo.waitFor('the end of the execution', async () => {
      const execution = cloud.stepFunctions.runtime.describeExecution(executionArn);
      return execution.status === 'RUNNING' ? undefined : execution;
    });
    if (closed.status !== 'SUCCEEDED') throw new Error(`the execution ended ${closed.status}`);
    // The runtime reads the library's event log asynchronously: the final state may follow the close.
    const states = await demo.waitFor('the final state', async () => {
      const list = entered.get(executionArn) ?? [];
      return list.some((state) => state.stateType === 'Succeed') ? list : undefined;
    });
    const history = await demo.expectCall(target, 'GET', `/landlord/offers/${offerId}/history`, 200, demo.historySchema, {
      token: commissionToken,
    });
    const attributed = history.events.find((event) => event.kind === 'OFFER_ATTRIBUTED');
    if (
      history.stage !== 'ATTRIBUTED' ||
      attributed?.details.position !== path.attributedPosition ||
      (history.round ?? 1) !== path.rounds.length
    )
      throw new Error(`the offer did not end attributed to rank ${path.attributedPosition} of round ${path.rounds.length}`);

    console.log(`${path.name} (${states.length} states entered): ${states.map((state) => state.stateName).join(' → ')}`);
    const ofType = (type: string) => states.filter((state) => state.stateType === type).length;
    return {
      name: path.name,
      value: states.length,
      unit: 'transitions',
      goal: { op: '<=', value: path.goal },
      details: { task: ofType('Task'), choice: ofType('Choice'), wait: ofType('Wait'), succeed: ofType('Succeed') },
    };
  } finally {
    cloud.stepFunctions.runtime.events.off('stateEntered', record);
    db.destroy();
  }
}
