import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { z } from 'zod';
import { startGateway, type GatewayOptions, type GatewayRoute } from '#local/gateway.ts';
import type { RunningService } from '#local/service.ts';

/** The token issuer the in-process gateway's authorizer expects (audience `client`). */
export const testIssuer = 'http://issuer.local';

/** A route the in-process gateway checks and forwards to the test's `invoke` (no handler runs): public POST unless told. */
export const testRoute = (id: string, path: string, more: Partial<GatewayRoute> = {}): GatewayRoute => ({
  id,
  method: 'POST',
  path,
  handler: 'none.ts',
  access: 'public',
  summary: id,
  tag: 'test',
  request: {},
  response: { status: 200, description: 'ok', body: z.object({}) },
  errors: [],
  needs: {},
  ...more,
});

const listening = async (server: http.Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

/**
 * An in-process gateway of the test file's own (no cloud): on a free port, its authorizer reading
 * `keys` from a JWKS server of its own; started before the file's tests, stopped after them.
 * The getter gives a test the gateway's URL.
 */
export function gatewayOfFile(options: Omit<GatewayOptions, 'port' | 'authorizer'> & { readonly keys?: readonly object[] }): () => string {
  const { keys = [], ...gatewayOptions } = options;
  let jwks: http.Server | undefined;
  let gateway: RunningService | undefined;
  beforeAll(async () => {
    jwks = http.createServer((_, response) => response.end(JSON.stringify({ keys })));
    const jwksUri = `http://127.0.0.1:${await listening(jwks)}/jwks.json`;
    const probe = http.createServer();
    const port = await listening(probe);
    await new Promise((resolve) => probe.close(resolve));
    gateway = await startGateway({ ...gatewayOptions, port, authorizer: { issuer: testIssuer, audience: 'client', jwksUri } });
  });
  afterAll(async () => {
    await gateway?.stop();
    const server = jwks;
    if (server) await new Promise((resolve) => server.close(resolve));
  });
  return () => {
    if (!gateway) throw new Error('The gateway of this file is not started.');
    return gateway.url;
  };
}
