import { SendTaskSuccessCommand, TaskDoesNotExist, TaskTimedOut, InvalidToken } from '@aws-sdk/client-sfn';
import { dynamodb, sfn } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { logger, metrics } from '#shared/powertools.ts';
import { lifecycleStore } from './lifecycle-store.ts';
import type { LifecycleDeps, TaskAnswers } from './lifecycle-context.ts';
import { robotWrites } from './tasks/close-and-score.ts';
import { scoringGridStore } from '#scoring/grid-store.ts';
import { documentRules } from '#housing-file/document-rules.ts';
import { situationRules } from '#housing-file/situation-rules.ts';
import { companyEligibilityRules } from '#shared/business-rules.ts';

/** `SendTaskSuccess`; a token that no longer waits (answered, timed out, execution ended) is not an error here. */
const taskAnswers: TaskAnswers = {
  async succeed(token, output) {
    try {
      await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
      return true;
    } catch (error) {
      if (error instanceof TaskTimedOut || error instanceof TaskDoesNotExist || error instanceof InvalidToken) {
        // Expected when an answer is handed over twice (a retry, a twin) or after its timer; counted, never the token.
        logger.info('Task token no longer waits', { reason: error.name });
        metrics.addMetric('StaleTaskTokens', 'Count', 1);
        return false;
      }
      throw error;
    }
  },
};

/** What the lifecycle's tasks and routes need, wired once per execution environment. */
export const lifecycleDeps: LifecycleDeps = {
  store: lifecycleStore(dynamodb, config.tableName),
  grids: scoringGridStore(dynamodb, config.tableName, { cacheMs: 60_000 }),
  answers: taskAnswers,
  appUrl: config.appUrl,
  closeCheck: { documents: documentRules, situation: situationRules, companies: companyEligibilityRules },
  now: () => new Date(),
  ...robotWrites,
};
