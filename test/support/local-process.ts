import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePorts, type PortPlan } from '#local/ports.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * `npm start`'s entry (`bin/local.ts`) as its own process, on free ports, waited for until it
 * says it is ready. Each start is a process of its own, as Lambda handlers read their
 * configuration once per process.
 */
export async function startLocalProcess(args: string[] = [], timeoutMs = 150_000) {
  const ports: PortPlan = await freePorts();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/local.ts', ...args], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(ports.api),
      LOCAL_DYNAMODB_PORT: String(ports.dynamodb),
      LOCAL_COGNITO_PORT: String(ports.cognito),
      LOCAL_S3_PORT: String(ports.s3),
      LOCAL_SES_PORT: String(ports.ses),
      LOCAL_SFN_PORT: String(ports.stepFunctions),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`not ready in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ctrl-C stops everything')) {
        clearTimeout(deadline);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`exited before ready:\n${output}`)));
  });
  return {
    ports,
    api: `http://localhost:${ports.api}`,
    output: () => output,
    /** Ctrl-C; resolves with the exit code. */
    interrupt: () => {
      child.kill('SIGINT');
      return exited;
    },
    kill: () => child.kill('SIGKILL'),
  };
}
