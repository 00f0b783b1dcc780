import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { z } from 'zod';
import { logger, publishMetrics } from '#shared/powertools.ts';

/**
 * A lifecycle task as a Lambda handler: the payload the state machine sends is parsed (a
 * malformed one is a bug in the definition, so it fails the task), then the task runs. The
 * payload holds ids and, for callback tasks, a task token: it is never logged.
 */
export function taskHandler<S extends z.ZodType, R>(schema: S, run: (input: z.output<S>) => Promise<R>) {
  return middy<unknown, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics())
    .handler(async (event) => run(schema.parse(event)));
}
