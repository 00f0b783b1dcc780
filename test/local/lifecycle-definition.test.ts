import { describe, expect, it } from 'vitest';
import { lifecycleTaskStates } from '#definitions/lifecycle.ts';
import { localOfferLifecycle } from '#local/lifecycle-definition.ts';
import { stateMachinesFromTemplate } from '#local/stepfunctions/asl.ts';
import { synthesize } from '../infra/synth.ts';

/** The definition without what names deployed resources (function ARNs), which differ by stack. */
function shape(definition: unknown): unknown {
  return JSON.parse(JSON.stringify(definition), (key, value: unknown) => (key === 'Resource' || key === 'FunctionName' ? undefined : value));
}

describe('the local offer lifecycle', () => {
  const pseudo = { region: 'eu-west-3', accountId: '000000000000' };
  const local = localOfferLifecycle('local-lifecycle', pseudo);

  it('runs the very definition the stateless stack deploys, states, paths, timeouts, retries and catches alike', () => {
    const [deployed, ...others] = stateMachinesFromTemplate(synthesize().stateless.toJSON(), pseudo);
    expect(others).toEqual([]);
    expect(Object.keys((deployed!.definition as { States: object }).States).length).toBeGreaterThan(10);
    expect(shape(local.definition)).toEqual(shape(deployed!.definition));
  });

  it('has a local handler for every Task state', () => {
    expect(Object.keys(local.taskHandlers).sort()).toEqual(Object.keys(lifecycleTaskStates).sort());
  });
});
