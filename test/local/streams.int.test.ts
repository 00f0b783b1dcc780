import net from 'node:net';
import { CreateTableCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { streamSubscriptions } from '#definitions/stream-subscriptions.ts';
import { table } from '#definitions/table.ts';
import { ensureTable, localCredentials, localRegion, startDynamoDbLocal } from '#local/dynamodb.ts';
import { waitUntil } from '#local/process.ts';
import type { RunningService } from '#local/service.ts';
import { toLambdaRecord } from '#local/stream-records.ts';
import { firstFailedIndex, type StreamFailure } from '#local/stream-subscription-lane.ts';
import { startStreamsPoller, type StreamsPoller, type StreamsPollerOptions } from '#local/streams.ts';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const notificationItem = (id: string, entity = 'Notification') => ({
  PK: { S: `NOTIF#${id}` },
  SK: { S: 'NOTIF' },
  entity: { S: entity },
  status: { S: 'pending' },
});

const keyOf = (record: DynamoDBRecord | undefined) => record?.dynamodb?.Keys?.PK?.S;
const keysOf = (event: unknown) => (event as DynamoDBStreamEvent).Records.map((record) => keyOf(record) ?? '');

/** A promise the test opens by hand: a handler that awaits it holds its batch meanwhile. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open: () => open() };
}

describe('DynamoDB Streams poller', () => {
  let dynamo: RunningService;
  let client: DynamoDBClient;

  beforeAll(async () => {
    dynamo = await startDynamoDbLocal({ port: await freePort() });
    client = new DynamoDBClient({ endpoint: dynamo.url, region: localRegion, credentials: localCredentials });
  }, 20_000);

  afterAll(async () => {
    client?.destroy();
    await dynamo?.stop();
  });

  /** A poller of a new table of the definitions' shape, reading its stream every 50 ms. */
  const pollerOf = async (tableName: string, options: Omit<StreamsPollerOptions, 'dynamoEndpoint' | 'tableName'>) => {
    await ensureTable(client, table, tableName);
    return startStreamsPoller({ dynamoEndpoint: dynamo.url, tableName, pollIntervalMs: 50, ...options });
  };
  /** Writes a Notification item, under the key `pk` when given. */
  const putNotification = (tableName: string, id: string, pk = `NOTIF#${id}`) =>
    client.send(new PutItemCommand({ TableName: tableName, Item: { ...notificationItem(id), PK: { S: pk } } }));

  describe('with the subscriptions of the definitions', () => {
    const tableName = 'streams-main';
    const calls: { entry: string; event: DynamoDBStreamEvent }[] = [];
    const failures: StreamFailure[] = [];
    /** Items whose first delivery the handler reports as failed. */
    const failOnce = new Set<string>();
    let poller: StreamsPoller;

    const put = (item: Record<string, { S: string }>) => client.send(new PutItemCommand({ TableName: tableName, Item: item }));
    const delivered = () => calls.flatMap((call) => call.event.Records.map(keyOf));

    beforeAll(async () => {
      poller = await pollerOf(tableName, {
        retryBaseDelayMs: 10,
        onError: (failure) => failures.push(failure),
        invoke: async (entry, event) => {
          const streamEvent = event as DynamoDBStreamEvent;
          calls.push({ entry, event: streamEvent });
          const failed = streamEvent.Records.filter((record) => failOnce.delete(keyOf(record) ?? ''));
          return { batchItemFailures: failed.map((record) => ({ itemIdentifier: record.dynamodb?.SequenceNumber })) };
        },
      });
    }, 15_000);

    afterAll(async () => {
      await poller?.stop();
      await poller?.stop();
    });

    beforeEach(() => {
      calls.length = 0;
      failures.length = 0;
    });

    it('delivers the INSERT of a Notification to the notifier as a Lambda stream event', async () => {
      await put(notificationItem('n1'));
      await poller.idle();

      expect(calls).toHaveLength(1);
      expect(calls[0]?.entry).toBe(streamSubscriptions.notifier.handler);
      const [record] = calls[0]?.event.Records ?? [];
      expect(record).toEqual({
        eventID: expect.any(String),
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: expect.any(String),
        eventSourceARN: poller.streamArn,
        dynamodb: {
          ApproximateCreationDateTime: expect.any(Number),
          Keys: { PK: { S: 'NOTIF#n1' }, SK: { S: 'NOTIF' } },
          NewImage: notificationItem('n1'),
          SequenceNumber: expect.stringMatching(/^\d+$/),
          SizeBytes: expect.any(Number),
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      });
      expect(poller.streamArn).toContain(`table/${tableName}/stream/`);
    });

    it('does not deliver an item of another entity', async () => {
      await put(notificationItem('o1', 'Offer'));
      await poller.idle();
      expect(calls).toEqual([]);
    });

    it('does not deliver a MODIFY of a Notification (the notifier filter is INSERT-only)', async () => {
      await client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: { PK: { S: 'NOTIF#n1' }, SK: { S: 'NOTIF' } },
          UpdateExpression: 'SET #status = :sent',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sent': { S: 'sent' } },
        }),
      );
      await poller.idle();
      expect(calls).toEqual([]);
    });

    it('redelivers a record reported in batchItemFailures until it succeeds', async () => {
      failOnce.add('NOTIF#retry');
      await put(notificationItem('retry'));
      await poller.idle();

      expect(delivered()).toEqual(['NOTIF#retry', 'NOTIF#retry']);
      expect(failures).toEqual([]);
    });

    it('does not replay records written before it started', async () => {
      const latecomerCalls: unknown[] = [];
      const latecomer = await startStreamsPoller({
        dynamoEndpoint: dynamo.url,
        tableName,
        pollIntervalMs: 50,
        invoke: async (_entry, event) => latecomerCalls.push(event),
      });
      try {
        await latecomer.idle();
        expect(latecomerCalls).toEqual([]);
        await put(notificationItem('after-start'));
        await latecomer.idle();
        expect(latecomerCalls).toHaveLength(1);
      } finally {
        await latecomer.stop();
      }
      await poller.idle();
    });
  });

  describe('when records wait for a busy handler', () => {
    const tableName = 'streams-batching';
    const batches: string[][] = [];
    let poller: StreamsPoller;
    const held = gate();

    beforeAll(async () => {
      poller = await pollerOf(tableName, {
        subscriptions: {
          notifier: streamSubscriptions.notifier,
          // Sees the last record of the burst, which tells that every earlier one is queued.
          probe: {
            ...streamSubscriptions.notifier,
            handler: 'probe.ts',
            filterPattern: { dynamodb: { Keys: { PK: { S: ['NOTIF#b24'] } } } },
            batchSize: 1,
            description: 'test probe',
          },
        },
        invoke: async (entry, event) => {
          const keys = keysOf(event);
          if (entry === 'probe.ts') return held.open();
          batches.push(keys);
          if (keys.includes('NOTIF#gate')) await held.opened;
          return undefined;
        },
      });
    }, 15_000);

    afterAll(async () => {
      await poller?.stop();
    });

    it('delivers them in order, in batches filled up to the batch size', async () => {
      await putNotification(tableName, 'gate');
      // The handler now holds the gate record, so the burst below can only queue up behind it.
      await waitUntil('the gate record to reach the handler', async () => batches.length === 1, 5_000, 10);
      const ids = Array.from({ length: 25 }, (_, index) => `NOTIF#b${String(index).padStart(2, '0')}`);
      for (const id of ids) {
        await putNotification(tableName, '', id);
      }
      await poller.idle();

      expect(batches).toEqual([['NOTIF#gate'], ids.slice(0, 10), ids.slice(10, 20), ids.slice(20)]);
    });
  });

  describe('when a handler keeps failing', () => {
    const tableName = 'streams-failing';
    const attempts: string[][] = [];
    const failures: StreamFailure[] = [];
    let poller: StreamsPoller;

    beforeAll(async () => {
      poller = await pollerOf(tableName, {
        subscriptions: { notifier: { ...streamSubscriptions.notifier, retryAttempts: 2 } },
        retryBaseDelayMs: 10,
        onError: (failure) => failures.push(failure),
        invoke: async (_entry, event) => {
          const keys = keysOf(event);
          attempts.push(keys);
          if (keys.includes('NOTIF#poison')) throw new Error('template missing');
          return undefined;
        },
      });
    }, 15_000);

    afterAll(async () => {
      await poller?.stop();
    });

    it('gives the records up to onError after the last retry, then carries on', async () => {
      await putNotification(tableName, 'poison');
      await poller.idle();
      await putNotification(tableName, 'healthy');
      await poller.idle();

      expect(attempts.filter((keys) => keys.includes('NOTIF#poison'))).toHaveLength(3);
      expect(failures).toEqual([
        expect.objectContaining({
          kind: 'delivery',
          subscription: 'notifier',
          attempts: 3,
          error: new Error('template missing'),
          records: [
            expect.objectContaining({ dynamodb: expect.objectContaining({ Keys: { PK: { S: 'NOTIF#poison' }, SK: { S: 'NOTIF' } } }) }),
          ],
        }),
      ]);
      expect(attempts.at(-1)).toEqual(['NOTIF#healthy']);
    });
  });

  describe('with the retry policy of each subscription, as Lambda applies it', () => {
    const tableName = 'streams-policy';
    const sends: Record<string, string[][]> = { bisecting: [], whole: [] };
    const failures: StreamFailure[] = [];
    const burst = ['NOTIF#p-a', 'NOTIF#p-b', 'NOTIF#p-poison', 'NOTIF#p-d'];
    let poller: StreamsPoller;
    const held = gate();

    beforeAll(async () => {
      const policy = { ...streamSubscriptions.notifier, batchSize: 4, retryAttempts: 1 };
      poller = await pollerOf(tableName, {
        retryBaseDelayMs: 10,
        onError: (failure) => failures.push(failure),
        subscriptions: {
          // The definitions' notifier policy (bisect on error), with a batch of 4 and one retry.
          bisecting: { ...policy, handler: 'bisecting.ts' },
          whole: { ...policy, handler: 'whole.ts', bisectBatchOnError: false },
          // Sees the last record of the burst, which tells that the whole burst is queued.
          probe: { ...policy, handler: 'probe.ts', filterPattern: { dynamodb: { Keys: { PK: { S: [burst.at(-1)!] } } } } },
        },
        invoke: async (entry, event) => {
          const keys = keysOf(event);
          if (entry === 'probe.ts') return held.open();
          sends[entry.replace('.ts', '')]!.push(keys);
          if (keys.includes('NOTIF#p-gate')) await held.opened;
          if (keys.includes('NOTIF#p-poison')) throw new Error('template missing');
          return undefined;
        },
      });
    }, 15_000);

    afterAll(async () => {
      await poller?.stop();
    });

    it('splits a failing batch in two without counting a retry, then gives up only the record that keeps failing', async () => {
      await putNotification(tableName, 'p-gate');
      await waitUntil('the gate record to reach both handlers', async () => sends.bisecting!.length + sends.whole!.length === 2, 5_000, 10);
      for (const id of burst) {
        await putNotification(tableName, '', id);
      }
      await poller.idle();

      const [a, b, poison, d] = burst;
      expect(sends.bisecting).toEqual([['NOTIF#p-gate'], burst, [a, b], [poison, d], [poison], [poison], [d]]);
      expect(sends.whole).toEqual([['NOTIF#p-gate'], burst, burst]);
      expect(
        failures.map((failure) => failure.kind === 'delivery' && [failure.subscription, failure.attempts, failure.records.map(keyOf)]),
      ).toEqual(
        expect.arrayContaining([
          ['bisecting', 2, [poison]],
          ['whole', 2, burst],
        ]),
      );
      expect(failures).toHaveLength(2);
    });
  });

  it('refuses a missing table, naming it', async () => {
    await expect(
      startStreamsPoller({ dynamoEndpoint: dynamo.url, tableName: 'does-not-exist', invoke: async () => undefined }),
    ).rejects.toThrow('Table does-not-exist does not exist');
  });

  it('refuses a table without a stream, naming it', async () => {
    await client.send(
      new CreateTableCommand({
        TableName: 'no-stream',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
      }),
    );
    await expect(startStreamsPoller({ dynamoEndpoint: dynamo.url, tableName: 'no-stream', invoke: async () => undefined })).rejects.toThrow(
      'Table no-stream has no stream enabled',
    );
  });
});

describe('firstFailedIndex', () => {
  const batch: DynamoDBRecord[] = ['1', '2', '3'].map((SequenceNumber) => ({ dynamodb: { SequenceNumber } }));
  it.each([
    ['no response', undefined, -1],
    ['an empty list', { batchItemFailures: [] }, -1],
    ['a null list', { batchItemFailures: null }, -1],
    ['an unrelated response', { ok: true }, -1],
    ['one failed record', { batchItemFailures: [{ itemIdentifier: '2' }] }, 1],
    ['several failed records (the lowest wins)', { batchItemFailures: [{ itemIdentifier: '3' }, { itemIdentifier: '2' }] }, 1],
    ['an empty identifier', { batchItemFailures: [{ itemIdentifier: '' }] }, 0],
    ['a null identifier', { batchItemFailures: [{ itemIdentifier: null }] }, 0],
    ['an identifier outside the batch', { batchItemFailures: [{ itemIdentifier: '9' }] }, 0],
  ])('reads %s', (_name, response, expected) => {
    expect(firstFailedIndex(response, batch)).toBe(expected);
  });
});

describe('toLambdaRecord', () => {
  it('gives JSON types as Lambda does: epoch seconds, base64 binaries, nested lists and maps', () => {
    const record = toLambdaRecord(
      {
        eventID: 'e1',
        eventName: 'REMOVE',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: 'eu-west-3',
        userIdentity: { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' },
        dynamodb: {
          ApproximateCreationDateTime: new Date('2025-01-15T10:07:31Z'),
          Keys: { PK: { S: 'A' } },
          OldImage: {
            blob: { B: new Uint8Array([1, 2, 3]) },
            blobs: { BS: [new Uint8Array([255])] },
            nested: { M: { list: { L: [{ N: '1' }, { BOOL: true }, { NULL: true }] } } },
            tags: { SS: ['a'] },
          },
          SequenceNumber: '42',
          SizeBytes: 10,
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      },
      'arn:stream',
    );
    expect(record).toEqual({
      eventID: 'e1',
      eventName: 'REMOVE',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-west-3',
      eventSourceARN: 'arn:stream',
      userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
      dynamodb: {
        ApproximateCreationDateTime: 1736935651,
        Keys: { PK: { S: 'A' } },
        OldImage: {
          blob: { B: 'AQID' },
          blobs: { BS: ['/w=='] },
          nested: { M: { list: { L: [{ N: '1' }, { BOOL: true }, { NULL: true }] } } },
          tags: { SS: ['a'] },
        },
        SequenceNumber: '42',
        SizeBytes: 10,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
    expect(Object.keys(record.dynamodb ?? {})).not.toContain('NewImage');
  });
});
