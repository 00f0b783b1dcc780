import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startGateway, type GatewayRoute } from '#local/gateway.ts';
import type { RunningService } from '#local/service.ts';
import { clientAddress, originSecretHeader, viewerAddressHeader } from '#shared/client-address.ts';

/**
 * The local gateway stands for the distribution and the API together: as CloudFront, it gives the
 * functions the client's address and the origin secret, whatever the client sent in their place.
 */
const route: GatewayRoute = {
  id: 'echo',
  method: 'POST',
  path: '/echo',
  handler: 'none.ts',
  access: 'public',
  summary: 'echo',
  tag: 'test',
  request: {},
  response: { status: 200, description: 'ok', body: z.object({}) },
  errors: [],
  needs: {},
};
const originSecret = 'local-secret-of-this-run';

let jwks: http.Server;
let gateway: RunningService;
const events: APIGatewayProxyEventV2WithJWTAuthorizer[] = [];

beforeAll(async () => {
  jwks = http.createServer((_, response) => response.end(JSON.stringify({ keys: [] })));
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const jwksUri = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  gateway = await startGateway({
    port,
    routes: [route],
    invoke: async (_, event) => {
      events.push(event);
      return { statusCode: 200, body: '{}' };
    },
    authorizer: { issuer: 'http://issuer.local', audience: 'client', jwksUri },
    originSecret,
  });
});

afterAll(async () => {
  await gateway?.stop();
  await new Promise((resolve) => jwks?.close(resolve));
});

describe('the local gateway, as the distribution in front of the API', () => {
  it("sends the client's own address and the origin secret, in place of forged ones", async () => {
    events.length = 0;
    const answer = await fetch(`${gateway.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [viewerAddressHeader]: '198.51.100.10:443', [originSecretHeader]: 'guess' },
      body: '{}',
    });
    expect(answer.status).toBe(200);
    const [event] = events;
    const { sourceIp } = event!.requestContext.http;
    expect(['127.0.0.1', '::ffff:127.0.0.1']).toContain(sourceIp);
    expect(event!.headers[originSecretHeader]).toBe(originSecret);
    expect(event!.headers[viewerAddressHeader]).toMatch(new RegExp(`^${sourceIp.replaceAll('.', '\\.')}:\\d+$`));
    // What the functions count by: the client, not the address it claimed.
    expect(clientAddress(event!, originSecret)).toBe(sourceIp);
  });
});
