import { App, type CfnResource, NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { createStacks, type AppSettings } from '#lib/housing-app.ts';

export const testSettings: AppSettings = {
  emailFrom: 'no-reply@example.org',
  logLevel: 'INFO',
  corsOrigins: ['*'],
};

/**
 * The app's stacks, synthesized without bundling: the assertions read templates, not code. CDK's
 * built-in CloudFormation validation is left to `npm run synth`: it costs seconds per synthesis
 * and these tests assert on the template themselves. `stateless` is the stateless stack as
 * deployed, its nested stacks inlined (`inlineNestedStacks`); `templates` has each stack apart.
 */
export function synthesize() {
  process.env.CDK_VALIDATION = 'false';
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stacks = createStacks(app, testSettings);
  const stateless = inlineNestedStacks(stacks.stateless);
  const functionEntries = new Map(
    stacks.stateless.functions.map((fn) => [Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnFunction), fn.entryPath]),
  );
  return {
    stacks,
    stateful: Template.fromStack(stacks.stateful),
    stateless,
    /** Every stack of the app, nested ones included, with its own template. */
    templates: app.node
      .findAll()
      .filter((construct): construct is Stack => Stack.isStack(construct))
      .map((stack) => ({ stack, template: Template.fromStack(stack) })),
    /** Handler entry (as in the definitions) of a function, by its logical id. */
    entryOf: (logicalId: string): string | undefined => functionEntries.get(logicalId),
    functionEntries,
  };
}

/**
 * A stack with its nested stacks' resources in its own template, each nested stack's parameters
 * replaced by the values the parent passes, as CloudFormation resolves them: references across
 * the nested stacks read as within one template. Logical ids are unique across them (checked).
 */
export function inlineNestedStacks(parent: Stack): Template {
  // A copy: the assembly's template is shared by every reader of the stack.
  const template = structuredClone(Template.fromStack(parent).toJSON()) as { Resources: Record<string, Resource> };
  const resources = { ...template.Resources };
  const nestedIds: string[] = [];
  for (const nested of parent.node.findAll().filter((construct): construct is NestedStack => NestedStack.isNestedStack(construct))) {
    if (nested.nestedStackParent !== parent) continue;
    const nestedId = parent.getLogicalId(nested.nestedStackResource as CfnResource);
    nestedIds.push(nestedId);
    const passed = (resources[nestedId]?.Properties.Parameters ?? {}) as Record<string, unknown>;
    delete resources[nestedId];
    const inner = inlineNestedStacks(nested).toJSON() as { Resources: Record<string, Resource> };
    for (const [id, resource] of Object.entries(inner.Resources)) {
      if (id in resources) throw new Error(`Logical id ${id} is in ${nested.node.path} and in its parent`);
      resources[id] = substituteParameters(resource, passed) as Resource;
    }
  }
  // A dependency on a nested stack is one on its resources, now in this template.
  for (const resource of Object.values(resources)) {
    if (Array.isArray(resource.DependsOn)) resource.DependsOn = resource.DependsOn.filter((id: string) => !nestedIds.includes(id));
  }
  return Template.fromJSON({ ...template, Resources: resources });
}

function substituteParameters(value: unknown, passed: Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((item) => substituteParameters(item, passed));
  if (typeof value !== 'object' || value === null) return value;
  const ref = (value as { Ref?: unknown }).Ref;
  if (typeof ref === 'string' && Object.keys(value).length === 1 && ref in passed) return passed[ref];
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteParameters(item, passed)]));
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
