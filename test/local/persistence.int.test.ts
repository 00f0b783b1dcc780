import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoPassword } from '#local/seed.ts';
import { startLocalProcess } from '../support/local-process.ts';

/** Runs `npm start -- --persist=<dataDir>` until ready, calls `use`, then stops it with Ctrl-C. */
async function withLocalCloud(dataDir: string, use: (api: string) => Promise<void>) {
  const local = await startLocalProcess([`--persist=${dataDir}`]);
  try {
    await use(local.api);
  } finally {
    await local.interrupt();
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
  }, 360_000); // two starts of `npm start`, each up to 150 s on busy cores
});
