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

/** How Lambda reports a function that ran out of time (the name Step Functions matches on). */
export class LambdaTimeoutError extends Error {
  override readonly name = 'Sandbox.Timedout';
  constructor(timeoutSeconds: number) {
    super(`Task timed out after ${timeoutSeconds.toFixed(2)} seconds`);
  }
}

export interface InvokeOptions {
  /** The function's timeout, the one CDK deploys for its trigger (from the definitions). */
  readonly timeoutSeconds: number;
}

/**
 * Invokes a handler entry with an event, as a Lambda invocation would: past the function's
 * timeout the invocation fails with `Sandbox.Timedout`. Loading the module is not counted, as
 * Lambda's init phase has a limit of its own. The handler cannot be stopped in-process: it runs
 * on, and whatever it does later is dropped.
 */
export async function invokeLocal<R = unknown>(entry: string, event: unknown, options: InvokeOptions): Promise<R> {
  const handler = await loadHandler(entry);
  const timeoutMs = options.timeoutSeconds * 1000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LambdaTimeoutError(options.timeoutSeconds)), timeoutMs);
  });
  try {
    return (await Promise.race([handler(event, lambdaContext(entry, timeoutMs)), timedOut])) as R;
  } finally {
    clearTimeout(timer);
  }
}
