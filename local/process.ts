import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import net from 'node:net';

/** Fails with a message naming the port when something already listens on it. */
export async function assertPortFree(port: number, owner: string, host = '127.0.0.1'): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `Port ${port} (${owner}) is already in use: stop what uses it or choose another port (see README, configuration).`
            : `Port ${port} (${owner}): ${error.message}`,
        ),
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** Polls `check` until it resolves true, or fails after `timeoutMs` with `what` in the message. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 30_000, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  // A failing check means "not yet"; the last failure is named if the wait times out.
  let lastFailure = '';
  for (;;) {
    const ready = await check().catch((error: unknown) => {
      lastFailure = ` (last check failed: ${error instanceof Error ? error.name : typeof error})`;
      return false;
    });
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastFailure}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export interface ChildService {
  readonly child: ChildProcess;
  /** Last lines the child printed, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Node code run before a child's own entry (`node -e tetheredNode <entry>`): the child exits when
 * its IPC channel to this process closes, so a parent killed without its `stop` (a test worker
 * ended by SIGKILL) leaves no stand-in running.
 */
export const tetheredNode = "process.on('disconnect', () => process.exit(0)); require(process.argv[1]);";

/**
 * Spawns a long-running child whose output is kept (not printed) and which `stop` ends. With
 * `tethered`, the child gets an IPC channel (unreferenced: it keeps no event loop alive here) for
 * `tetheredNode` to watch.
 */
export function spawnChild(command: string, args: string[], options: SpawnOptions & { tethered?: boolean }): ChildService {
  const { tethered, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe', ...(tethered ? ['ipc' as const] : [])] });
  child.channel?.unref();
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 50));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => lines.join('\n'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
