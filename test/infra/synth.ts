import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { createStacks, type AppSettings } from '#lib/housing-app.ts';

export const testSettings: AppSettings = {
  emailFrom: 'no-reply@example.org',
  logLevel: 'INFO',
  corsOrigins: ['*'],
};

/**
 * Both stacks, synthesized without bundling: the assertions read templates, not code. CDK's
 * built-in CloudFormation validation is left to `npm run synth`: it costs seconds per synthesis
 * and these tests assert on the template themselves.
 */
export function synthesize() {
  process.env.CDK_VALIDATION = 'false';
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stacks = createStacks(app, testSettings);
  const stateless = Template.fromStack(stacks.stateless);
  const functionEntries = new Map(
    stacks.stateless.functions.all.map((fn) => [Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnFunction), fn.entryPath]),
  );
  return {
    stacks,
    stateful: Template.fromStack(stacks.stateful),
    stateless,
    /** Handler entry (as in the definitions) of a function, by its logical id. */
    entryOf: (logicalId: string): string | undefined => functionEntries.get(logicalId),
    functionEntries,
  };
}

/**
 * What the tests read of the properties of a few resource types. A value that may be an intrinsic
 * (`{ Ref }`, `{ 'Fn::GetAtt' }`, `{ 'Fn::ImportValue' }`...) is `unknown`: read it with `referencedId`.
 */
interface PropertiesRead {
  'AWS::ApiGatewayV2::Route': { RouteKey: string; Target: { 'Fn::Join': [string, unknown[]] } };
  'AWS::ApiGatewayV2::Authorizer': { JwtConfiguration: { Audience: unknown[] } };
  'AWS::Lambda::Function': { LoggingConfig: { LogGroup: unknown }; Environment: { Variables: Record<string, unknown> } };
  'AWS::Lambda::EventInvokeConfig': { FunctionName: unknown; DestinationConfig: { OnFailure: { Destination: unknown } } };
  'AWS::Lambda::EventSourceMapping': {
    FunctionName: unknown;
    FilterCriteria: { Filters: { Pattern: string }[] };
    DestinationConfig: { OnFailure: { Destination: unknown } };
  };
  'AWS::Scheduler::Schedule': {
    ScheduleExpression: string;
    Target: { Arn: unknown; RetryPolicy: unknown; DeadLetterConfig: { Arn: unknown } };
  };
  'AWS::SQS::QueuePolicy': { PolicyDocument: { Statement: Statement[] } };
  'AWS::IAM::Policy': { Roles: unknown[]; PolicyDocument: { Statement: Statement[] } };
  'AWS::DynamoDB::Table': {
    GlobalSecondaryIndexes: { IndexName: string; KeySchema: unknown; Projection: unknown }[];
    StreamSpecification: { StreamViewType: string };
    TimeToLiveSpecification: { AttributeName: string };
  };
  'Custom::S3BucketNotifications': {
    NotificationConfiguration: {
      LambdaFunctionConfigurations: { LambdaFunctionArn: unknown; Filter: { Key: { FilterRules: { Name: string; Value: string }[] } } }[];
    };
  };
}

/** The properties of a resource of `Type`: those the tests read typed, any other one `unknown`. */
export type PropertiesOf<Type extends string> = (Type extends keyof PropertiesRead ? PropertiesRead[Type] : unknown) &
  Record<string, unknown>;

export type Resource<Type extends string = string> = { Type: string; Properties: PropertiesOf<Type>; [key: string]: unknown };

export function resourcesOf<Type extends string>(template: Template, type: Type): [string, Resource<Type>][] {
  return Object.entries(template.findResources(type) as Record<string, Resource<Type>>);
}

/** The single resource of a type, with its logical id. */
export function onlyResource<Type extends string>(template: Template, type: Type): [string, Resource<Type>] {
  const found = resourcesOf(template, type);
  if (found.length !== 1) throw new Error(`Expected one ${type}, found ${found.length}`);
  return found[0]!;
}

/** The logical id in `{ "Fn::GetAtt": [id, "Arn"] }` or `{ Ref: id }`. */
export function referencedId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { Ref: ref, 'Fn::GetAtt': getAtt } = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  return ref ?? getAtt?.[0];
}

export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** Every IAM statement attached to the execution role of a function. */
export function statementsOf(template: Template, functionId: string): Statement[] {
  const fn = template.toJSON().Resources[functionId] as Resource;
  const roleId = referencedId(fn.Properties.Role);
  return resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties.Roles as unknown[]).some((role) => referencedId(role) === roleId))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

export const actionsOf = (statement: Statement): string[] => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]);
