import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { productionDurations } from '#definitions/lifecycle.ts';
import { lifecycleArn, OfferLifecycle } from '#lib/constructs/offer-lifecycle.ts';
import { functionEnvironment } from '#lib/function-environment.ts';
import { ServiceFunctions } from '#lib/constructs/service-functions.ts';
import { stateMachinesFromTemplate } from './stepfunctions/asl.ts';

/**
 * The offer lifecycle's definition as deployed: the construct the stateless stack uses is
 * synthesized (without bundling) in a stack of its own, with only its task functions around it
 * (the whole app takes ten times longer), and the state machine's definition is read from the
 * template. Loaded only when `lifecycle-definition.ts` has no cached result for these sources.
 */
export function synthesizeOfferLifecycle(name: string, pseudo: { region: string; accountId: string }): object {
  const outdir = mkdtempSync(path.join(tmpdir(), 'alin-synth-'));
  try {
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'LocalOfferLifecycle');
    const offerLifecycleArn = lifecycleArn(stack, name);
    const functions = new ServiceFunctions(stack, 'Functions', {
      access: {
        table: Table.fromTableName(stack, 'Table', 'local'),
        bucket: Bucket.fromBucketName(stack, 'Uploads', 'local'),
        userPool: UserPool.fromUserPoolId(stack, 'Users', 'local'),
        emailFrom: 'no-reply@alin.local',
        offerLifecycleArn,
      },
      // Deployment values only: the local handlers read the local cloud's environment.
      environment: functionEnvironment({
        tableName: 'local',
        bucketName: 'local',
        userPoolId: 'local',
        userPoolClientId: 'local',
        emailFrom: 'no-reply@alin.local',
        appUrl: 'http://localhost',
        s3ForcePathStyle: true,
        offerLifecycleArn,
        durations: productionDurations,
      }),
      logLevel: 'WARN',
    });
    new OfferLifecycle(stack, 'OfferLifecycle', { functions, stateMachineName: name });
    const template = app.synth({ validateOnSynthesis: false }).getStackByName(stack.stackName).template;
    const [machine, ...others] = stateMachinesFromTemplate(template, pseudo);
    if (!machine || others.length > 0) throw new Error('Expected exactly one state machine in the lifecycle stack');
    return machine.definition;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
