import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTransactionConflict, retryTransactionConflicts } from '#shared/transaction-conflicts.ts';

/**
 * DynamoDB Local never reports transaction conflicts, so a small HTTP server plays DynamoDB:
 * it answers each request with the next scripted answer.
 */
let answers: { status: number; body: object }[] = [];
let requests = 0;
const server = http.createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    requests += 1;
    const answer = answers.shift() ?? { status: 200, body: {} };
    response.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(answer.body));
  });
});
let client: DynamoDBDocumentClient;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const raw = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'eu-west-3',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  retryTransactionConflicts(raw, { maxRetries: 3, baseDelayMs: 1 });
  client = DynamoDBDocumentClient.from(raw);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const cancelled = (...codes: string[]) => ({
  status: 400,
  body: {
    __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
    message: 'Transaction cancelled',
    CancellationReasons: codes.map((Code) => ({ Code })),
  },
});
const write = () => client.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 't', Item: { PK: 'a', SK: 'b' } } }] }));

describe('transaction conflicts', () => {
  it('sends a transaction cancelled only by conflicts again, until it goes through', async () => {
    answers = [cancelled('TransactionConflict', 'None'), cancelled('None', 'TransactionConflict')];
    requests = 0;
    await expect(write()).resolves.toBeDefined();
    expect(requests).toBe(3);
  });

  it('does not retry a transaction whose condition failed', async () => {
    answers = [cancelled('ConditionalCheckFailed', 'TransactionConflict')];
    requests = 0;
    await expect(write()).rejects.toMatchObject({ name: 'TransactionCanceledException' });
    expect(requests).toBe(1);
  });

  it('gives up after the configured retries', async () => {
    answers = Array.from({ length: 5 }, () => cancelled('TransactionConflict'));
    requests = 0;
    await expect(write()).rejects.toSatisfy(isTransactionConflict);
    expect(requests).toBe(4);
  });
});
