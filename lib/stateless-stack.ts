import { CfnOutput, Duration, Stack, TimeZone, type StackProps } from 'aws-cdk-lib';
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
import { routeList } from '#definitions/routes.ts';
import { schedules, type ScheduleDefinition } from '#definitions/schedules.ts';
import { streamSubscriptions, type StreamSubscription } from '#definitions/stream-subscriptions.ts';
import { DeadLetterQueue } from './constructs/dead-letter-queue.ts';
import { lifecycleArn, OfferLifecycle } from './constructs/offer-lifecycle.ts';
import { productionDurations, type LifecycleDurations } from '#definitions/lifecycle.ts';
import { ServiceApi } from './constructs/service-api.ts';
import type { LogLevel } from './constructs/service-function.ts';
import { ServiceFunctions } from './constructs/service-functions.ts';
import type { StatefulResources } from './stateful-stack.ts';

export interface StatelessStackProps extends StackProps {
  readonly stateful: StatefulResources;
  readonly emailFrom: string;
  /** Base URL of the web application, for links in e-mails. */
  readonly appUrl: string;
  readonly logLevel: LogLevel;
  readonly corsOrigins: readonly string[];
  readonly durations?: LifecycleDurations;
}

/** Retries of a stream batch before its records go to the dead-letter queue. */
const streamRetryAttempts = 5;

/**
 * Code and wiring, deployable any number of times without touching data: the functions, the
 * HTTP API, the schedules, the upload notifications and the stream subscriptions, each built
 * from its definition table.
 */
export class StatelessStack extends Stack {
  readonly functions: ServiceFunctions;
  readonly api: ServiceApi;
  readonly offerLifecycle: OfferLifecycle;

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
      environment: {
        TABLE_NAME: table.tableName,
        BUCKET_NAME: uploads.bucketName,
        USER_POOL_ID: userPool.userPoolId,
        USER_POOL_CLIENT_ID: userPoolClient.userPoolClientId,
        EMAIL_FROM: props.emailFrom,
        APP_URL: props.appUrl,
        S3_FORCE_PATH_STYLE: 'false',
        OFFER_LIFECYCLE_ARN: offerLifecycleArn,
        APPLICATION_WINDOW: durations.applicationWindow,
        COMMISSION_DEADLINE: durations.commissionDeadline,
        COMMISSION_GRACE: durations.commissionGrace,
        ACCEPTANCE_PERIOD: durations.acceptancePeriod,
      },
      logLevel: props.logLevel,
    });

    this.api = new ServiceApi(this, 'Http', {
      routes: routeList,
      functions: this.functions,
      userPool,
      userPoolClient,
      corsOrigins: props.corsOrigins,
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.stage.url });

    this.addSchedules(schedules);
    this.addUploadNotifications(uploads, bucketNotifications);
    this.addStreamSubscriptions(table, streamSubscriptions);
    this.offerLifecycle = new OfferLifecycle(this, 'OfferLifecycle', { functions: this.functions, stateMachineName: lifecycleName });
  }

  private addSchedules(definitions: Readonly<Record<string, ScheduleDefinition>>): void {
    const deadLetters = new DeadLetterQueue(this, 'ScheduleDeadLetters');
    for (const [id, definition] of Object.entries(definitions)) {
      const fn = this.functions.add('Schedule', id, definition);
      new Schedule(this, `${id}Schedule`, {
        description: definition.description,
        // Wall-clock times of a French service: jobs keep their local hour across DST changes.
        schedule: ScheduleExpression.expression(`cron(${definition.cron})`, TimeZone.EUROPE_PARIS),
        target: new LambdaInvoke(fn, {
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
  }

  private addStreamSubscriptions(table: ITable, subscriptions: Readonly<Record<string, StreamSubscription>>): void {
    const deadLetters = new DeadLetterQueue(this, 'StreamDeadLetters');
    for (const [id, subscription] of Object.entries(subscriptions)) {
      const fn = this.functions.add('Stream', id, subscription);
      fn.addEventSource(
        new DynamoEventSource(table, {
          // From the oldest record kept: an outbox item written before the mapping existed is still sent.
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: subscription.batchSize,
          filters: [FilterCriteria.filter(subscription.filterPattern)],
          bisectBatchOnError: true,
          retryAttempts: streamRetryAttempts,
          reportBatchItemFailures: true,
          onFailure: new SqsDlq(deadLetters),
        }),
      );
    }
  }
}
