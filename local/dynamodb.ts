import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '#definitions/table.ts';
import { assertPortFree, spawnChild, waitUntil } from './process.ts';
import type { RunningService } from './service.ts';

/** Credentials and region every local client uses, so DynamoDB Local serves one database. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
export const localRegion = 'eu-west-3';

export class JavaMissingError extends Error {
  override readonly name = 'JavaMissingError';
}

/** Java 17+ is needed by DynamoDB Local; say which Debian package brings it. */
export function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const banner = `${probe.stderr ?? ''}${probe.stdout ?? ''}`;
  const major = Number(/version "(\d+)/.exec(banner)?.[1] ?? 0);
  if (probe.error || major < 17) {
    throw new JavaMissingError(
      'DynamoDB Local needs Java 17 or later, and `java` was not found on PATH (or is older). ' +
        'On Debian or Ubuntu: `sudo apt-get update && sudo apt-get install -y openjdk-17-jre-headless`.',
    );
  }
}

const emulatorDir = () =>
  path.join(path.dirname(createRequire(import.meta.url).resolve('amplify-dynamodb-simulator/package.json')), 'emulator');

export interface DynamoDbLocalOptions {
  readonly port: number;
  /** Keep data in this folder across restarts; in memory when absent. */
  readonly dataDir?: string;
}

/**
 * DynamoDB Local from the jar shipped in `amplify-dynamodb-simulator`, in memory by default.
 * `-sharedDb` makes every access key and region see the same tables.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<RunningService> {
  assertJava();
  await assertPortFree(options.port, 'DynamoDB Local');
  if (options.dataDir) await mkdir(path.resolve(options.dataDir), { recursive: true });
  const storage = options.dataDir ? ['-dbPath', path.resolve(options.dataDir)] : ['-inMemory'];
  const dir = emulatorDir();
  const child = spawnChild(
    'java',
    [
      '-XX:TieredStopAtLevel=1',
      '-Xshare:auto',
      `-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      path.join(dir, 'DynamoDBLocal.jar'),
      ...storage,
      '-sharedDb',
      '-port',
      String(options.port),
    ],
    { cwd: dir },
  );
  const url = `http://127.0.0.1:${options.port}`;
  const client = new DynamoDBClient({ endpoint: url, region: localRegion, credentials: localCredentials });
  // A Java that dies at start must fail the start now, not after the readiness timeout.
  const exited = new Promise<never>((_, reject) =>
    child.child.once('exit', (code) => reject(new Error(`DynamoDB Local exited (code ${code}): ${child.output()}`))),
  );
  exited.catch(() => undefined);
  try {
    await Promise.race([
      waitUntil('DynamoDB Local', async () => {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return true;
      }),
      exited,
    ]);
  } catch (error) {
    await child.stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { name: 'DynamoDB Local', url, stop: () => child.stop() };
}

/** The CreateTable request for a table definition: the local consumer of `definitions/table.ts`. */
export function createTableInput(definition: TableDefinition, tableName: string): CreateTableCommandInput {
  const attributes = new Map<string, 'S' | 'N'>();
  const keys = [definition.partitionKey, definition.sortKey];
  for (const index of definition.globalSecondaryIndexes) keys.push(index.partitionKey, index.sortKey);
  for (const key of keys) attributes.set(key.name, key.type);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    KeySchema: [
      { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: definition.sortKey.name, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: definition.globalSecondaryIndexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: definition.stream },
    SSESpecification: { Enabled: true },
  };
}

/** Creates the table from its definition unless it already exists (persisted data). */
export async function ensureTable(client: DynamoDBClient, definition: TableDefinition, tableName: string) {
  const existing = await client.send(new ListTablesCommand({})).then((out) => out.TableNames ?? []);
  if (existing.includes(tableName)) return false;
  await client.send(new CreateTableCommand(createTableInput(definition, tableName)));
  await waitUntil(`table ${tableName}`, async () => {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return Table?.TableStatus === 'ACTIVE';
  });
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
    }),
  );
  return true;
}
