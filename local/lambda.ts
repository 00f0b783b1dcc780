import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';

/** Absolute folder of Lambda code; handler entries in the definitions are relative to it. */
export const functionsRoot = path.resolve(import.meta.dirname, '..', 'functions');

export type LambdaHandler<E = unknown, R = unknown> = (event: E, context: Context) => Promise<R>;

const loaded = new Map<string, Promise<LambdaHandler>>();

/**
 * Loads a handler module the way Lambda does: once, on first use, `handler` export.
 * Module-level code (config, clients) runs then, with the environment the local cloud set.
 */
export function loadHandler(entry: string): Promise<LambdaHandler> {
  let handler = loaded.get(entry);
  if (!handler) {
    const url = pathToFileURL(path.join(functionsRoot, entry)).href;
    handler = import(url).then((module: { handler?: LambdaHandler }) => {
      if (typeof module.handler !== 'function') throw new Error(`${entry} does not export a handler`);
      return module.handler;
    });
    // A failed load (a syntax error being fixed) is tried again on the next call, not cached.
    handler.catch(() => loaded.delete(entry));
    loaded.set(entry, handler);
  }
  return handler;
}

/** A Lambda context for a local invocation; `getRemainingTimeInMillis` counts down from `timeoutMs`. */
export function lambdaContext(entry: string, timeoutMs = 30_000): Context {
  const deadline = Date.now() + timeoutMs;
  const functionName = `local-${entry.replace(/\.ts$/, '').replace(/[^a-zA-Z0-9]+/g, '-')}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-3:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Invokes a handler entry with an event, as a Lambda invocation would. */
export async function invokeLocal<R = unknown>(entry: string, event: unknown): Promise<R> {
  const handler = await loadHandler(entry);
  return (await handler(event, lambdaContext(entry))) as R;
}
