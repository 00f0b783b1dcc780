import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitUntil } from '#local/process.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('a tethered stand-in (spawnChild with tethered, as cognito-local runs)', () => {
  const pids: number[] = [];
  let folder: string | undefined;
  afterAll(async () => {
    for (const pid of pids.filter(alive)) process.kill(pid, 'SIGKILL');
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('exits when the process that started it is killed without stopping it', async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'alin-tether-'));
    // A stand-in that would run for ever on its own.
    const entry = path.join(folder, 'forever.cjs');
    await writeFile(entry, 'setInterval(() => {}, 1000);\n');
    const parentCode = [
      "const { spawnChild, tetheredNode } = await import('#local/process.ts');",
      `const child = spawnChild(process.execPath, ['-e', tetheredNode, ${JSON.stringify(entry)}], { tethered: true });`,
      "console.log('CHILD ' + child.child.pid);",
      'setInterval(() => {}, 1000);',
    ].join('\n');
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', parentCode], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (parent.pid) pids.push(parent.pid);
    let printed = '';
    parent.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString('utf8');
    });
    await waitUntil('the child’s pid', async () => /CHILD \d+/.test(printed), 30_000, 50);
    const childPid = Number(/CHILD (\d+)/.exec(printed)?.[1]);
    pids.push(childPid);
    expect(alive(childPid)).toBe(true);

    parent.kill('SIGKILL');
    await waitUntil('the child to exit after its parent', async () => !alive(childPid), 10_000, 50);
    expect(alive(childPid)).toBe(false);
  }, 60_000);
});
