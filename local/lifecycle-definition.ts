import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { lifecycleFunctions, lifecycleTaskStates } from '#definitions/lifecycle.ts';
import { createStacks } from '#lib/housing-app.ts';
import { invokeLocal } from './lambda.ts';
import { stateMachinesFromTemplate } from './stepfunctions/asl.ts';
import type { LocalStateMachine } from './stepfunctions/runtime.ts';

/**
 * The offer lifecycle as deployed: the CDK app is synthesized (without bundling) and its state
 * machine's definition read from the template, with each Task state run by the handler the
 * definitions name. Nothing is copied: a change to the construct is what runs locally.
 */
export function localOfferLifecycle(name: string, pseudo: { region: string; accountId: string }): LocalStateMachine {
  const outdir = mkdtempSync(path.join(tmpdir(), 'alin-synth-'));
  try {
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    const { stateless } = createStacks(app, {
      emailFrom: 'no-reply@alin.local',
      appUrl: 'http://localhost',
      logLevel: 'WARN',
      corsOrigins: ['*'],
    });
    const template = app.synth({ validateOnSynthesis: false }).getStackByName(stateless.stackName).template;
    const [machine, ...others] = stateMachinesFromTemplate(template, pseudo);
    if (!machine || others.length > 0) throw new Error('Expected exactly one state machine in the stateless stack');
    const taskHandlers = Object.fromEntries(
      Object.entries(lifecycleTaskStates).map(([state, fnId]) => [
        state,
        (input: unknown) => invokeLocal(lifecycleFunctions[fnId].handler, input),
      ]),
    );
    return { name, definition: machine.definition, taskHandlers };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
