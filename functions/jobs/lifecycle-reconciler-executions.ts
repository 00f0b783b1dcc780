import { DescribeExecutionCommand, ExecutionDoesNotExist, StopExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';

/** What the reconciler knows of an execution: its status, or that it does not exist. */
export type ExecutionState = 'ABSENT' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';

export interface LifecycleExecutions {
  /** The ARN an execution of the lifecycle gets for `name` (names are deterministic, so no listing is needed). */
  arnOf(name: string): string;
  state(executionArn: string): Promise<ExecutionState>;
  /** Aborts the execution; a closed one is left as it is. */
  stop(executionArn: string, cause: string): Promise<void>;
}

/** `arn:…:stateMachine:<machine>` → `arn:…:execution:<machine>:<name>`. */
const executionArnOf = (stateMachineArn: string, name: string) => `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

export function lifecycleExecutions(client: SFNClient, stateMachineArn: string): LifecycleExecutions {
  return {
    arnOf: (name) => executionArnOf(stateMachineArn, name),
    async state(executionArn) {
      try {
        const { status } = await client.send(new DescribeExecutionCommand({ executionArn }));
        if (!status) throw new Error(`Execution without a status: ${executionArn}`);
        return status;
      } catch (error) {
        if (error instanceof ExecutionDoesNotExist) return 'ABSENT';
        throw error;
      }
    },
    async stop(executionArn, cause) {
      await client.send(new StopExecutionCommand({ executionArn, error: 'LifecycleReconciler', cause }));
    },
  };
}
