import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { bucketPrefixes } from '#definitions/bucket-notifications.ts';
import { bucketPresigner } from '#shared/presign.ts';
import type { ImportFormat, ImportReport } from './import-schemas.ts';

/**
 * Import files in the uploads bucket, the one module that builds their keys:
 * `imports/<landlordId>/<importId>.<csv|json|ndjson>`, and the report next to the file,
 * `imports/<landlordId>/<importId>.report.json` (its own object-created event does not match
 * an import file name, so it starts nothing).
 */
const extensions = { csv: 'csv', json: 'json', ndjson: 'json', jsonl: 'json' } as const satisfies Record<string, ImportFormat>;
const keyPattern = new RegExp(`^${bucketPrefixes.imports}([A-Za-z0-9-]+)/([A-Za-z0-9_-]{1,100})\\.([a-z]+)$`);

const landlordImportPrefix = (landlordId: string) => `${bucketPrefixes.imports}${landlordId}/`;
export const importObjectKey = (landlordId: string, importId: string, format: ImportFormat) =>
  `${landlordImportPrefix(landlordId)}${importId}.${format}`;
export const importReportKey = (landlordId: string, importId: string) => `${landlordImportPrefix(landlordId)}${importId}.report.json`;

/** Reads `imports/<landlordId>/<importId>.<extension>`; anything else (a report included) is not an import file. */
export function parseImportKey(key: string): { landlordId: string; importId: string; format: ImportFormat; objectKey: string } | undefined {
  const [, landlordId, importId, extension] = keyPattern.exec(key) ?? [];
  if (!landlordId || !importId || !extension || !Object.hasOwn(extensions, extension)) return undefined;
  return { landlordId, importId, format: extensions[extension as keyof typeof extensions], objectKey: key };
}

const contentTypes: Record<ImportFormat, string> = { csv: 'text/csv; charset=utf-8', json: 'application/json' };

export interface ImportFiles {
  /** A URL that lets the landlord PUT one file at `key`, of the format's content type and of exactly `sizeBytes`. */
  presignUpload(
    key: string,
    format: ImportFormat,
    sizeBytes: number,
    expiresInSeconds: number,
  ): Promise<{ url: string; headers: Record<string, string> }>;
  /** Deletes an uploaded file (one over the size limit: it is never read). */
  remove(key: string): Promise<void>;
  /** The file's bytes, streamed. */
  read(key: string): AsyncIterable<Uint8Array>;
  writeReport(key: string, report: ImportReport): Promise<void>;
  presignReport(key: string, expiresInSeconds: number): Promise<string>;
}

/** The links the import routes hand out, signed without the S3 client (which those functions do not load). */
export function importFileLinks(bucketName: string): Pick<ImportFiles, 'presignUpload' | 'presignReport'> {
  const presigner = bucketPresigner(bucketName);
  return {
    async presignUpload(key, format, sizeBytes, expiresInSeconds) {
      const contentType = contentTypes[format];
      // Signing the content type and the length makes S3 refuse an upload of another type or
      // size than the one declared (and checked against the limit) in the request.
      const url = await presigner.presign({
        operation: 'PutObject',
        key,
        expiresInSeconds,
        signedHeaders: { 'Content-Type': contentType, 'Content-Length': String(sizeBytes) },
      });
      return { url, headers: { 'Content-Type': contentType } };
    },

    presignReport: (key, expiresInSeconds) => presigner.presign({ operation: 'GetObject', key, expiresInSeconds }),
  };
}

export function s3ImportFiles(s3: S3Client, bucketName: string): ImportFiles {
  return {
    ...importFileLinks(bucketName),

    async remove(key) {
      await s3.send(new DeleteObjectCommand({ Bucket: bucketName, Key: key }));
    },

    async *read(key) {
      const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucketName, Key: key }));
      if (!Body) return;
      yield* Body as AsyncIterable<Uint8Array>;
    },

    async writeReport(key, report) {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucketName,
          Key: key,
          Body: JSON.stringify(report, null, 2),
          ContentType: 'application/json; charset=utf-8',
        }),
      );
    },
  };
}
