import type { RunOptions } from 'aws-local-stepfunctions';
import { z } from 'zod';
import { TaskFailure } from './errors.ts';

/**
 * What passes between a Task state and the function it runs, shaped as each integration shapes
 * it on AWS: `lambda:invoke` wraps the payload and the result, a plain Lambda ARN does not.
 */

export type LocalHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
export type Json = Parameters<LocalHandlers[string]>[0];

export type Integration = 'lambda:invoke' | 'lambda' | 'other';

export function integrationOf(resource: string): Integration {
  if (/^arn:[^:]+:states:::lambda:invoke(\.|$)/.test(resource)) return 'lambda:invoke';
  return /^arn:[^:]+:lambda:/.test(resource) ? 'lambda' : 'other';
}

/** What Lambda would do to a return value: a JSON round trip (Dates become strings, undefined null). */
export function toJson(value: unknown): Json {
  return value === undefined ? null : z.json().parse(JSON.parse(JSON.stringify(value)));
}

/** `lambda:invoke` passes only `Payload` to the function, as Lambda does. */
export function handlerInput(integration: Integration, payload: Json): unknown {
  if (integration !== 'lambda:invoke') return payload;
  return payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? (payload.Payload ?? {}) : {};
}

/** `lambda:invoke` answers with the Invoke response, whose `Payload` is the function's result. */
export function taskResult(integration: Integration, result: unknown): Json {
  const payload = toJson(result);
  return integration === 'lambda:invoke' ? { ExecutedVersion: '$LATEST', Payload: payload, StatusCode: 200 } : payload;
}

/** Lambda reports a thrown error as its name, with the error as JSON in the cause. */
export function handlerFailure(integration: Integration, error: unknown): TaskFailure {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const cause = integration === 'other' ? message : JSON.stringify({ errorType: name, errorMessage: message });
  return new TaskFailure(name, cause);
}
