import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Fail,
  IntegrationPattern,
  JsonPath,
  LogLevel,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
  Wait,
  WaitTime,
  type IChainable,
  type INextable,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { lifecycleFunctions, lifecycleTaskStates, type LifecycleFunctionId, type LifecycleTaskState } from '#definitions/lifecycle.ts';
import { acknowledgeWildcard } from '../nag.ts';
import type { ServiceFunction } from './service-function.ts';
import type { ServiceFunctions } from './service-functions.ts';

export interface OfferLifecycleProps {
  readonly functions: ServiceFunctions;
  /** Fixed, so that functions can be given the ARN (`lifecycleArn`) without depending on the state machine. */
  readonly stateMachineName: string;
}

/** The ARN of a state machine named `name` in the stack's account and region. */
export function lifecycleArn(scope: Construct, name: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: name,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/**
 * The offer lifecycle (DESIGN §4), one Standard execution per offer, named by the offer id:
 *
 *   wait until `closesAt` → close and score → commission (callback) → offer to each ranked
 *   candidate in turn (callback) → attributed, or a next round (the robot's next files to the
 *   commission, up to `rounds`), or unfilled.
 *
 * Durations travel in the execution input (`timeouts.*Seconds`), so tests use seconds and
 * production days; the task that sets a deadline stores it and returns the seconds left, which
 * the callback uses as its timeout, so a resumed execution keeps the deadlines already given. Every callback task has a timeout and a Catch to an explicit outcome; any
 * other failure is recorded on the offer's history and fails the execution, which the
 * reconciler resumes from the stored state (`phase` in the input picks the entry point).
 */
export class OfferLifecycle extends Construct {
  readonly stateMachine: StateMachine;
  private readonly fns = new Map<LifecycleFunctionId, ServiceFunction>();
  private readonly failed: IChainable;

  constructor(scope: Construct, id: string, props: OfferLifecycleProps) {
    super(scope, id);
    for (const [fnId, spec] of Object.entries(lifecycleFunctions)) {
      this.fns.set(fnId as LifecycleFunctionId, props.functions.add('Workflow', fnId, spec));
    }

    this.failed = this.task('Record failure', {
      offerId: JsonPath.stringAt('$.offerId'),
      error: JsonPath.stringAt('$.failure.Error'),
      cause: JsonPath.stringAt('$.failure.Cause'),
    }).next(new Fail(this, 'Lifecycle failed', { error: 'LifecycleFailed', cause: 'A lifecycle step failed; see the offer history' }));

    const offerId = JsonPath.stringAt('$.offerId');
    const done = new Succeed(this, 'Done');
    const unfilled = this.guarded(this.task('Mark unfilled', { offerId })).next(done);
    const attribute = this.guarded(this.task('Attribute offer', { offerId })).next(done);

    // Offering: each ranked candidate in turn, until one accepts or nobody is left. The answer's
    // timeout is the time left before the deadline the candidate was given (stored), so that a
    // resumed execution keeps it.
    const offerNext = this.guarded(
      this.task(
        'Offer to next candidate',
        { offerId, acceptanceSeconds: JsonPath.numberAt('$.timeouts.acceptanceSeconds') },
        '$.candidate',
      ),
    );
    const answered = new Choice(this, 'Accepted?')
      .when(Condition.stringEquals('$.answer.answer', 'ACCEPTED'), attribute)
      .otherwise(offerNext);
    const expire = this.guarded(
      this.task('Expire offer to candidate', { offerId, employeeId: JsonPath.stringAt('$.candidate.employeeId') }, '$.answer'),
    ).next(answered);
    const awaitAnswer = this.callback(
      'Await candidate answer',
      { offerId, employeeId: JsonPath.stringAt('$.candidate.employeeId') },
      '$.candidate.secondsLeft',
      '$.answer',
    );
    awaitAnswer.addCatch(expire, { errors: ['States.Timeout'], resultPath: '$.timeout' });
    this.guarded(awaitAnswer).next(answered);

    // Commission: ranking by callback; past the deadline a reminder, then the robot's order stands.
    const keepRobotOrder = this.guarded(this.task('Keep robot order', { offerId, step: 'keep-robot-order' }, JsonPath.DISCARD)).next(
      offerNext,
    );
    const awaitAfterReminder = this.callback(
      'Await ranking after reminder',
      { offerId },
      '$.commission.graceSecondsLeft',
      JsonPath.DISCARD,
    );
    awaitAfterReminder.addCatch(keepRobotOrder, { errors: ['States.Timeout'], resultPath: '$.timeout' });
    this.guarded(awaitAfterReminder).next(offerNext);
    const remind = this.guarded(
      this.task(
        'Remind commission',
        { offerId, step: 'remind', graceSeconds: JsonPath.numberAt('$.timeouts.commissionGraceSeconds') },
        '$.commission',
      ),
    ).next(
      new Choice(this, 'Ranked meanwhile?')
        .when(Condition.booleanEquals('$.commission.decided', true), offerNext)
        .otherwise(awaitAfterReminder),
    );
    const awaitCommission = this.callback('Await commission ranking', { offerId }, '$.scoring.commissionSecondsLeft', JsonPath.DISCARD);
    awaitCommission.addCatch(remind, { errors: ['States.Timeout'], resultPath: '$.timeout' });
    this.guarded(awaitCommission).next(offerNext);

    // Nobody of the round took the dwelling: the robot's next best files go to the commission
    // (a later round, up to `$.rounds`), else the offer is unfilled.
    const nextRound = this.guarded(
      this.task(
        'Start next round',
        { offerId, commissionSeconds: JsonPath.numberAt('$.timeouts.commissionSeconds'), rounds: JsonPath.numberAt('$.rounds') },
        '$.scoring',
      ),
    ).next(new Choice(this, 'Next round?').when(Condition.numberGreaterThan('$.scoring.selected', 0), awaitCommission).otherwise(unfilled));
    offerNext.next(
      new Choice(this, 'Candidate left?').when(Condition.isPresent('$.candidate.employeeId'), awaitAnswer).otherwise(nextRound),
    );

    // Close and score, once the window has closed (on a resumed execution: the stored result,
    // with the time the commission has left).
    const closeAndScore = this.guarded(
      this.task(
        'Close and score',
        { offerId, commissionSeconds: JsonPath.numberAt('$.timeouts.commissionSeconds'), rounds: JsonPath.numberAt('$.rounds') },
        '$.scoring',
      ),
    ).next(
      new Choice(this, 'Anyone selected?').when(Condition.numberGreaterThan('$.scoring.selected', 0), awaitCommission).otherwise(unfilled),
    );
    const waitWindow = new Wait(this, 'Wait for the window to close', { time: WaitTime.timestampPath('$.closesAt') }).next(closeAndScore);

    const start = new Choice(this, 'Resume at phase')
      .when(Condition.stringEquals('$.phase', 'SCORING'), closeAndScore)
      .when(Condition.stringEquals('$.phase', 'COMMISSION'), closeAndScore)
      .when(Condition.stringEquals('$.phase', 'OFFERING'), offerNext)
      .otherwise(waitWindow);

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: props.stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(start),
      comment: 'Cycle de vie d’une offre : candidatures, robot, commission, propositions',
      tracingEnabled: true,
      logs: {
        destination: new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
        // Every state transition (cdk-nag SF1), without the data: inputs carry task tokens.
        level: LogLevel.ALL,
        // Task inputs carry task tokens; they stay out of the logs.
        includeExecutionData: false,
      },
    });
    this.acknowledgeWildcards();
  }

  /** The state machine's role invokes the task functions (and their versions) and delivers logs and traces. */
  private acknowledgeWildcards(): void {
    const role = this.stateMachine.role;
    for (const fn of new Set(this.fns.values())) {
      acknowledgeWildcard(
        role,
        `${fn.functionArn}:*`,
        `${fn.entryPath}: LambdaInvoke may call the task function's versions (ARN:*) and nothing else`,
      );
    }
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'CloudWatch Logs delivery (logs:CreateLogDelivery, PutResourcePolicy...) and X-Ray (PutTraceSegments...) have no resource-level permissions',
    });
  }

  /** Lets `grantee` start executions (publication, reconciler). */
  grantStart(grantee: IGrantable): void {
    this.stateMachine.grantStartExecution(grantee);
  }

  private fnOf(state: LifecycleTaskState): ServiceFunction {
    const fnId = lifecycleTaskStates[state];
    const fn = this.fns.get(fnId);
    if (!fn) throw new Error(`Workflow state ${state} runs function ${fnId}, which the offer lifecycle did not create.`);
    return fn;
  }

  /** A task whose function returns a small JSON object, kept at `resultPath` (discarded by default). */
  private task(state: LifecycleTaskState, payload: Record<string, unknown>, resultPath: string = JsonPath.DISCARD): LambdaInvoke {
    return new LambdaInvoke(this, state, {
      lambdaFunction: this.fnOf(state),
      payload: TaskInput.fromObject(payload),
      payloadResponseOnly: true,
      resultPath,
      retryOnServiceExceptions: true,
      taskTimeout: Timeout.duration(Duration.minutes(2)),
    });
  }

  /** A task that hands its token to its function, which stores it; the answer comes from the API. */
  private callback(state: LifecycleTaskState, payload: Record<string, unknown>, timeoutPath: string, resultPath: string): LambdaInvoke {
    return new LambdaInvoke(this, state, {
      lambdaFunction: this.fnOf(state),
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({ ...payload, token: JsonPath.taskToken }),
      resultPath,
      taskTimeout: Timeout.at(timeoutPath),
    });
  }

  /** Any failure left after retries: recorded on the offer's history, then the execution fails. */
  private guarded<T extends LambdaInvoke & INextable>(task: T): T {
    task.addRetry({ errors: ['States.TaskFailed'], interval: Duration.seconds(2), maxAttempts: 3, backoffRate: 2 });
    task.addCatch(this.failed, { errors: ['States.ALL'], resultPath: '$.failure' });
    return task;
  }
}
