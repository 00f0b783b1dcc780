import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

// The edge reads the functions' configuration at import, as a deployed function does.
await vi.hoisted(async () => {
  const { useFunctionEnvironment } = await import('../support/function-environment.ts');
  useFunctionEnvironment({ POWERTOOLS_LOG_LEVEL: 'SILENT' });
});

const { httpHandler } = await import('#shared/http.ts');
const { maxRequestBodyBytes } = await import('#shared/route.ts');

const route = {
  method: 'POST',
  path: '/echo',
  handler: 'none.ts',
  access: 'public',
  summary: 'echo',
  tag: 'test',
  request: { body: z.object({ text: z.string() }) },
  response: { status: 200, description: 'ok', body: z.object({ length: z.number() }) },
  errors: [400, 413],
  needs: {},
} as const;

const context = { functionName: 'echo', awsRequestId: 'req', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
const event = (body: string, isBase64Encoded = false, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  ({
    version: '2.0',
    routeKey: 'POST /echo',
    rawPath: '/echo',
    rawQueryString: '',
    headers,
    body,
    isBase64Encoded,
    requestContext: { http: { method: 'POST', path: '/echo', sourceIp: '203.0.113.7' } },
  }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

describe('the HTTP edge', () => {
  const runs: string[] = [];
  const handler = httpHandler(route, async ({ body }) => {
    runs.push(body.text);
    return { length: body.text.length };
  });

  it('refuses a body over 1 MB with 413 and a French message, before parsing or running anything', async () => {
    const text = JSON.stringify({ text: 'é'.repeat(maxRequestBodyBytes / 2) }); // 2 bytes each: over the cap
    const refused = await handler(event(text), context);
    expect(refused.statusCode).toBe(413);
    expect(JSON.parse(refused.body!)).toEqual({
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'Le corps de la requête dépasse la taille maximale de 1 Mo.' },
    });
    const base64 = await handler(event(Buffer.from(text).toString('base64'), true), context);
    expect(base64.statusCode).toBe(413);
    // Not JSON at all, but too large first: the cap comes before parsing.
    expect((await handler(event('x'.repeat(maxRequestBodyBytes + 1)), context)).statusCode).toBe(413);
    expect(runs).toEqual([]);
  });

  it('takes a body at the cap', async () => {
    const text = 'a'.repeat(maxRequestBodyBytes - 20);
    const accepted = await handler(event(JSON.stringify({ text })), context);
    expect(accepted.statusCode).toBe(200);
    expect(JSON.parse(accepted.body!)).toEqual({ length: text.length });
  });

  it('refuses a JSON body sent as another type with 415, and reads one sent as JSON (any charset, +json) or with no type', async () => {
    const body = JSON.stringify({ text: 'abc' });
    const before = runs.length;
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x']) {
      const refused = await handler(event(body, false, { 'content-type': type }), context);
      expect(refused.statusCode).toBe(415);
      expect(JSON.parse(refused.body ?? '')).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    }
    expect(runs.length).toBe(before);
    const accepted: Record<string, string>[] = [
      { 'content-type': 'application/json; charset=utf-8' },
      { 'content-type': 'application/merge-patch+json' },
      {},
    ];
    for (const headers of accepted) {
      expect((await handler(event(body, false, headers), context)).statusCode).toBe(200);
    }
    expect(runs.slice(before)).toEqual(['abc', 'abc', 'abc']);
  });
});
