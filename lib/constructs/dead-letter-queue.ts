import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * Where events that exhausted their retries wait for an operator: encrypted, TLS only, kept the
 * longest SQS allows so that a failure noticed after a holiday can still be replayed.
 */
export class DeadLetterQueue extends Queue {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      // SQS-managed keys: EventBridge Scheduler and Lambda can write without key-policy grants.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `${id} is itself a dead-letter queue (on-failure destination of Lambda or Scheduler): nothing consumes it but an operator replaying`,
    });
  }
}
