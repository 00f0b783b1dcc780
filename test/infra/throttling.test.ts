import { describe, expect, it } from 'vitest';
import { routeList, stageThrottle } from '#definitions/routes.ts';
import { onlyResource, resourcesOf, synthesize } from './synth.ts';

const { stateless } = synthesize();

describe('API Gateway throttling, from the route declarations', () => {
  const [stageId, stage] = onlyResource(stateless, 'AWS::ApiGatewayV2::Stage');

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

  it('creates the stage after the routes its settings name', () => {
    const routeIds = new Map(
      resourcesOf(stateless, 'AWS::ApiGatewayV2::Route').map(([id, route]) => [route.Properties.RouteKey as string, id]),
    );
    const throttledIds = routeList.filter((route) => route.throttle).map((route) => routeIds.get(`${route.method} ${route.path}`));
    expect(throttledIds.every(Boolean)).toBe(true);
    const dependsOn = stateless.toJSON().Resources[stageId].DependsOn ?? [];
    expect(dependsOn).toEqual(expect.arrayContaining(throttledIds));
  });
});
