import { Duration, Lazy, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  LogGroupLogDestination,
  type HttpStage,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { originSecretVariable } from '#shared/client-address.ts';
import type { RouteDefinition, Throttle } from '#shared/route.ts';
import { acknowledgePublicRoute } from '../public-routes.ts';
import type { ServiceFunction } from './service-function.ts';
import type { ServiceFunctions } from './service-functions.ts';

/** A route of the route table, with its operation id. */
export type ServiceRoute = RouteDefinition & { readonly id: string };

export interface ServiceApiProps {
  /** Issuer of the ID tokens the authorizer accepts. */
  readonly userPool: IUserPool;
  /** The only audience accepted: tokens issued to another client of the pool are refused. */
  readonly userPoolClient: IUserPoolClient;
  readonly corsOrigins: readonly string[];
  /** Throttling of every route without its own `throttle` (the stage's default route settings). */
  readonly stageThrottle: Throttle;
}

/**
 * The HTTP API: its stage, its JWT authorizer and the secret its distribution sends; the routes
 * are added by group (`addRoutes`), each route with its own function, in the group's stack. The
 * JWT authorizer only proves who the caller is; each handler checks the caller's roles and ownership.
 */
export class ServiceApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  /**
   * Sent by the distribution with every request it forwards (lib/constructs/web-hosting.ts): the
   * functions that count by client address believe CloudFront's viewer address only beside it
   * (functions/shared/client-address.ts).
   */
  readonly originSecret: Secret;
  private readonly authorizer: HttpJwtAuthorizer;
  private readonly throttledRoutes: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
  private readonly routeFunctions = new Map<string, ServiceFunction>();

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
    // Per-route throttling (the public routes): the L2 stage has no such setting; filled by `addRoutes`.
    (this.stage.node.defaultChild as CfnStage).routeSettings = Lazy.any({ produce: () => this.throttledRoutes });

    this.authorizer = new HttpJwtAuthorizer(
      'CognitoJwt',
      `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${props.userPool.userPoolId}`,
      { jwtAudience: [props.userPoolClient.userPoolClientId] },
    );

    this.originSecret = new Secret(this, 'OriginSecret', {
      description: "Secret envoyé par la distribution CloudFront à l'API : l'adresse du visiteur n'est crue qu'à côté de lui",
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      // Nothing depends on its value but the distribution and the functions, updated with it.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Not rotated: CloudFront and the functions read it at deployment (dynamic reference), so a new value is a redeployment; ' +
        'it only proves a request came through the distribution, and the limits by e-mail and SIRET hold without it',
    });
  }

  /**
   * One route and one function per entry, both in the stack of `scope` (a nested stack of route
   * functions): the route, its Lambda integration, the permission to invoke the function from
   * that route, and the function with its role, policy and log group.
   */
  addRoutes(scope: Construct, functions: ServiceFunctions, routes: readonly ServiceRoute[]): void {
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    for (const route of routes) {
      const fn = functions.add('Route', route.id, {
        handler: route.handler,
        description: route.summary,
        needs: route.needs,
        limits: route.limits,
      });
      this.routeFunctions.set(route.id, fn);
      // Only the functions that count by address read the secret.
      if (route.limits?.some((limit) => limit.by === 'ip')) {
        fn.addEnvironment(originSecretVariable, this.originSecret.secretValue.unsafeUnwrap());
      }
      const apiRoute = new HttpRoute(scope, `${route.id}Route`, {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: new HttpLambdaIntegration(`${route.id}Integration`, fn),
        authorizer: route.access === 'public' ? undefined : this.authorizer,
      });
      if (route.access === 'public') acknowledgePublicRoute(route.id, [apiRoute]);
      if (route.throttle) {
        this.throttledRoutes[`${route.method} ${route.path}`] = {
          ThrottlingRateLimit: route.throttle.rate,
          ThrottlingBurstLimit: route.throttle.burst,
        };
        // Route settings may only name routes that exist: the stage comes after them.
        cfnStage.node.addDependency(apiRoute);
      }
    }
  }

  /** The function behind a route, by its operation id. */
  functionOf(routeId: string): ServiceFunction {
    const fn = this.routeFunctions.get(routeId);
    if (!fn) throw new Error(`No function for route "${routeId}"`);
    return fn;
  }
}
