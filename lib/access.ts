import { Stack } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { FunctionNeeds, RateLimit } from '#shared/route.ts';
import type { ServiceFunction } from './constructs/service-function.ts';
import { acknowledgeWildcard as acknowledge } from './nag.ts';

/** The resources a function may be granted access to. */
export interface AccessTargets {
  readonly table: ITable;
  readonly bucket: IBucket;
  readonly userPool: IUserPool;
  /** SES may only send from this address. */
  readonly emailFrom: string;
  /** The offer-lifecycle state machine (by name, so that granting it creates no dependency). */
  readonly offerLifecycleArn: string;
}

/** What a function is made from: the needs declared beside its route or job, and a route's rate limits. */
export interface AccessDeclaration {
  readonly needs: FunctionNeeds;
  /** A route's application-level limits: their counters are items of the table, updated by the HTTP edge. */
  readonly limits?: readonly RateLimit[];
}

/** The needs a declaration amounts to: the HTTP edge counts the route's limits with UpdateItem on the table. */
function effectiveNeeds({ needs, limits }: AccessDeclaration): FunctionNeeds {
  if (!limits?.length || needs.table?.includes('UpdateItem')) return needs;
  return { ...needs, table: [...(needs.table ?? []), 'UpdateItem'] };
}

/** A wildcard resource of the function's role, acknowledged to cdk-nag with the reason it is needed. */
const acknowledgeWildcard = (fn: ServiceFunction, resource: string, reason: string) =>
  acknowledge(fn.executionRole, resource, `${fn.entryPath}: ${reason}`);

/** Execution ARNs of the lifecycle: `...:execution:<state machine name>:*` (names derive from offers). */
const executionsOf = (stateMachineArn: string) => `${stateMachineArn.replace(':stateMachine:', ':execution:')}:*`;

/**
 * Grants a function exactly what its declaration lists: each action on the resources it names,
 * no `*` action, no whole-bucket object access, indexes by name. A function that declares
 * nothing gets no data rights at all (its role can only write its own logs).
 */
export function grantAccess(fn: ServiceFunction, declaration: AccessDeclaration, targets: AccessTargets): void {
  const needs = effectiveNeeds(declaration);
  const { table, bucket, userPool, emailFrom, offerLifecycleArn } = targets;
  const allow = (actions: readonly string[], resources: string[], conditions?: Record<string, unknown>) =>
    fn.addToRolePolicy(new PolicyStatement({ actions: [...actions], resources, conditions }));

  if (needs.table?.length)
    allow(
      needs.table.map((operation) => `dynamodb:${operation}`),
      [table.tableArn],
    );
  if (needs.indexes?.length) {
    if (!needs.table?.includes('Query')) throw new Error(`${fn.entryPath} declares indexes but not Query`);
    allow(
      ['dynamodb:Query'],
      needs.indexes.map((index) => `${table.tableArn}/index/${index}`),
    );
  }

  const objects = (patterns: readonly string[]) =>
    patterns.map((pattern) => {
      const arn = bucket.arnForObjects(pattern);
      acknowledgeWildcard(fn, arn, `objects under "${pattern}" (keys name the employee or the import, unknown until the call)`);
      return arn;
    });
  const { read, put, delete: remove, list } = needs.bucket ?? {};
  if (read?.length) allow(['s3:GetObject'], objects(read));
  if (put?.length) allow(['s3:PutObject'], objects(put));
  if (remove?.length) allow(['s3:DeleteObject', 's3:DeleteObjectVersion'], objects(remove));
  if (list?.length) allow(['s3:ListBucket', 's3:ListBucketVersions'], [bucket.bucketArn], { StringLike: { 's3:prefix': [...list] } });

  if (needs.cognito?.length)
    allow(
      needs.cognito.map((action) => `cognito-idp:${action}`),
      [userPool.userPoolArn],
    );

  const lifecycle = needs.lifecycle ?? [];
  const onMachine = lifecycle.filter((action) => action === 'StartExecution' || action === 'SendTaskSuccess');
  const onExecutions = lifecycle.filter((action) => action === 'DescribeExecution' || action === 'StopExecution');
  // SendTaskSuccess is authorized on the state machine that issued the token.
  if (onMachine.length)
    allow(
      onMachine.map((action) => `states:${action}`),
      [offerLifecycleArn],
    );
  if (onExecutions.length) {
    allow(
      onExecutions.map((action) => `states:${action}`),
      [executionsOf(offerLifecycleArn)],
    );
    acknowledgeWildcard(fn, executionsOf(offerLifecycleArn), 'executions of the offer lifecycle only (one per offer, named by it)');
  }

  if (needs.email) {
    // Any identity, because in the SES sandbox the recipients' identities are authorized too;
    // the sender is pinned by the condition instead.
    const identities = Stack.of(fn).formatArn({ service: 'ses', resource: 'identity', resourceName: '*' });
    allow(['ses:SendEmail'], [identities], { StringEquals: { 'ses:FromAddress': emailFrom } });
    acknowledgeWildcard(fn, identities, 'recipients are SES identities too in the sandbox; the sender is pinned by ses:FromAddress');
  }

  if (needs.describeDependencies) {
    allow(['dynamodb:DescribeTable'], [table.tableArn]);
    // HeadBucket is authorized by s3:ListBucket.
    allow(['s3:ListBucket'], [bucket.bucketArn]);
    allow(['cognito-idp:DescribeUserPool'], [userPool.userPoolArn]);
    // GetAccount has no resource-level permissions.
    allow(['ses:GetAccount'], ['*']);
  }
}
