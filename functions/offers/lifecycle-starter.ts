import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { LifecyclePhase } from '#definitions/lifecycle.ts';
import { executionName, lifecycleInput, type LifecycleTimeouts } from './lifecycle-input.ts';

export interface LifecycleStarter {
  /**
   * Starts the offer's execution, once: a second start of the same offer (a retried
   * publication) is a no-op. Resuming at a later phase uses a fresh name per attempt.
   */
  start(
    offer: { offerId: string; closesAt: string },
    resume?: { phase: LifecyclePhase; attempt: number },
  ): Promise<{ started: boolean; executionArn?: string }>;
}

/** `rounds`: the stage's configured selection rounds (`config.selectionRounds`); the definitions' default when not given. */
export function lifecycleStarter(
  client: SFNClient,
  stateMachineArn: string,
  durations: LifecycleTimeouts,
  rounds?: number,
): LifecycleStarter {
  return {
    async start(offer, resume) {
      const input = lifecycleInput(offer, resume?.phase ?? 'WINDOW', durations, rounds);
      try {
        const { executionArn } = await client.send(
          new StartExecutionCommand({ stateMachineArn, name: executionName(offer.offerId, resume), input: JSON.stringify(input) }),
        );
        return { started: true, executionArn };
      } catch (error) {
        // The same name with another input, or after the first ended: the offer already has its execution.
        if (error instanceof ExecutionAlreadyExists) return { started: false };
        throw error;
      }
    },
  };
}
