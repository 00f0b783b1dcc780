import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import { z } from 'zod';
import {
  bucketNotifications,
  matchesRule,
  uploadFunctionTimeoutSeconds,
  type BucketNotificationRule,
} from '#definitions/bucket-notifications.ts';
import { localRegion } from './dynamodb.ts';
import { invokeLocal } from './lambda.ts';
import { assertPortFree } from './process.ts';
import type { RunningService } from './service.ts';

/** How a stand-in calls a Lambda entry; `invokeLocal` in the local cloud, a recorder in tests. */
export type Invoke = (entry: string, event: unknown) => Promise<unknown>;

/** s3rver accepts any V4 signature but only this key pair. */
export const s3rverCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * Settings every S3 client of the local run needs. Path-style addressing because buckets are
 * not DNS names on 127.0.0.1; checksums only when required, because s3rver stores the
 * aws-chunked framing of a checksummed upload as the object body.
 */
export function localS3ClientConfig(endpoint: string): S3ClientConfig {
  return {
    endpoint,
    region: localRegion,
    credentials: s3rverCredentials,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

export interface S3NotificationFailure {
  /** Id of the rule in the notification table, or undefined when the event itself was unreadable. */
  readonly rule?: string;
  readonly handler?: string;
  readonly key?: string;
  readonly error: unknown;
}

export interface S3LocalOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Bucket created at start (kept if it already exists in a persisted folder). */
  readonly bucketName: string;
  /** Keeps objects in this folder across restarts; without it, a temporary folder removed on stop. */
  readonly dataDir?: string;
  /** Browser origins allowed to PUT to presigned URLs, as the CDK bucket's CORS rule. */
  readonly corsOrigins?: readonly string[];
  /** Notification table; the definitions' `bucketNotifications` by default. */
  readonly rules?: Readonly<Record<string, BucketNotificationRule>>;
  readonly invoke?: Invoke;
  /** Told about a handler that failed; printed to stderr when absent. Never thrown into s3rver. */
  readonly onError?: (failure: S3NotificationFailure) => void;
}

export interface S3Local extends RunningService {
  readonly bucketName: string;
  /** Where the objects live on disk. */
  readonly dataDir: string;
  /** Resolves once every notification triggered so far has been handled. */
  idle(): Promise<void>;
}

/** The part of s3rver's API used here; the package has no type declarations. */
interface S3rverInstance {
  /** Koa's middleware list, composed when the server starts. */
  middleware: ((context: S3rverContext, next: () => Promise<void>) => Promise<void>)[];
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
  on(event: 'event', listener: (event: unknown) => void): void;
  httpServer?: Server;
}
interface S3rverContext {
  method: string;
  path: string;
  query: Record<string, string | undefined>;
  body: unknown;
  store: {
    listObjects(
      bucket: string,
      options: { prefix?: string; startAfter?: string; maxKeys?: number },
    ): Promise<{
      objects: { key: string; size: number; lastModifiedDate: Date; metadata: Record<string, string> }[];
      isTruncated: boolean;
    }>;
  };
}

/**
 * `ListObjectVersions` (GET /bucket?versions), which s3rver lacks, so that erasure runs the code
 * it runs on the versioned AWS bucket: each object is listed as its only version, `null`, which
 * `DeleteObjects` with `VersionId: 'null'` removes (s3rver ignores the version id).
 */
function listVersions(bucketName: string) {
  return async (context: S3rverContext, next: () => Promise<void>) => {
    if (context.method !== 'GET' || context.path.replace(/\/$/, '') !== `/${bucketName}` || !('versions' in context.query)) return next();
    const maxKeys = Math.min(1000, Number(context.query['max-keys'] ?? 1000));
    const { objects, isTruncated } = await context.store.listObjects(bucketName, {
      prefix: context.query.prefix ?? '',
      startAfter: context.query['key-marker'] ?? '',
      maxKeys,
    });
    context.body = {
      ListVersionsResult: {
        '@': { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' },
        Name: bucketName,
        Prefix: context.query.prefix ?? '',
        MaxKeys: maxKeys,
        IsTruncated: isTruncated,
        ...(isTruncated && { NextKeyMarker: objects.at(-1)?.key, NextVersionIdMarker: 'null' }),
        Version: objects.map((object) => ({
          Key: object.key,
          VersionId: 'null',
          IsLatest: true,
          LastModified: object.lastModifiedDate.toISOString(),
          ETag: object.metadata.etag,
          Size: object.size,
          StorageClass: 'STANDARD',
        })),
      },
    };
  };
}

type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;
const S3rver = createRequire(import.meta.url)('s3rver') as S3rverConstructor;

// What s3rver emits on a write, checked before it is turned into the record S3 would send.
const s3rverEventSchema = z.object({
  Records: z.array(
    z.object({
      eventTime: z.string(),
      eventName: z.string(),
      userIdentity: z.object({ principalId: z.string() }),
      requestParameters: z.object({ sourceIPAddress: z.string() }),
      responseElements: z.object({ 'x-amz-request-id': z.string(), 'x-amz-id-2': z.string() }),
      s3: z.object({
        bucket: z.object({ name: z.string(), ownerIdentity: z.object({ principalId: z.string() }) }),
        object: z.object({
          key: z.string(),
          size: z.number().optional(),
          eTag: z.string().optional(),
          sequencer: z.string(),
        }),
      }),
    }),
  ),
});
type S3rverRecord = z.infer<typeof s3rverEventSchema>['Records'][number];

/**
 * s3rver in-process, with one bucket, whose object-created events are routed through the
 * bucket notification rules to the handlers, as S3 invokes a Lambda asynchronously: each
 * matching rule gets `{ Records: [record] }`; a failure is reported, not retried.
 */
export async function startS3(options: S3LocalOptions): Promise<S3Local> {
  if (options.port !== 0) await assertPortFree(options.port, 'S3 (s3rver)');
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : await mkdtemp(path.join(os.tmpdir(), 'alin-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    silent: true,
    directory: dataDir,
    configureBuckets: [{ name: options.bucketName, configs: corsConfigs(options.corsOrigins) }],
  });
  const notifier = createNotifier(options);
  server.on('event', notifier.route);
  // Before the router, after the XML encoder: s3rver has no versions; every object is its one "null" version.
  server.middleware.splice(server.middleware.length - 1, 0, listVersions(options.bucketName));

  let port: number;
  try {
    ({ port } = await server.run());
  } catch (error) {
    if (temporary) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  let stopping: Promise<void> | undefined;
  const stop = async () => {
    // Handlers still running may read the object that woke them: let them finish first.
    await notifier.idle();
    const closed = server.close();
    // SDK clients keep connections alive, which would hold `close` open.
    server.httpServer?.closeAllConnections();
    await closed;
    if (temporary) await rm(dataDir, { recursive: true, force: true });
  };
  return {
    name: 'S3 (s3rver)',
    url: `http://127.0.0.1:${port}`,
    bucketName: options.bucketName,
    dataDir,
    idle: notifier.idle,
    stop: () => (stopping ??= stop()),
  };
}

function createNotifier(options: S3LocalOptions) {
  const rules = Object.entries(options.rules ?? bucketNotifications);
  const invoke: Invoke = options.invoke ?? ((entry, event) => invokeLocal(entry, event, { timeoutSeconds: uploadFunctionTimeoutSeconds }));
  const onError = options.onError ?? reportFailure;
  const inFlight = new Set<Promise<void>>();

  const deliver = (ruleId: string, rule: BucketNotificationRule, record: S3rverRecord) => {
    const event: S3Event = { Records: [toLambdaRecord(record, ruleId)] };
    const delivery = Promise.resolve()
      .then(() => invoke(rule.handler, event))
      .then(
        () => undefined,
        (error: unknown) => onError({ rule: ruleId, handler: rule.handler, key: record.s3.object.key, error }),
      )
      .finally(() => inFlight.delete(delivery));
    inFlight.add(delivery);
  };

  const route = (raw: unknown) => {
    const parsed = s3rverEventSchema.safeParse(raw);
    if (!parsed.success) {
      onError({ error: new Error(`Unexpected s3rver event: ${z.prettifyError(parsed.error)}`) });
      return;
    }
    for (const record of parsed.data.Records) {
      if (!record.eventName.startsWith('ObjectCreated:') || record.s3.bucket.name !== options.bucketName) continue;
      for (const [ruleId, rule] of rules) {
        if (matchesRule(rule, record.s3.object.key)) deliver(ruleId, rule, record);
      }
    }
  };

  const idle = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };
  return { route, idle };
}

/** The record S3 itself sends: real region and bucket ARN, and the key URL-encoded. */
function toLambdaRecord(record: S3rverRecord, configurationId: string): S3EventRecord {
  const { bucket, object } = record.s3;
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: localRegion,
    eventTime: record.eventTime,
    eventName: record.eventName,
    userIdentity: record.userIdentity,
    requestParameters: record.requestParameters,
    responseElements: record.responseElements,
    s3: {
      s3SchemaVersion: '1.0',
      configurationId,
      bucket: { name: bucket.name, ownerIdentity: bucket.ownerIdentity, arn: `arn:aws:s3:::${bucket.name}` },
      object: { key: encodeS3EventKey(object.key), size: object.size ?? 0, eTag: object.eTag ?? '', sequencer: object.sequencer },
    },
  };
}

/**
 * S3 notifications carry keys form-encoded (space as `+`), so handlers decode them; giving them
 * the raw key locally would hide a missing decode until the first file with a space in AWS.
 */
export function encodeS3EventKey(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%20/g, '+'))
    .join('/');
}

function corsConfigs(origins: readonly string[] | undefined): string[] {
  if (!origins?.length) return [];
  const allowed = origins.map((origin) => `<AllowedOrigin>${escapeXml(origin)}</AllowedOrigin>`).join('');
  return [
    '<CORSConfiguration><CORSRule>' +
      `${allowed}<AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader>` +
      '<ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds>' +
      '</CORSRule></CORSConfiguration>',
  ];
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function reportFailure({ rule, handler, key, error }: S3NotificationFailure): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[s3] notification ${rule ?? '?'} (${handler ?? 'no handler'}) for ${key ?? '?'} failed: ${message}`);
}
