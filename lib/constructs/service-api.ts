import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  LogGroupLogDestination,
  type HttpRoute,
  type HttpStage,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteDefinition, Throttle } from '#shared/route.ts';
import { acknowledgePublicRoute } from '../public-routes.ts';
import type { ServiceFunctions } from './service-functions.ts';

export interface ServiceApiProps {
  /** The route table, each entry with its operation id. */
  readonly routes: readonly (RouteDefinition & { readonly id: string })[];
  readonly functions: ServiceFunctions;
  /** Issuer of the ID tokens the authorizer accepts. */
  readonly userPool: IUserPool;
  /** The only audience accepted: tokens issued to another client of the pool are refused. */
  readonly userPoolClient: IUserPoolClient;
  readonly corsOrigins: readonly string[];
  /** Throttling of every route without its own `throttle` (the stage's default route settings). */
  readonly stageThrottle: Throttle;
}

/**
 * The HTTP API: one route and one function per entry of the route table. The JWT authorizer
 * only proves who the caller is; each handler checks the caller's roles and ownership.
 */
export class ServiceApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: ServiceApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'API des candidatures aux logements sociaux des salariés',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...props.corsOrigins],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE],
        allowHeaders: ['Authorization', 'Content-Type'],
        maxAge: Duration.hours(1),
      },
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.stageThrottle.rate, burstLimit: props.stageThrottle.burst },
      accessLogSettings: {
        destination: new LogGroupLogDestination(
          new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
        ),
        // No source IP nor user agent: access logs hold no personal data.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    const authorizer = new HttpJwtAuthorizer(
      'CognitoJwt',
      `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${props.userPool.userPoolId}`,
      { jwtAudience: [props.userPoolClient.userPoolClientId] },
    );

    const throttledRoutes: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    const apiRoutes: HttpRoute[] = [];
    for (const route of props.routes) {
      if (route.throttle) {
        throttledRoutes[`${route.method} ${route.path}`] = {
          ThrottlingRateLimit: route.throttle.rate,
          ThrottlingBurstLimit: route.throttle.burst,
        };
      }
      const fn = props.functions.add('Route', route.id, {
        handler: route.handler,
        description: route.summary,
        needs: route.needs,
        limits: route.limits,
      });
      const added = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.id}Integration`, fn),
        authorizer: route.access === 'public' ? undefined : authorizer,
      });
      if (route.access === 'public') acknowledgePublicRoute(route.id, added);
      if (route.throttle) apiRoutes.push(...added);
    }
    // Per-route throttling (the public routes): the L2 stage has no such setting. Route settings
    // may only name routes that exist, hence the dependencies.
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    cfnStage.routeSettings = throttledRoutes;
    for (const apiRoute of apiRoutes) cfnStage.node.addDependency(apiRoute);
  }
}
