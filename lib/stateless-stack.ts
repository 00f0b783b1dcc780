import { CfnOutput, Duration, Lazy, Stack, TimeZone, Validations, type StackProps } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Bucket, EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
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
import { ServiceApi } from './constructs/service-api.ts';
import type { LogLevel } from './constructs/service-function.ts';
import { ServiceFunctions } from './constructs/service-functions.ts';
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
}

/** The route whose function lists the scheduled jobs, with the crons they were deployed with. */
const jobListingRoute: RouteId = 'listJobRuns';

/**
 * Code and wiring, deployable any number of times without touching data: the functions, the
 * HTTP API, the schedules, the upload notifications and the stream subscriptions, each built
 * from its definition table.
 */
export class StatelessStack extends Stack {
  readonly functions: ServiceFunctions;
  readonly api: ServiceApi;
  readonly offerLifecycle: OfferLifecycle;
  readonly web: WebHosting;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { table, userPool, userPoolClient } = props.stateful;
    // Imported by name: bucket notifications are then configured from this stack, and the
    // stateful stack never refers to a function (which would make the two stacks depend on each other).
    const uploads = Bucket.fromBucketName(this, 'Uploads', props.stateful.bucket.bucketName);

    const durations = props.durations ?? productionDurations;
    const lifecycleName = `${this.stackName}-offer-lifecycle`;
    const offerLifecycleArn = lifecycleArn(this, lifecycleName);

    this.functions = new ServiceFunctions(this, 'Functions', {
      access: { table, bucket: uploads, userPool, emailFrom: props.emailFrom, offerLifecycleArn },
      environment: functionEnvironment({
        tableName: table.tableName,
        bucketName: uploads.bucketName,
        userPoolId: userPool.userPoolId,
        userPoolClientId: userPoolClient.userPoolClientId,
        emailFrom: props.emailFrom,
        // The distribution is made after the API it fronts: its address is read when the template is written.
        appUrl: Lazy.string({ produce: () => this.web.url }),
        s3ForcePathStyle: false,
        offerLifecycleArn,
        durations,
      }),
      logLevel: props.logLevel,
    });

    this.api = new ServiceApi(this, 'Http', {
      routes: routeList,
      functions: this.functions,
      userPool,
      userPoolClient,
      corsOrigins: props.corsOrigins,
      stageThrottle,
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.stage.url });
    this.web = new WebHosting(this, 'Web', {
      bucketName: props.webBucketName,
      api: this.api.api,
      routes: routeList,
      uploads,
      domain: props.domain,
    });

    // Overrides (NEW_OFFER_ALERTS_CRON...) are read here, once: the schedules and the job listing show the same crons.
    const jobSchedules = effectiveSchedules();
    this.addSchedules(jobSchedules);
    this.functions.get('Route', jobListingRoute).addEnvironment(scheduleCronsVariable, encodeScheduleCrons(jobSchedules));
    this.addUploadNotifications(uploads, bucketNotifications);
    this.addStreamSubscriptions(table, streamSubscriptions);
    this.offerLifecycle = new OfferLifecycle(this, 'OfferLifecycle', { functions: this.functions, stateMachineName: lifecycleName });
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

  private addUploadNotifications(bucket: IBucket, rules: Readonly<Record<string, BucketNotificationRule>>): void {
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
