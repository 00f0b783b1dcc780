import { durationMs } from '#offers/offer-rules.ts';
import type { LocalCloud } from '#local/cloud.ts';
import * as demo from '#local/demo-scenario.ts';
import type { StateEntered } from '#local/stepfunctions/runtime.ts';
import { z } from 'zod';
import type { Figure } from './harness.ts';
import { seedOfferWithApplications } from './lifecycle-robot.bench.ts';

const answers = ['decline', 'decline', 'accept'] as const;

/**
 * The state transitions (states entered, as Step Functions bills them) of one offer's execution
 * on the 3-candidate path: the window closes, the robot keeps 3, the commission ranks them, rank 1
 * and rank 2 decline, rank 3 accepts, the offer is attributed. Counted from the local runtime's
 * `stateEntered` events, on the synthesized definition; commission and answers go through HTTP.
 * A count, not a timing: it runs in the main thread, where the runtime's events are.
 */
export async function lifecycleTransitionsBenchmark(cloud: LocalCloud): Promise<Figure> {
  const target: demo.DemoTarget = { api: cloud.urls.api, environment: cloud.environment, demoPassword: cloud.demoPassword };
  const entered = new Map<string, StateEntered[]>();
  const record = (event: StateEntered) => entered.set(event.executionArn, [...(entered.get(event.executionArn) ?? []), event]);
  cloud.stepFunctions.runtime.events.on('stateEntered', record);
  const db = demo.documentClient(target);
  try {
    const employees: demo.DemoEmployee[] = [];
    for (const [index, firstName] of ['Alice', 'Bruno', 'Chloé'].entries()) {
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
    const { candidates } = await demo.waitFor('the robot’s selection', async () => {
      const answer = await fetch(`${target.api}/landlord/offers/${offerId}/candidates`, {
        headers: { authorization: `Bearer ${commissionToken}` },
      });
      return answer.status === 200 ? demo.candidatesSchema.parse(await answer.json()) : undefined;
    });
    const ranking = [...candidates].sort((a, b) => (a.position ?? 0) - (b.position ?? 0)).map(({ applicationId }) => ({ applicationId }));
    await demo.expectCall(target, 'POST', `/landlord/offers/${offerId}/commission-decision`, 200, z.unknown(), {
      token: commissionToken,
      body: { ranking, exclusions: [] },
    });
    const byId = new Map(employees.map((employee) => [employee.id, employee]));
    for (const [index, { applicationId }] of ranking.entries()) {
      const employee = byId.get(applicationId)!;
      await demo.waitFor(`the offer to rank ${index + 1}`, async () =>
        (await demo.myApplication(target, employee, offerId))?.status === 'OFFERED' ? true : undefined,
      );
      await demo.expectCall(target, 'POST', `/me/applications/${offerId}/${answers[index]}`, 200, z.unknown(), { token: employee.token });
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
    if (history.stage !== 'ATTRIBUTED' || attributed?.details.position !== 3) throw new Error('the offer did not end attributed to rank 3');

    console.log(`lifecycle path (${states.length} states entered): ${states.map((state) => state.stateName).join(' → ')}`);
    const ofType = (type: string) => states.filter((state) => state.stateType === type).length;
    return {
      name: 'lifecycle-3-candidate-path-state-transitions',
      value: states.length,
      unit: 'transitions',
      goal: { op: '<=', value: 25 },
      details: { task: ofType('Task'), choice: ofType('Choice'), wait: ofType('Wait'), succeed: ofType('Succeed') },
    };
  } finally {
    cloud.stepFunctions.runtime.events.off('stateEntered', record);
    db.destroy();
  }
}
