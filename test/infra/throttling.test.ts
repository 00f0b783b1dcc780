import type { CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { routeList, stageThrottle } from '#definitions/routes.ts';
import { routeStackOf } from '#lib/stateless-stack.ts';
import { onlyResource, resourcesOf, synthesize } from './synth.ts';

const { stacks, stateless } = synthesize();

describe('API Gateway throttling, from the route declarations', () => {
  const [, stage] = onlyResource(stateless, 'AWS::ApiGatewayV2::Stage');

  it('throttles every route of the stage by default', () => {
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: stageThrottle.rate,
      ThrottlingBurstLimit: stageThrottle.burst,
    });
  });

  it('gives each public route with a throttle its own rate and burst, and only those', () => {
    const declared = routeList.filter((route) => route.throttle);
    expect(declared.map((route) => route.path)).toEqual(
      expect.arrayContaining(['/auth/login', '/registrations', '/auth/password', '/companies/{siret}/eligibility']),
    );
    expect(declared.every((route) => route.access === 'public')).toBe(true);
    expect(stage.Properties.RouteSettings).toEqual(
      Object.fromEntries(
        declared.map((route) => [
          `${route.method} ${route.path}`,
          { ThrottlingRateLimit: route.throttle!.rate, ThrottlingBurstLimit: route.throttle!.burst },
        ]),
      ),
    );
  });

  it('creates the stage after the routes its settings name (after the nested stacks that hold them)', () => {
    const routeKeys = resourcesOf(stateless, 'AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties.RouteKey as string);
    const throttled = routeList.filter((route) => route.throttle);
    expect(throttled.every((route) => routeKeys.includes(`${route.method} ${route.path}`))).toBe(true);
    const parent = Template.fromStack(stacks.stateless);
    const [, stageInParent] = onlyResource(parent, 'AWS::ApiGatewayV2::Stage');
    const holders = new Set(throttled.map((route) => stacks.stateless.routeStacks[routeStackOf(route)]));
    const holderIds = [...holders].map((stack) => stacks.stateless.getLogicalId(stack.nestedStackResource as CfnResource));
    expect(stageInParent.DependsOn).toEqual(expect.arrayContaining(holderIds));
  });
});
