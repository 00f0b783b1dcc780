import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertJava, JavaMissingError, startDynamoDbLocal } from '#local/dynamodb.ts';
import { freePorts } from '#local/ports.ts';
import { startLocalProcess } from '../support/local-process.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

describe('npm start (the supervising process)', () => {
  const started: Awaited<ReturnType<typeof startLocalProcess>>[] = [];
  afterAll(() => {
    for (const local of started) local.kill();
  });

  it('prints the URLs, the demo accounts, how to get a token and its start-up time, then stops every child on Ctrl-C', async () => {
    const local = await startLocalProcess();
    started.push(local);
    const { ports } = local;
    const output = local.output();

    expect(output).toMatch(/Local cloud ready in \d+\.\d s/);
    expect(output).toContain(`http://localhost:${ports.api}`);
    expect(output).toContain('/docs');
    expect(output).toContain('operateur@demo.alin.local');
    expect(output).toContain('npm run token -- operator');
    const health = (await fetch(`http://localhost:${ports.api}/health`).then((r) => r.json())) as { status: string };
    expect(health.status).toBe('ok');

    expect(await local.interrupt()).toBe(0);
    // Every port the children held is free again.
    for (const port of Object.values(ports)) {
      await new Promise<void>((resolve, reject) => {
        const probe = net.createServer().once('error', reject);
        probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
      });
    }
  }, 90_000);
});

describe('DynamoDB Local prerequisites', () => {
  it('names the Debian package to install when Java is missing', () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => assertJava()).toThrow(JavaMissingError);
      expect(() => assertJava()).toThrow(/apt-get install -y openjdk-17-jre-headless/);
    } finally {
      process.env.PATH = path;
    }
  });

  it('says which port is taken', async () => {
    const { dynamodb: port } = await freePorts();
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
    try {
      await expect(startDynamoDbLocal({ port })).rejects.toThrow(`Port ${port} (DynamoDB Local) is already in use`);
    } finally {
      holder.close();
    }
  });
});

describe('the start script with a missing Java', () => {
  it('exits non-zero with the clear message', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'bin/local.ts'], {
      cwd: root,
      env: { ...process.env, PATH: path.dirname(process.execPath) },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('openjdk-17-jre-headless');
  });
});
