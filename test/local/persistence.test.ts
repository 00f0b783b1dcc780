import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePorts } from '#local/ports.ts';
import { demoPassword } from '#local/seed.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * Runs `npm start`'s entry with a data folder until it is ready, calls `use`, then stops it
 * with Ctrl-C. Each start is its own process, as handlers read their configuration once.
 */
async function withLocalCloud(dataDir: string, use: (api: string) => Promise<void>) {
  const ports = await freePorts();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/local.ts', `--persist=${dataDir}`], {
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
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ctrl-C stops everything')) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      void exited.then(() => reject(new Error(`exited before ready:\n${output}`)));
    });
    await use(`http://localhost:${ports.api}`);
  } finally {
    child.kill('SIGINT');
    await exited;
  }
}

async function operatorToken(api: string) {
  const login = await fetch(`${api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'operateur@demo.alin.local', password: demoPassword }),
  });
  return ((await login.json()) as { idToken: string }).idToken;
}

describe('npm start -- --persist', () => {
  it('keeps tables and accounts in its data folder across a restart', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'alin-persist-'));
    try {
      await withLocalCloud(dataDir, async (api) => {
        const created = await fetch(`${api}/companies`, {
          method: 'POST',
          headers: { authorization: `Bearer ${await operatorToken(api)}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            siret: '73282932000074',
            name: 'Persistante SA',
            sector: 'private',
            headcount: 30,
            contributor: true,
            lastContributionEuros: 1000,
            lastContributionYear: 2025,
          }),
        });
        expect(created.status).toBe(201);
      });
      await withLocalCloud(dataDir, async (api) => {
        const read = await fetch(`${api}/companies/73282932000074`, { headers: { authorization: `Bearer ${await operatorToken(api)}` } });
        expect(read.status).toBe(200);
        expect(((await read.json()) as { name: string }).name).toBe('Persistante SA');
      });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
