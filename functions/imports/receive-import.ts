import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { S3Event } from 'aws-lambda';
import { bucketPrefixes } from '#definitions/bucket-notifications.ts';
import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { logger, metrics, publishMetrics } from '#shared/powertools.ts';
import { importFormatSchema, importStore, type ImportStore, type ReceivedImport } from './import-store.ts';

const keyPattern = new RegExp(`^${bucketPrefixes.imports}([A-Za-z0-9-]+)/([A-Za-z0-9-]+)\\.([a-z]+)$`);

/** Reads `imports/<landlordId>/<importId>.<csv|json>`; anything else is not an import file. */
export function parseImportKey(key: string): Omit<ReceivedImport, 'sizeBytes' | 'receivedAt'> | undefined {
  const match = keyPattern.exec(key);
  const format = importFormatSchema.safeParse(match?.[3]);
  if (!match || !format.success) return undefined;
  return { landlordId: match[1]!, importId: match[2]!, format: format.data, objectKey: key };
}

/**
 * A landlord's offer file arrived in S3.
 * 1. Decode the object key (S3 URL-encodes it, spaces as `+`) into landlord, import id and format.
 * 2. Record the import job once (an event delivered twice records nothing more).
 */
export async function receiveImports(deps: { imports: ImportStore; now: () => Date }, event: S3Event) {
  const counts = { recorded: 0, replayed: 0, ignored: 0 };
  for (const record of event.Records) {
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const parsed = parseImportKey(key);
    if (!parsed) {
      counts.ignored += 1;
      continue;
    }
    const fresh = await deps.imports.recordReceived({
      ...parsed,
      sizeBytes: record.s3.object.size,
      receivedAt: deps.now().toISOString(),
    });
    counts[fresh ? 'recorded' : 'replayed'] += 1;
  }
  return counts;
}

const deps = { imports: importStore(dynamodb, config.tableName), now: () => new Date() };

export const handler = middy<S3Event, Awaited<ReturnType<typeof receiveImports>>>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(publishMetrics())
  .handler(async (event) => {
    const counts = await receiveImports(deps, event);
    metrics.addMetric('ImportFilesRecorded', 'Count', counts.recorded);
    logger.info('Import files received', counts);
    return counts;
  });
