import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { CognitoIdentityProviderClient, type CognitoIdentityProviderClientConfig } from '@aws-sdk/client-cognito-identity-provider';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { listenFront } from './cognito-front.ts';
import { provisionUserPool } from './cognito-provisioning.ts';
import { localCredentials, localRegion } from './dynamodb.ts';
import { assertPortFree, spawnChild, tetheredNode, waitUntil, type ChildService } from './process.ts';
import type { RunningService } from './service.ts';

export interface CognitoLocalOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Where cognito-local keeps its `.cognito/` folder; a temporary folder removed on stop by default. */
  readonly dataDir?: string;
  readonly poolName?: string;
  readonly clientName?: string;
}

export interface CognitoLocal extends RunningService {
  readonly userPoolId: string;
  readonly clientId: string;
  /** The `iss` claim of the tokens, which the JWT authorizer checks. */
  readonly issuer: string;
  readonly jwksUri: string;
}

/** Client settings for the SDK pointed at the stand-in (it accepts any credentials). */
export function localCognitoClientConfig(endpoint: string): CognitoIdentityProviderClientConfig {
  return { endpoint, region: localRegion, credentials: localCredentials };
}

/**
 * Runs cognito-local as a child process and provisions the user pool as the stateful stack
 * does (`cognito-provisioning.ts`).
 *
 * A child rather than in-process: cognito-local's only ready-made factory reads `.cognito/`
 * from the working directory (in-process would mean `chdir` in the supervisor) and loads the
 * v2 AWS SDK, which prints a deprecation notice; as a child both stay out of the way.
 * Its data persists in `dataDir`, so a restart reuses the pool, groups and client by name.
 *
 * Clients talk to a small front on `port` that forwards to the child and corrects where
 * cognito-local departs from Cognito in ways our code would notice (`cognito-front.ts`).
 */
export async function startCognito(options: CognitoLocalOptions): Promise<CognitoLocal> {
  const port = options.port === 0 ? await pickFreePort() : options.port;
  await assertPortFree(port, 'Cognito (cognito-local)');
  const url = `http://127.0.0.1:${port}`;
  // Without a data folder, users live as long as this run, like the in-memory table.
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir === undefined ? await mkdtemp(path.join(os.tmpdir(), 'alin-cognito-')) : path.resolve(options.dataDir);
  await writeIssuerConfig(dataDir, url);
  const backendUrl = `http://127.0.0.1:${await pickFreePort()}`;
  const child = spawnChild(process.execPath, ['-e', tetheredNode, cognitoLocalBin()], {
    tethered: true,
    cwd: dataDir,
    env: { ...process.env, HOST: '127.0.0.1', PORT: new URL(backendUrl).port, DEBUG: '', COGNITO_LOCAL_DEVMODE: '' },
  });
  let front: Server | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (front?.listening) await closeServer(front);
      await child.stop();
      if (temporary) await rm(dataDir, { recursive: true, force: true });
    })());
  const client = new CognitoIdentityProviderClient(localCognitoClientConfig(url));
  try {
    await waitForHealth(backendUrl, child);
    front = await listenFront(backendUrl, url, port);
    const { userPoolId, clientId } = await provisionUserPool(client, {
      poolName: options.poolName ?? 'alin-housing-local',
      clientName: options.clientName ?? 'alin-housing-local-app',
    });
    const issuer = `${url}/${userPoolId}`;
    return {
      name: 'Cognito (cognito-local)',
      url,
      userPoolId,
      clientId,
      issuer,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
}

/**
 * cognito-local signs tokens with `iss` = its own host and port; the tokens must name the
 * URL clients use (the front), so the issuer domain is set in its config file at each start.
 */
async function writeIssuerConfig(dataDir: string, url: string): Promise<void> {
  const configDir = path.join(dataDir, '.cognito');
  await mkdir(configDir, { recursive: true });
  await writeFile(path.join(configDir, 'config.json'), JSON.stringify({ TokenConfig: { IssuerDomain: url } }, null, 2));
}

/**
 * A JWKS cache for `aws-jwt-verify` that fetches over plain HTTP: its default fetcher only
 * speaks HTTPS, and the local JWKS URL is `http://127.0.0.1:...`.
 */
export function localJwksCache(): SimpleJwksCache {
  return new SimpleJwksCache({
    fetcher: {
      async fetch(uri) {
        const response = await fetch(uri);
        if (!response.ok) throw new Error(`JWKS ${uri} answered HTTP ${response.status}`);
        return response.arrayBuffer();
      },
    },
  });
}

function cognitoLocalBin(): string {
  const packageJson = createRequire(import.meta.url).resolve('cognito-local/package.json');
  return path.join(path.dirname(packageJson), 'lib', 'bin', 'start.js');
}

/** Waits for cognito-local to answer, failing at once with its output if it exits first. */
async function waitForHealth(url: string, child: ChildService): Promise<void> {
  let onExit: (() => void) | undefined;
  const exited = new Promise<never>((_, reject) => {
    onExit = () => reject(new Error(`cognito-local exited during start-up: ${child.output() || 'no output'}`));
    child.child.once('exit', onExit);
  });
  try {
    await Promise.race([waitUntil(`cognito-local on ${url}`, async () => (await fetch(`${url}/health`)).ok, 15_000, 50), exited]);
  } finally {
    if (onExit) child.child.off('exit', onExit);
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
