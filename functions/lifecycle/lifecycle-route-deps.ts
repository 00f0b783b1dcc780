import { applicationStore } from '#applications/application-store.ts';
import { documentObjectKey } from '#housing-file/document-store.ts';
import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { bucketPresigner } from '#shared/presign.ts';
import { lifecycleDeps } from './lifecycle-deps.ts';
import type { CandidateFiles, LifecycleRouteDeps } from './lifecycle-use-cases.ts';

/** Document links for the commission expire quickly: they carry the function's read right. */
const downloadSeconds = 300;

const applicants = applicationStore(dynamodb, config.tableName);
const documents = bucketPresigner(config.bucketName);

const candidateFiles: CandidateFiles = {
  async files(employeeIds) {
    const files = await Promise.all(employeeIds.map(async (id) => [id, await applicants.applicantFile(id)] as const));
    return new Map(files.flatMap(([id, file]) => (file ? [[id, file]] : [])));
  },
  downloadUrl: (document) =>
    documents.presign({ operation: 'GetObject', key: documentObjectKey(document), expiresInSeconds: downloadSeconds }),
};

export const lifecycleRouteDeps: LifecycleRouteDeps = { ...lifecycleDeps, candidateFiles };
