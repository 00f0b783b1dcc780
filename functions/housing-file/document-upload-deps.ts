import { randomUUID } from 'node:crypto';
import { config } from '#shared/config.ts';
import { documentDeps } from './document-deps.ts';
import { s3UploadSigner } from './document-uploads.ts';
import type { DocumentDeps } from './document-use-cases.ts';

/** The documents' dependencies with what requesting an upload adds: presigned PUTs and new ids. */
export const documentUploadDeps: DocumentDeps = {
  ...documentDeps,
  uploads: s3UploadSigner(config.bucketName),
  newId: randomUUID,
};
