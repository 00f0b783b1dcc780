import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Runs `npm run demo [-- scenario]` as its own process (it starts its own local cloud on free ports); resolves with its exit code and output. */
function runDemo(timeoutMs: number, scenario?: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const args = ['run', '--silent', 'demo', ...(scenario ? ['--', scenario] : [])];
    const child = spawn('npm', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => (output += chunk.toString());
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm run demo did not finish in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(deadline);
      resolve({ code, output });
    });
  });
}

describe('npm run demo', () => {
  it('plays the lifecycle through to the attribution to rank 2 and exits 0', { timeout: 300_000 }, async () => {
    const { code, output } = await runDemo(280_000);
    expect(output).toContain('OFFER_ATTRIBUTED');
    expect(output).toMatch(/attributed to rank 2/);
    expect(output).not.toMatch(/FAIL /);
    // Every e-mail is printed with its recipient: the offer to rank 1, then to rank 2.
    expect(output.match(/vous est proposé/g)).toHaveLength(2);
    expect(code, output).toBe(0);
  });

  it('plays the second round (`npm run demo -- round2`): ranks 1-3 decline, the 4th file is attributed in round 2', {
    timeout: 300_000,
  }, async () => {
    const { code, output } = await runDemo(280_000, 'round2');
    expect(output).toContain('ROUND_STARTED');
    expect(output).toContain('OFFER_ATTRIBUTED');
    expect(output).toMatch(/attributed in round 2/);
    expect(output).not.toMatch(/FAIL /);
    // The 4th file is told it is in reserve, then called in the second round; four offers in all.
    expect(output).toContain('est en réserve');
    expect(output).toContain('Second tour');
    expect(output.match(/vous est proposé/g)).toHaveLength(4);
    expect(code, output).toBe(0);
  });
});
