import { CfnOutput, Duration, Lazy, NestedStack, Stack, TimeZone, Validations, type StackProps } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Bucket, EventType } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Construct } from 'constructs';
import { bucketNotifications, type BucketNotificationRule } from '#definitions/bucket-notifications.ts';
import { routeList, stageThrottle, type RouteId } from '#definitions/routes.ts';
import { effectiveSchedules, encodeScheduleCrons, scheduleCronsVariable, type ScheduleTable } from '#definitions/schedules.ts';
import { streamSubscriptions, type StreamSubscription } from '#definitions/stream-subscriptions.ts';
import { DeadLetterQueue } from './constructs/dead-letter-queue.ts';
import { functionEnvironment } from './function-environment.ts';
import { lifecycleArn, OfferLifecycle } from './constructs/offer-lifecycle.ts';
import { productionDurations, type LifecycleDurations } from '#definitions/lifecycle.ts';
import { timeZone } from '#shared/calendar.ts';
import { ServiceApi, type ServiceRoute } from './constructs/service-api.ts';
import { areaOf, type LogLevel, type ServiceFunction } from './constructs/service-function.ts';
import { ServiceFunctions, type ServiceFunctionsProps } from './constructs/service-functions.ts';
import { type WebDomain, WebHosting } from './constructs/web-hosting.ts';
import { acknowledgeWildcard } from './nag.ts';
import type { StatefulResources } from './stateful-stack.ts';

export interface StatelessStackProps extends StackProps {
  readonly stateful: StatefulResources;
  readonly emailFrom: string;
  /** The web app's own domain; without it, the distribution's address. */
  readonly domain?: WebDomain;
  /** The web stack's bucket of the built app, by name (lib/web-stack.ts). */
  readonly webBucketName: string;
  readonly logLevel: LogLevel;
  readonly corsOrigins: readonly string[];
  readonly durations?: LifecycleDurations;
  /** How many selection rounds an offer may have; `selectionRounds` (2) when absent. */
  readonly selectionRounds?: number;
}

/**
 * The nested stacks of route functions, each with its description and the business areas
 * (handler folders) whose routes it holds. A route costs seven resources (function, role, policy, log group, integration,
 * route, invoke permission) and CloudFormation takes at most 500 a stack: the groups keep each
 * stack well under it, and a test fails before one comes near (test/infra/stack-sizes.test.ts).
 * An area in no group stops the synthesis.
 */
export const routeStackAreas = {
  EmployeeRoutes: {
    description: 'Fonctions des routes des comptes et des salariés',
    areas: ['platform', 'identity', 'privacy', 'housing-file', 'applications', 'alerts'],
  },
  PartnerRoutes: {
    description: 'Fonctions des routes des entreprises, bailleurs, commissions et opérateurs',
    areas: ['companies', 'company-hr', 'landlords', 'offers', 'lifecycle', 'scoring', 'results', 'imports', 'jobs'],
  },
} as const satisfies Record<string, { description: string; areas: readonly string[] }>;

export type RouteStackId = keyof typeof routeStackAreas;

/** The route functions' stack of each route, by the area of its handler. */
export function routeStackOf(route: Pick<ServiceRoute, 'id' | 'handler'>): RouteStackId {
  const area = areaOf(route.handler);
  const found = Object.entries(routeStackAreas).find(([, group]) => (group.areas as readonly string[]).includes(area));
  if (!found) throw new Error(`Route ${route.id}: area "${area}" is in no route stack (routeStackAreas, lib/stateless-stack.ts)`);
  return found[0] as RouteStackId;
}

/** The route that lists the scheduled jobs, with the crons they were deployed with. */
const jobListingRoute: RouteId = 'listJobRuns';

/**
 * Code and wiring, deployable any number of times without touching data. The stack itself holds
 * the HTTP API (stage, authorizer) and the distribution in front of it; the functions are in
 * nested stacks, deployed with it: the route functions by group of areas (`routeStackAreas`), and
 * the functions started by events (schedules, uploads, stream records, the offer lifecycle).
 * Nested stacks exchange values through parameters, not exports: nothing locks a function in place.
 */
export class StatelessStack extends Stack {
  readonly api: ServiceApi;
  readonly web: WebHosting;
  readonly routeStacks: Readonly<Record<RouteStackId, FunctionStack>>;
  readonly events: EventStack;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { table, userPool, userPoolClient } = props.stateful;
    // Imported by name: the stateful stack never refers to this one (which would make the two depend on each other).
    const uploads = Bucket.fromBucketName(this, 'Uploads', props.stateful.bucket.bucketName);
    const lifecycleName = `${this.stackName}-offer-lifecycle`;
    const offerLifecycleArn = lifecycleArn(this, lifecycleName);
    const functions: ServiceFunctionsProps = {
      access: { table, bucket: uploads, userPool, emailFrom: props.emailFrom, offerLifecycleArn },
      environment: functionEnvironment({
        tableName: table.tableName,
        bucketName: uploads.bucketName,
        userPoolId: userPool.userPoolId,
        userPoolClientId: userPoolClient.userPoolClientId,
        emailFrom: props.emailFrom,
        // The distribution is made after the API it fronts: its address is read when the templates are written.
        appUrl: Lazy.string({ produce: () => this.web.url }),
        s3ForcePathStyle: false,
        offerLifecycleArn,
        durations: props.durations ?? productionDurations,
        selectionRounds: props.selectionRounds,
      }),
      logLevel: props.logLevel,
    };

    this.api = new ServiceApi(this, 'Http', { userPool, userPoolClient, corsOrigins: props.corsOrigins, stageThrottle });
    new CfnOutput(this, 'ApiUrl', { value: this.api.stage.url });
    this.web = new WebHosting(this, 'Web', {
      bucketName: props.webBucketName,
      api: this.api.api,
      originSecret: this.api.originSecret.secretValue,
      routes: routeList,
      uploads,
      domain: props.domain,
    });

    const routeStacks = {} as Record<RouteStackId, FunctionStack>;
    for (const stackId of Object.keys(routeStackAreas) as RouteStackId[]) {
      const stack = new FunctionStack(this, stackId, { description: routeStackAreas[stackId].description, functions });
      this.api.addRoutes(
        stack,
        stack.functions,
        routeList.filter((route) => routeStackOf(route) === stackId),
      );
      routeStacks[stackId] = stack;
    }
    this.routeStacks = routeStacks;

    // Overrides (NEW_OFFER_ALERTS_CRON...) are read here, once: the schedules and the job listing show the same crons.
    const jobSchedules = effectiveSchedules();
    this.api.functionOf(jobListingRoute).addEnvironment(scheduleCronsVariable, encodeScheduleCrons(jobSchedules));
    this.events = new EventStack(this, 'Events', {
      description: 'Fonctions déclenchées par les planifications, les dépôts, le flux de la table et le cycle de vie des offres',
      functions,
      schedules: jobSchedules,
      table,
      bucketName: uploads.bucketName,
      lifecycleName,
    });
  }

  /** Every function of the service, whichever nested stack holds it. */
  get functions(): ServiceFunction[] {
    return [...Object.values(this.routeStacks), this.events].flatMap((stack) => stack.functions.all);
  }
}

interface FunctionStackProps {
  readonly description: string;
  readonly functions: ServiceFunctionsProps;
}

/** A nested stack of service functions, made as every function is (`ServiceFunctions`). */
export class FunctionStack extends NestedStack {
  readonly functions: ServiceFunctions;

  constructor(scope: Construct, id: string, props: FunctionStackProps) {
    super(scope, id, { description: props.description });
    this.functions = new ServiceFunctions(this, 'Functions', props.functions);
  }

  /**
   * Bundled when its parent is: `cdk deploy --exclusively <stack>` names the top-level stack, and
   * CDK matches that name against construct paths, which would leave the nested functions unbundled.
   */
  override get bundlingRequired(): boolean {
    return this.nestedStackParent?.bundlingRequired ?? super.bundlingRequired;
  }
}

interface EventStackProps extends FunctionStackProps {
  readonly schedules: ScheduleTable;
  readonly table: ITable;
  readonly bucketName: string;
  readonly lifecycleName: string;
}

/**
 * The functions no route calls, with what starts them, each built from its definition table:
 * the schedules, the upload notifications, the stream subscriptions and the offer lifecycle.
 */
export class EventStack extends FunctionStack {
  readonly offerLifecycle: OfferLifecycle;

  constructor(scope: Construct, id: string, props: EventStackProps) {
    super(scope, id, props);
    this.addSchedules(props.schedules);
    this.addUploadNotifications(props.bucketName, bucketNotifications);
    this.addStreamSubscriptions(props.table, streamSubscriptions);
    this.offerLifecycle = new OfferLifecycle(this, 'OfferLifecycle', { functions: this.functions, stateMachineName: props.lifecycleName });
  }

  private addSchedules(definitions: ScheduleTable): void {
    const deadLetters = new DeadLetterQueue(this, 'ScheduleDeadLetters');
    // One role for the schedules, which may invoke the scheduled functions and nothing else.
    const role = new Role(this, 'SchedulerRole', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
    for (const [id, definition] of Object.entries(definitions)) {
      const fn = this.functions.add('Schedule', id, definition);
      acknowledgeWildcard(
        role,
        `${fn.functionArn}:*`,
        `${definition.handler}: the schedule invokes this job's function (any version), nothing else`,
      );
      new Schedule(this, `${id}Schedule`, {
        description: definition.description,
        // Wall-clock times of a French service: jobs keep their local hour across DST changes.
        schedule: ScheduleExpression.expression(`cron(${definition.cron})`, TimeZone.of(timeZone)),
        target: new LambdaInvoke(fn, {
          role,
          retryAttempts: 3,
          // A run that could not start within an hour is stale: the next run does its work.
          maxEventAge: Duration.hours(1),
          deadLetterQueue: deadLetters,
        }),
      });
    }
  }

  private addUploadNotifications(bucketName: string, rules: Readonly<Record<string, BucketNotificationRule>>): void {
    // Imported here, so that the notifications' configuration and CDK's handler that writes it
    // are in the stack of the functions they invoke.
    const bucket = Bucket.fromBucketName(this, 'Uploads', bucketName);
    // S3 invokes asynchronously: after Lambda's retries, a failed event is kept here, not lost.
    const deadLetters = new DeadLetterQueue(this, 'UploadDeadLetters');
    for (const [id, rule] of Object.entries(rules)) {
      const fn = this.functions.add('Upload', id, rule);
      fn.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(6), onFailure: new SqsDestination(deadLetters) });
      bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(fn), {
        prefix: rule.prefix,
        suffix: rule.suffix,
      });
    }
    // CDK's own function that writes the bucket's notification configuration at deployment.
    const notificationsHandler = this.node.tryFindChild('BucketNotificationsHandler050a0587b7544547bf325f094a3db834');
    if (notificationsHandler) {
      Validations.of(notificationsHandler).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'CDK-provided deployment handler (PutBucketNotificationConfiguration at deploy time only); its role is not configurable',
      });
    }
  }

  private addStreamSubscriptions(table: ITable, subscriptions: Readonly<Record<string, StreamSubscription>>): void {
    const deadLetters = new DeadLetterQueue(this, 'StreamDeadLetters');
    for (const [id, subscription] of Object.entries(subscriptions)) {
      const fn = this.functions.add('Stream', id, subscription);
      fn.addEventSource(
        new DynamoEventSource(table, {
          startingPosition: StartingPosition[subscription.startingPosition],
          batchSize: subscription.batchSize,
          filters: [FilterCriteria.filter(subscription.filterPattern)],
          bisectBatchOnError: subscription.bisectBatchOnError,
          retryAttempts: subscription.retryAttempts,
          reportBatchItemFailures: subscription.reportBatchItemFailures,
          onFailure: new SqsDlq(deadLetters),
        }),
      );
    }
  }
}
