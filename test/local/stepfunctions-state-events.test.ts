import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLocalStepFunctions, type StateEntered } from '#local/stepfunctions/runtime.ts';

const region = 'eu-west-3';
const accountId = '000000000000';

/** Two rounds of a Choice loop, then Succeed: the states entered are known in advance. */
const loop = {
  StartAt: 'Count',
  States: {
    Count: { Type: 'Task', Resource: 'arn:aws:lambda:eu-west-3:000000000000:function:count', ResultPath: '$.round', Next: 'Again?' },
    'Again?': { Type: 'Choice', Choices: [{ Variable: '$.round', NumericLessThan: 2, Next: 'Count' }], Default: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

describe('the local Step Functions runtime reports each state entered', () => {
  it('emits stateEntered once per state entered, in order, for that execution only', async () => {
    let round = 0;
    const runtime = await createLocalStepFunctions({
      region,
      accountId,
      stateMachines: [{ name: 'loop', definition: loop, taskHandlers: { Count: async () => (round += 1) } }],
    });
    const entered: StateEntered[] = [];
    const doneEntered = new Promise<void>((resolve) =>
      runtime.events.on('stateEntered', (event) => {
        entered.push(event);
        if (event.stateName === 'Done') resolve();
      }),
    );
    const closed = once(runtime.events, 'executionClosed');
    const { executionArn } = runtime.startExecution({ stateMachineArn: runtime.stateMachineArn('loop'), input: '{}' });
    const [description] = await closed;
    expect(description.status).toBe('SUCCEEDED');
    // The library's event log is read asynchronously: its last entries may follow the close.
    await doneEntered;
    expect(entered.map((event) => event.stateName)).toEqual(['Count', 'Again?', 'Count', 'Again?', 'Done']);
    expect(entered.every((event) => event.executionArn === executionArn)).toBe(true);
    expect(entered.map((event) => event.stateType)).toEqual(['Task', 'Choice', 'Task', 'Choice', 'Succeed']);
  });
});
