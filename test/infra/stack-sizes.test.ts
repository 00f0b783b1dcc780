import { App, Stack } from 'aws-cdk-lib';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { productionDurations } from '#definitions/lifecycle.ts';
import { routeList } from '#definitions/routes.ts';
import { functionEnvironment } from '#lib/function-environment.ts';
import { FunctionStack, routeStackAreas, routeStackOf } from '#lib/stateless-stack.ts';
import { onlyResource, resourcesOf, synthesize } from './synth.ts';

/**
 * CloudFormation takes at most 500 resources a stack, and CDK refuses to synthesize beyond. Every
 * stack of the app, nested ones included, stays under this ceiling, which leaves room for what
 * comes next (a route costs seven resources): a stack that nears it is split before it fails.
 */
const ceiling = 400;

const { stacks, stateless, templates, entryOf } = synthesize();
const sizes = templates.map(({ stack, template }) => ({
  path: stack.node.path,
  resources: Object.keys(template.toJSON().Resources ?? {}).length,
}));

describe('the size of the stacks', () => {
  it.each(sizes)(`$path has at most ${ceiling} resources`, ({ path, resources }) => {
    console.info(
      `${path}: ${resources} resources, ${ceiling - resources} below the ceiling, ${500 - resources} below CloudFormation's limit`,
    );
    expect(resources).toBeLessThanOrEqual(ceiling);
  });

  it('puts each route in the stack of its area, with its function, role, policy, log group, integration, permission and route', () => {
    for (const [stackId, stack] of Object.entries(stacks.stateless.routeStacks)) {
      const held = routeList.filter((route) => routeStackOf(route) === stackId);
      const template = templates.find((entry) => entry.stack === stack)!.template;
      const routeKeys = resourcesOf(template, 'AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties.RouteKey);
      expect(routeKeys.sort()).toEqual(held.map((route) => `${route.method} ${route.path}`).sort());
      const functions = resourcesOf(template, 'AWS::Lambda::Function').map(([id]) => entryOf(id));
      expect(functions.sort()).toEqual(held.map((route) => route.handler).sort());
      // One invoke permission per function, for its one route: seven resources a route, nothing else.
      expect(resourcesOf(template, 'AWS::Lambda::Permission')).toHaveLength(held.length);
      expect(Object.keys(template.toJSON().Resources)).toHaveLength(7 * held.length);
    }
  });

  it('has a route stack for the area of every route, and refuses an area in none', () => {
    const areas = Object.values(routeStackAreas).flatMap((group) => group.areas);
    expect(new Set(areas).size).toBe(areas.length);
    for (const route of routeList) expect(Object.keys(routeStackAreas)).toContain(routeStackOf(route));
    expect(() => routeStackOf({ id: 'stray', handler: 'elsewhere/handlers/stray.ts' })).toThrow(/area "elsewhere" is in no route stack/);
  });

  it('passes values to the nested stacks as parameters: the stateless stack exports only the distribution, to the web stack', () => {
    const parent = templates.find((entry) => entry.stack === stacks.stateless)!.template.toJSON();
    const exported = Object.values(parent.Outputs ?? {}).filter((output) => (output as { Export?: unknown }).Export !== undefined);
    const [distributionId] = onlyResource(stateless, 'AWS::CloudFront::Distribution');
    expect(exported.map((output) => (output as { Value: unknown }).Value)).toEqual([{ Ref: distributionId }]);
    for (const { stack, template } of templates.filter((entry) => entry.stack.nestedStackParent === stacks.stateless)) {
      const imports = JSON.stringify(template.toJSON()).match(/"Fn::ImportValue":"[^"]+"/g) ?? [];
      // Only the stateful stack's exports (table, bucket, user pool) are imported.
      for (const imported of imports) expect(imported, stack.node.path).toContain(`"${stacks.stateful.stackName}:`);
    }
  });
});

describe('a nested stack of functions', () => {
  /** A stack selected for bundling (`cdk deploy --exclusively <name>` selects by name), with a nested stack of functions. */
  function nestedUnder(selected: string[]) {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': selected } });
    const parent = new Stack(app, 'alin-housing-stateless');
    const offerLifecycleArn = 'arn:aws:states:eu-west-3:123456789012:stateMachine:lifecycle';
    return new FunctionStack(parent, 'Routes', {
      description: 'test',
      functions: {
        access: {
          table: Table.fromTableName(parent, 'Table', 'table'),
          bucket: Bucket.fromBucketName(parent, 'Uploads', 'uploads'),
          userPool: UserPool.fromUserPoolId(parent, 'Users', 'eu-west-3_pool'),
          emailFrom: 'no-reply@example.org',
          offerLifecycleArn,
        },
        environment: functionEnvironment({
          tableName: 'table',
          bucketName: 'uploads',
          userPoolId: 'eu-west-3_pool',
          userPoolClientId: 'client',
          emailFrom: 'no-reply@example.org',
          appUrl: 'https://logement.example.org',
          s3ForcePathStyle: false,
          offerLifecycleArn,
          durations: productionDurations,
        }),
        logLevel: 'INFO',
      },
    });
  }

  it('bundles its functions exactly when its parent is selected, though CDK matches the name against its own path', () => {
    expect(nestedUnder(['alin-housing-stateless']).bundlingRequired).toBe(true);
    expect(nestedUnder(['alin-housing-web']).bundlingRequired).toBe(false);
    expect(nestedUnder([]).bundlingRequired).toBe(false);
    expect(nestedUnder(['**']).bundlingRequired).toBe(true);
  });
});
