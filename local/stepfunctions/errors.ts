/** The Step Functions API exceptions the local run raises, named as the SDK names them. */
export type ApiErrorCode =
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'StateMachineDoesNotExist'
  | 'InvalidArn'
  | 'InvalidName'
  | 'InvalidExecutionInput'
  | 'InvalidOutput'
  | 'InvalidToken'
  | 'TaskTimedOut'
  | 'ValidationException';

export class StepFunctionsApiError extends Error {
  override readonly name = 'StepFunctionsApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A definition the local run cannot execute faithfully; raised at start-up, never per execution. */
export class UnsupportedDefinitionError extends Error {
  override readonly name = 'UnsupportedDefinitionError';
}

/** A task failure as the workflow sees it: `name` is the ASL error name, `message` the cause. */
export class TaskFailure extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

/** Ends what is left of a closed execution inside the library; no Retry or Catch may match it. */
export class ExecutionClosed extends Error {
  override readonly name = 'ExecutionClosed';
  readonly isRetryable = false;
  readonly isCatchable = false;
}

/** Like the library's States.Runtime: ends the execution, no Retry or Catch applies. */
export class StatesRuntimeFailure extends Error {
  override readonly name = 'States.Runtime';
  readonly isRetryable = false;
  readonly isCatchable = false;
}
