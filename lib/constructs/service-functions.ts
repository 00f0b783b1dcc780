import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { uploadFunctionTimeoutSeconds } from '#definitions/bucket-notifications.ts';
import { lifecycleFunctionTimeoutSeconds } from '#definitions/lifecycle.ts';
import { routeFunctionTimeoutSeconds } from '#definitions/routes.ts';
import { scheduleFunctionTimeoutSeconds } from '#definitions/schedules.ts';
import { streamFunctionTimeoutSeconds } from '#definitions/stream-subscriptions.ts';
import { grantAccess, type AccessDeclaration, type AccessTargets } from '../access.ts';
import { ServiceFunction, type LogLevel, type ServiceEnvironment } from './service-function.ts';

/** What starts a function; part of its construct id, so that ids from different tables never clash. */
export type FunctionTrigger = 'Route' | 'Schedule' | 'Upload' | 'Stream' | 'Workflow';

/** Each trigger's timeout, from its definition table, which the local cloud enforces too (a definition may set its own). */
const timeoutSecondsByTrigger: Readonly<Record<FunctionTrigger, number>> = {
  Route: routeFunctionTimeoutSeconds,
  Schedule: scheduleFunctionTimeoutSeconds,
  Upload: uploadFunctionTimeoutSeconds,
  Stream: streamFunctionTimeoutSeconds,
  Workflow: lifecycleFunctionTimeoutSeconds,
};

export interface ServiceFunctionsProps {
  readonly access: AccessTargets;
  readonly environment: ServiceEnvironment;
  readonly logLevel: LogLevel;
}

/** The handler a definition names, what to call the function, and what it needs (its IAM policy). */
export interface HandlerSpec extends AccessDeclaration {
  readonly handler: string;
  readonly description: string;
  /** This function's timeout, when its definition sets one; its trigger's otherwise. */
  readonly timeoutSeconds?: number;
}

/**
 * Creates the functions of the service from definition entries, each with the shared
 * environment and the rights its definition declares, as children of one stack (the stateless
 * stack has one per nested stack), and keeps them so that later wiring (the offer lifecycle)
 * adds functions the same way.
 */
export class ServiceFunctions extends Construct {
  private readonly props: ServiceFunctionsProps;
  private readonly created = new Map<string, ServiceFunction>();

  constructor(scope: Construct, id: string, props: ServiceFunctionsProps) {
    super(scope, id);
    this.props = props;
  }

  /** A new function for the definition entry `id` of a trigger's table (route id, schedule id...). */
  add(trigger: FunctionTrigger, id: string, spec: HandlerSpec): ServiceFunction {
    const constructId = `${trigger}${pascalCase(id)}`;
    const fn = new ServiceFunction(this, constructId, {
      entry: spec.handler,
      description: spec.description,
      environment: this.props.environment,
      logLevel: this.props.logLevel,
      timeout: Duration.seconds(spec.timeoutSeconds ?? timeoutSecondsByTrigger[trigger]),
    });
    grantAccess(fn, spec, this.props.access);
    this.created.set(constructId, fn);
    return fn;
  }

  get all(): readonly ServiceFunction[] {
    return [...this.created.values()];
  }
}

function pascalCase(id: string): string {
  return id.replace(/(^|[^a-zA-Z0-9]+)([a-zA-Z0-9])/g, (_, _separator: string, letter: string) => letter.toUpperCase());
}
