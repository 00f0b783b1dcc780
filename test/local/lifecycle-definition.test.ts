import { describe, expect, it } from 'vitest';
import { lifecycleTaskStates } from '#definitions/lifecycle.ts';
import { localOfferLifecycle } from '#local/lifecycle-definition.ts';
import { synthesizeOfferLifecycle } from '#local/lifecycle-synth.ts';
import { stateMachinesFromTemplate } from '#local/stepfunctions/asl.ts';
import { synthesize } from '../infra/synth.ts';

/** The definition without what names deployed resources (function ARNs), which differ by stack. */
function shape(definition: unknown): unknown {
  return JSON.parse(JSON.stringify(definition), (key, value: unknown) =>
    key === 'Resource' || key === 'FunctionName' ? undefined : value,
  );
}

describe('the local offer lifecycle', () => {
  const pseudo = { region: 'eu-west-3', accountId: '000000000000' };
  it('runs the very definition the stateless stack deploys, states, paths, timeouts, retries and catches alike', () => {
    const [deployed, ...others] = stateMachinesFromTemplate(synthesize().stateless.toJSON(), pseudo);
    expect(others).toEqual([]);
    expect(Object.keys((deployed!.definition as { States: object }).States).length).toBeGreaterThan(10);
    expect(shape(synthesizeOfferLifecycle('local-lifecycle', pseudo))).toEqual(shape(deployed!.definition));
  });

  it('serves the synthesized definition from its cache, with a local handler for every Task state', async () => {
    const local = await localOfferLifecycle('local-lifecycle', pseudo);
    expect(local.definition).toEqual(synthesizeOfferLifecycle('local-lifecycle', pseudo));
    expect(await localOfferLifecycle('local-lifecycle', pseudo)).toMatchObject({ definition: local.definition });
    expect(Object.keys(local.taskHandlers).sort()).toEqual(Object.keys(lifecycleTaskStates).sort());
  });
});
