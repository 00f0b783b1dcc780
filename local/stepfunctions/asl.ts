import { z } from 'zod';

/**
 * Reads the state machines out of a synthesized CloudFormation template, so the local run
 * executes exactly the ASL that CDK produced, with the template's intrinsics resolved offline.
 */

/** The values CloudFormation would supply for pseudo parameters; fixed, since there is no stack. */
export interface PseudoParameters {
  readonly region: string;
  readonly accountId: string;
  /** `aws` when absent. */
  readonly partition?: string;
  /** `amazonaws.com` when absent. */
  readonly urlSuffix?: string;
  readonly stackName?: string;
  /** Values for the template's own `Parameters`; their `Default` is used otherwise. */
  readonly parameters?: Readonly<Record<string, string>>;
}

export interface SynthesizedStateMachine {
  readonly logicalId: string;
  /** The `StateMachineName` property, when the template sets one. */
  readonly stateMachineName?: string;
  /** The ASL definition, intrinsics and `DefinitionSubstitutions` applied. */
  readonly definition: Record<string, unknown>;
}

export class TemplateResolutionError extends Error {
  override readonly name = 'TemplateResolutionError';
}

const templateSchema = z.object({
  Parameters: z.record(z.string(), z.object({ Default: z.unknown().optional() })).optional(),
  Resources: z.record(z.string(), z.object({ Type: z.string(), Properties: z.record(z.string(), z.unknown()).optional() })),
});
type Template = z.infer<typeof templateSchema>;

const aslSchema = z.looseObject({ StartAt: z.string(), States: z.record(z.string(), z.unknown()) });

/** Every `AWS::StepFunctions::StateMachine` of the template, in template order. */
export function stateMachinesFromTemplate(template: unknown, pseudo: PseudoParameters): SynthesizedStateMachine[] {
  const parsed = templateSchema.parse(template);
  const resolver = new IntrinsicResolver(parsed, pseudo);
  return Object.entries(parsed.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::StepFunctions::StateMachine')
    .map(([logicalId, { Properties: props = {} }]) => {
      const at = (property: string) => `${logicalId}.${property}`;
      let text: string;
      if (props.DefinitionString !== undefined) {
        text = resolver.string(props.DefinitionString, at('DefinitionString'));
      } else if (props.Definition !== undefined) {
        text = JSON.stringify(resolver.resolve(props.Definition, at('Definition')));
      } else {
        throw new TemplateResolutionError(`${logicalId} has no inline definition (DefinitionS3Location is unsupported)`);
      }
      const substitutions = props.DefinitionSubstitutions ?? {};
      for (const [key, value] of Object.entries(z.record(z.string(), z.unknown()).parse(substitutions))) {
        text = text.replaceAll(`\${${key}}`, resolver.string(value, at(`DefinitionSubstitutions.${key}`)));
      }
      const definition = aslSchema.parse(JSON.parse(text));
      if (props.StateMachineName === undefined) return { logicalId, definition };
      return { logicalId, stateMachineName: resolver.string(props.StateMachineName, at('StateMachineName')), definition };
    });
}

/**
 * Resolves `Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Sub`, `Fn::Select` and `Fn::Split`.
 * Other resources become placeholder ARNs that name their logical id: the local run maps
 * Task states to local handlers by state name, so these ARNs are only ever read, never called.
 */
export class IntrinsicResolver {
  private readonly partition: string;

  constructor(
    private readonly template: Template,
    private readonly pseudo: PseudoParameters,
  ) {
    this.partition = pseudo.partition ?? 'aws';
  }

  resolve(value: unknown, at: string): unknown {
    if (Array.isArray(value)) return value.map((item, i) => this.resolve(item, `${at}[${i}]`));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [first] = entries;
    if (entries.length === 1 && first && (first[0] === 'Ref' || first[0].startsWith('Fn::'))) {
      return this.intrinsic(first[0], first[1], `${at}.${first[0]}`);
    }
    return Object.fromEntries(entries.map(([key, item]) => [key, this.resolve(item, `${at}.${key}`)]));
  }

  string(value: unknown, at: string): string {
    const resolved = this.resolve(value, at);
    if (typeof resolved === 'string') return resolved;
    if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
    throw new TemplateResolutionError(`${at} does not resolve to a string`);
  }

  private intrinsic(fn: string, args: unknown, at: string): unknown {
    switch (fn) {
      case 'Ref':
        return this.ref(z.string().parse(args));
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = typeof args === 'string' ? splitOnce(args, '.') : z.tuple([z.string(), z.unknown()]).parse(args);
        return this.getAtt(logicalId, this.string(attribute, at));
      }
      case 'Fn::Join': {
        const [separator, items] = z.tuple([z.string(), z.unknown()]).parse(args);
        const list = this.resolve(items, at);
        if (!Array.isArray(list)) throw new TemplateResolutionError(`${at} does not join a list`);
        return list.map((item, i) => this.string(item, `${at}[${i}]`)).join(separator);
      }
      case 'Fn::Sub': {
        const [text, variables] =
          typeof args === 'string' ? [args, {}] : z.tuple([z.string(), z.record(z.string(), z.unknown())]).parse(args);
        return text.replace(/\$\{(!?)([^}]+)\}/g, (_, literal: string, name: string) => {
          if (literal) return `\${${name}}`;
          if (name in variables) return this.string(variables[name], `${at}.${name}`);
          return name.includes('.') ? this.getAtt(...splitOnce(name, '.')) : this.string(this.ref(name), at);
        });
      }
      case 'Fn::Select': {
        const [index, items] = z.tuple([z.unknown(), z.unknown()]).parse(args);
        const list = this.resolve(items, at);
        const item = Array.isArray(list) ? list[Number(this.string(index, at))] : undefined;
        if (item === undefined) throw new TemplateResolutionError(`${at} selects outside its list`);
        return item;
      }
      case 'Fn::Split': {
        const [separator, text] = z.tuple([z.string(), z.unknown()]).parse(args);
        return this.string(text, at).split(separator);
      }
      default:
        throw new TemplateResolutionError(`${at}: ${fn} is not supported by the local run`);
    }
  }

  private ref(name: string): string {
    const { region, accountId, urlSuffix = 'amazonaws.com', stackName = 'local' } = this.pseudo;
    switch (name) {
      case 'AWS::Partition':
        return this.partition;
      case 'AWS::Region':
        return region;
      case 'AWS::AccountId':
        return accountId;
      case 'AWS::URLSuffix':
        return urlSuffix;
      case 'AWS::StackName':
        return stackName;
      case 'AWS::StackId':
        return `arn:${this.partition}:cloudformation:${region}:${accountId}:stack/${stackName}/local`;
    }
    const parameter = this.template.Parameters?.[name];
    if (parameter) {
      const value = this.pseudo.parameters?.[name] ?? parameter.Default;
      if (value === undefined) throw new TemplateResolutionError(`template parameter ${name} has no value`);
      return this.string(value, `Parameters.${name}`);
    }
    return this.placeholderArn(name);
  }

  private getAtt(logicalId: string, attribute: string): string {
    const arn = this.placeholderArn(logicalId);
    return attribute === 'Arn' ? arn : `${arn}/${attribute}`;
  }

  private placeholderArn(logicalId: string): string {
    const type = this.template.Resources[logicalId]?.Type;
    if (!type) throw new TemplateResolutionError(`${logicalId} is not a resource of the template`);
    const { region, accountId } = this.pseudo;
    const p = this.partition;
    switch (type) {
      case 'AWS::Lambda::Function':
        return `arn:${p}:lambda:${region}:${accountId}:function:${logicalId}`;
      case 'AWS::DynamoDB::Table':
        return `arn:${p}:dynamodb:${region}:${accountId}:table/${logicalId}`;
      case 'AWS::SNS::Topic':
        return `arn:${p}:sns:${region}:${accountId}:${logicalId}`;
      case 'AWS::SQS::Queue':
        return `arn:${p}:sqs:${region}:${accountId}:${logicalId}`;
      case 'AWS::S3::Bucket':
        return `arn:${p}:s3:::${logicalId}`;
      case 'AWS::IAM::Role':
        return `arn:${p}:iam::${accountId}:role/${logicalId}`;
      case 'AWS::StepFunctions::StateMachine':
        return `arn:${p}:states:${region}:${accountId}:stateMachine:${logicalId}`;
    }
    const [, service = 'unknown', kind = 'resource'] = type.split('::');
    return `arn:${p}:${service.toLowerCase()}:${region}:${accountId}:${kind.toLowerCase()}/${logicalId}`;
  }
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  if (at < 0) throw new TemplateResolutionError(`"${text}" has no "${separator}"`);
  return [text.slice(0, at), text.slice(at + separator.length)];
}
