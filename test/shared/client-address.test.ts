import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { clientAddress, originSecretHeader, viewerAddressHeader, type AddressedRequest } from '#shared/client-address.ts';

// The edge reads the functions' configuration at import, as a deployed function does.
await vi.hoisted(async () => {
  const { useFunctionEnvironment } = await import('../support/function-environment.ts');
  useFunctionEnvironment({ POWERTOOLS_LOG_LEVEL: 'SILENT' });
});

const { httpHandler } = await import('#shared/http.ts');

const secret = 'Zq8pN3vR5tY7wA9cE1gI3kM5oQ7sU9xB2dF4hJ6lN8pR0tV2';
/** The CloudFront edge server that forwarded the request: API Gateway's `sourceIp` behind the distribution. */
const edge = '130.176.10.20';

const request = (headers: Record<string, string>, sourceIp = edge): AddressedRequest => ({
  headers,
  requestContext: { http: { sourceIp } },
});

describe('the client address the limits count by', () => {
  it("is CloudFront's viewer address, without its port, on a request that carries the origin secret", () => {
    expect(clientAddress(request({ [originSecretHeader]: secret, [viewerAddressHeader]: '198.51.100.10:46532' }), secret)).toBe(
      '198.51.100.10',
    );
    // IPv6 comes unbracketed: the port is after the last colon.
    expect(clientAddress(request({ [originSecretHeader]: secret, [viewerAddressHeader]: '2001:db8::8a2e:370:7334:443' }), secret)).toBe(
      '2001:db8::8a2e:370:7334',
    );
  });

  it('ignores a viewer address sent without the secret, or with a wrong one: a direct caller of the API cannot choose its address', () => {
    const forged = { [viewerAddressHeader]: '198.51.100.10:46532' };
    expect(clientAddress(request(forged, '203.0.113.7'), secret)).toBe('203.0.113.7');
    expect(clientAddress(request({ ...forged, [originSecretHeader]: 'guess' }, '203.0.113.7'), secret)).toBe('203.0.113.7');
    expect(clientAddress(request({ ...forged, [originSecretHeader]: `${secret}x` }, '203.0.113.7'), secret)).toBe('203.0.113.7');
    expect(clientAddress(request({ ...forged, [originSecretHeader]: '' }, '203.0.113.7'), '')).toBe('203.0.113.7');
  });

  it('is the connection’s address when the function knows no secret, whatever the request says', () => {
    const headers = { [originSecretHeader]: secret, [viewerAddressHeader]: '198.51.100.10:46532' };
    expect(clientAddress(request(headers, '203.0.113.7'), undefined)).toBe('203.0.113.7');
  });

  it('falls back to the connection’s address when the viewer address is missing or malformed', () => {
    for (const viewer of [undefined, '', '198.51.100.10', 'not-an-address:443', '198.51.100.10:port', '999.1.1.1:443']) {
      const headers: Record<string, string> = { [originSecretHeader]: secret };
      if (viewer !== undefined) headers[viewerAddressHeader] = viewer;
      expect(clientAddress(request(headers), secret), String(viewer)).toBe(edge);
    }
  });
});

describe('the HTTP edge counting by address', () => {
  const route = {
    method: 'POST',
    path: '/echo',
    handler: 'none.ts',
    access: 'public',
    summary: 'echo',
    tag: 'test',
    request: {},
    response: { status: 200, description: 'ok', body: z.object({}) },
    errors: [429],
    needs: {},
    limits: [{ by: 'ip', max: 1000, windowSeconds: 60 }],
  } as const;
  const counted: string[] = [];
  const handler = httpHandler(route, async () => ({}), {
    limiter: {
      count: async (counter) => counted.push(counter.subject),
      giveBack: async () => undefined,
    },
    now: () => new Date('2026-12-03T10:00:00Z'),
    originSecret: secret,
  });
  const context = { functionName: 'echo', awsRequestId: 'req', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
  const event = (headers: Record<string, string>, sourceIp: string) =>
    ({
      version: '2.0',
      routeKey: 'POST /echo',
      rawPath: '/echo',
      rawQueryString: '',
      headers,
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', path: '/echo', sourceIp } },
    }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

  it('counts two viewers behind one edge apart, and a forger by its own address', async () => {
    counted.length = 0;
    const through = (viewer: string) => event({ [originSecretHeader]: secret, [viewerAddressHeader]: viewer }, edge);
    expect((await handler(through('198.51.100.10:1000'), context)).statusCode).toBe(200);
    expect((await handler(through('198.51.100.11:1000'), context)).statusCode).toBe(200);
    expect((await handler(event({ [viewerAddressHeader]: '198.51.100.12:1000' }, '203.0.113.7'), context)).statusCode).toBe(200);
    expect(counted).toEqual(['198.51.100.10', '198.51.100.11', '203.0.113.7']);
  });
});
