import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { clientAddress, originSecretHeader, viewerAddressHeader } from '#shared/client-address.ts';
import { gatewayOfFile, testRoute } from '../support/gateway.ts';

/**
 * The local gateway stands for the distribution and the API together: as CloudFront, it gives the
 * functions the client's address and the origin secret, whatever the client sent in their place.
 */
const originSecret = 'local-secret-of-this-run';
const events: APIGatewayProxyEventV2WithJWTAuthorizer[] = [];
const gatewayUrl = gatewayOfFile({
  routes: [testRoute('echo', '/echo')],
  invoke: async (_, event) => {
    events.push(event);
    return { statusCode: 200, body: '{}' };
  },
  originSecret,
});

describe('the local gateway, as the distribution in front of the API', () => {
  it("sends the client's own address and the origin secret, in place of forged ones", async () => {
    events.length = 0;
    const answer = await fetch(`${gatewayUrl()}/echo`, {
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
