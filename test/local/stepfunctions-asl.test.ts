import { describe, expect, it } from 'vitest';
import { stateMachinesFromTemplate, TemplateResolutionError } from '#local/stepfunctions/asl.ts';
import { synthesizeDecisionWorkflow } from '../fixtures/stepfunctions/decision-workflow.ts';

const pseudo = { region: 'eu-west-3', accountId: '123456789012' };

const resources = {
  Notify: { Type: 'AWS::Lambda::Function', Properties: {} },
  Offers: { Type: 'AWS::DynamoDB::Table', Properties: {} },
  Alerts: { Type: 'AWS::SNS::Topic', Properties: {} },
};

const machine = (properties: Record<string, unknown>) => ({
  Resources: { ...resources, Flow: { Type: 'AWS::StepFunctions::StateMachine', Properties: properties } },
});

describe('reading state machines from a synthesized template', () => {
  it('joins a Fn::Join definition, fixing pseudo parameters and naming other resources in placeholder ARNs', () => {
    const template = machine({
      StateMachineName: { 'Fn::Join': ['-', ['offers', { Ref: 'AWS::Region' }]] },
      DefinitionString: {
        'Fn::Join': [
          '',
          [
            '{"StartAt":"Notify","States":{"Notify":{"Type":"Task","Resource":"arn:',
            { Ref: 'AWS::Partition' },
            ':states:::lambda:invoke","Parameters":{"FunctionName":"',
            { 'Fn::GetAtt': ['Notify', 'Arn'] },
            '","Payload":{"table":"',
            { Ref: 'Offers' },
            '","host":"sqs.',
            { Ref: 'AWS::URLSuffix' },
            '","account":"',
            { Ref: 'AWS::AccountId' },
            '"}},"End":true}}}',
          ],
        ],
      },
    });

    const [flow] = stateMachinesFromTemplate(template, pseudo);
    expect(flow).toEqual({
      logicalId: 'Flow',
      stateMachineName: 'offers-eu-west-3',
      definition: {
        StartAt: 'Notify',
        States: {
          Notify: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: {
              FunctionName: 'arn:aws:lambda:eu-west-3:123456789012:function:Notify',
              Payload: {
                table: 'arn:aws:dynamodb:eu-west-3:123456789012:table/Offers',
                host: 'sqs.amazonaws.com',
                account: '123456789012',
              },
            },
            End: true,
          },
        },
      },
    });
  });

  it('applies DefinitionSubstitutions to a plain definition string', () => {
    const template = machine({
      DefinitionString: JSON.stringify({
        StartAt: 'Tell',
        States: {
          Tell: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sns:publish',
            // biome-ignore lint/suspicious/noTemplateCurlyInString: literal ${...} placeholders of Step Functions DefinitionSubstitutions, under test.
            Parameters: { TopicArn: '${topic}', Message: '${greeting}' },
            End: true,
          },
        },
      }),
      // biome-ignore lint/suspicious/noTemplateCurlyInString: literal ${AWS::Region} of a CloudFormation Fn::Sub, which the resolver under test substitutes.
      DefinitionSubstitutions: { topic: { Ref: 'Alerts' }, greeting: { 'Fn::Sub': 'hello from ${AWS::Region}' } },
    });

    const [flow] = stateMachinesFromTemplate(template, { ...pseudo, partition: 'aws-cn' });
    expect(flow?.definition.States).toEqual({
      Tell: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sns:publish',
        Parameters: { TopicArn: 'arn:aws-cn:sns:eu-west-3:123456789012:Alerts', Message: 'hello from eu-west-3' },
        End: true,
      },
    });
  });

  it('refuses intrinsics it cannot resolve offline, naming where they are', () => {
    const unsupported = machine({ DefinitionString: { 'Fn::ImportValue': 'shared-definition' } });
    expect(() => stateMachinesFromTemplate(unsupported, pseudo)).toThrow(TemplateResolutionError);
    expect(() => stateMachinesFromTemplate(unsupported, pseudo)).toThrow(/Flow\.DefinitionString.*Fn::ImportValue/);
    const dangling = machine({ DefinitionString: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Missing', 'Arn'] }]] } });
    expect(() => stateMachinesFromTemplate(dangling, pseudo)).toThrow(/Missing is not a resource/);
  });

  it('extracts the CDK fixture workflow with every intrinsic resolved', () => {
    const machines = stateMachinesFromTemplate(synthesizeDecisionWorkflow(), pseudo);
    expect(machines).toHaveLength(1);
    const text = JSON.stringify(machines[0]?.definition);
    expect(text).not.toMatch(/Fn::|"Ref"/);
    expect(machines[0]?.definition).toMatchObject({
      StartAt: 'WaitForWindow',
      TimeoutSeconds: 300,
      States: {
        AwaitDecision: {
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          TimeoutSecondsPath: '$.decisionTimeoutSeconds',
          Parameters: {
            FunctionName: expect.stringMatching(/^arn:aws:lambda:eu-west-3:123456789012:function:RequestDecisionFn/),
          },
        },
      },
    });
  }, 30_000);
});
