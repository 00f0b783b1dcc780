import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { RunningService } from '#local/service.ts';
import type { LocalStateMachine } from './asl-preparation.ts';
import { StepFunctionsApiError } from './errors.ts';
import type { ExecutionDescription } from './executions.ts';
import { createLocalStepFunctions, type LocalStepFunctions } from './runtime.ts';

/**
 * The Step Functions API subset the handlers use, over the AWS JSON 1.0 protocol, so that
 * `@aws-sdk/client-sfn` works unchanged with `AWS_ENDPOINT_URL_SFN` pointing here.
 */

export interface StepFunctionsOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  readonly region: string;
  readonly accountId: string;
  readonly stateMachines: readonly LocalStateMachine[];
}

export interface RunningStepFunctions extends RunningService {
  stateMachineArn(name: string): string;
  /** The in-process runtime, e.g. to listen to `callbackWaiting` or `executionClosed`. */
  readonly runtime: LocalStepFunctions;
}

const statusSchema = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);
const tokenSchema = z.string().min(1).max(2048);

/** The SDK reads timestamps of this protocol as epoch seconds. */
const epochSeconds = (date: Date) => date.getTime() / 1000;

function operation<S extends z.ZodType>(schema: S, run: (runtime: LocalStepFunctions, input: z.infer<S>) => object) {
  return { schema, run: (runtime: LocalStepFunctions, body: unknown) => run(runtime, schema.parse(body)) };
}

function executionJson(execution: ExecutionDescription) {
  const { startDate, stopDate, ...rest } = execution;
  return { ...rest, startDate: epochSeconds(startDate), ...(stopDate && { stopDate: epochSeconds(stopDate) }) };
}

const operations = {
  StartExecution: operation(
    z.object({ stateMachineArn: z.string(), name: z.string().optional(), input: z.string().optional() }),
    (runtime, request) => {
      const { executionArn, startDate } = runtime.startExecution(request);
      return { executionArn, startDate: epochSeconds(startDate) };
    },
  ),
  DescribeExecution: operation(z.object({ executionArn: z.string() }), (runtime, { executionArn }) => {
    const { input, output, ...execution } = executionJson(runtime.describeExecution(executionArn));
    return {
      ...execution,
      input,
      inputDetails: { included: true },
      ...(output !== undefined && { output, outputDetails: { included: true } }),
    };
  }),
  StopExecution: operation(
    z.object({ executionArn: z.string(), error: z.string().optional(), cause: z.string().optional() }),
    (runtime, request) => ({ stopDate: epochSeconds(runtime.stopExecution(request)) }),
  ),
  ListExecutions: operation(
    z.object({
      stateMachineArn: z.string(),
      statusFilter: statusSchema.optional(),
      maxResults: z.number().int().min(0).max(1000).optional(),
      nextToken: z.string().regex(/^\d+$/).optional(),
    }),
    (runtime, { stateMachineArn, statusFilter, maxResults, nextToken }) => {
      const all = runtime.listExecutions(stateMachineArn, statusFilter);
      const from = Number(nextToken ?? 0);
      const to = maxResults ? from + maxResults : all.length;
      const executions = all.slice(from, to).map(({ executionArn, name, status, startDate, stopDate }) => ({
        executionArn,
        stateMachineArn,
        name,
        status,
        startDate: epochSeconds(startDate),
        ...(stopDate && { stopDate: epochSeconds(stopDate) }),
      }));
      return {
        executions,
        ...(to < all.length && { nextToken: String(to) }),
      };
    },
  ),
  DescribeStateMachine: operation(z.object({ stateMachineArn: z.string() }), (runtime, { stateMachineArn }) => {
    const { creationDate, ...machine } = runtime.describeStateMachine(stateMachineArn);
    return { ...machine, status: 'ACTIVE', type: 'STANDARD', creationDate: epochSeconds(creationDate) };
  }),
  SendTaskSuccess: operation(z.object({ taskToken: tokenSchema, output: z.string() }), (runtime, { taskToken, output }) => {
    runtime.sendTaskSuccess(taskToken, output);
    return {};
  }),
  SendTaskFailure: operation(
    z.object({ taskToken: tokenSchema, error: z.string().optional(), cause: z.string().optional() }),
    (runtime, { taskToken, error, cause }) => {
      runtime.sendTaskFailure(taskToken, error, cause);
      return {};
    },
  ),
  SendTaskHeartbeat: operation(z.object({ taskToken: tokenSchema }), (runtime, { taskToken }) => {
    runtime.sendTaskHeartbeat(taskToken);
    return {};
  }),
};

const isOperation = (name: string): name is keyof typeof operations => Object.hasOwn(operations, name);

class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startStepFunctions(options: StepFunctionsOptions): Promise<RunningStepFunctions> {
  const runtime = await createLocalStepFunctions(options);
  const server = createServer((request, response) => {
    handle(runtime, request)
      .then((body) => reply(response, 200, body))
      .catch((error: unknown) => replyError(response, error));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;
  return {
    name: 'stepfunctions',
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    runtime,
    stateMachineArn: (name) => runtime.stateMachineArn(name),
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        runtime.shutdown();
        server.close(() => resolve());
        // SDK clients keep connections alive; without this, close waits for them to idle out.
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}

async function handle(runtime: LocalStepFunctions, request: IncomingMessage): Promise<object> {
  const target = request.headers['x-amz-target'];
  const prefix = 'AWSStepFunctions.';
  const name = typeof target === 'string' && target.startsWith(prefix) ? target.slice(prefix.length) : '';
  if (request.method !== 'POST' || !isOperation(name)) {
    throw new ProtocolError('UnknownOperationException', `Operation not supported locally: ${String(target)}`);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.from(chunk as Uint8Array));
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new ProtocolError('SerializationException', 'The request body is not JSON');
  }
  return operations[name].run(runtime, body);
}

function reply(response: ServerResponse, status: number, body: object, errorType?: string): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...(errorType && { 'x-amzn-errortype': errorType }),
  });
  response.end(text);
}

function replyError(response: ServerResponse, error: unknown): void {
  const clientError = (type: string, message: string) => reply(response, 400, { __type: type, message }, type);
  if (error instanceof StepFunctionsApiError) {
    clientError(error.code, error.message);
    return;
  }
  if (error instanceof ProtocolError) {
    clientError(error.type, error.message);
    return;
  }
  if (error instanceof z.ZodError) {
    const message = error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
    clientError('ValidationException', message);
    return;
  }
  // Internals stay in the local console; the client gets a generic failure, as from AWS.
  console.error('stepfunctions: internal error', error);
  reply(response, 500, { __type: 'InternalFailure', message: 'Internal failure' }, 'InternalFailure');
}
