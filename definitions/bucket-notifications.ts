import type { FunctionNeeds } from '#shared/route.ts';
/**
 * S3 notification rules of the uploads bucket: which object-created keys start which function.
 * The stateless CDK stack subscribes each function to the bucket; the local cloud
 * routes s3rver's events through the same rules.
 */
export interface BucketNotificationRule {
  readonly prefix: string;
  readonly suffix?: string;
  /** Lambda entry relative to `functions/`; it exports `handler`, called with an S3 event. */
  readonly handler: string;
  readonly description: string;
  /** What the function calls; its IAM policy is derived from this. */
  readonly needs: FunctionNeeds;
}

/** Key prefixes of the uploads bucket; every writer builds keys from these. */
export const bucketPrefixes = {
  imports: 'imports/',
  documents: 'documents/',
} as const;

/** Lambda timeout of a function started by an upload: an import file of thousands of offers. */
export const uploadFunctionTimeoutSeconds = 300;

export const bucketNotifications = {
  importReceived: {
    prefix: bucketPrefixes.imports,
    handler: 'imports/handlers/receive-import.ts',
    needs: {
      table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'BatchWriteItem'],
      indexes: ['GSI1', 'GSI2'],
      bucket: { read: ['imports/*'], put: ['imports/*.report.json'], delete: ['imports/*.csv', 'imports/*.json'] },
      lifecycle: ['StartExecution'],
    },
    description: 'Enregistre un fichier d’offres déposé par un bailleur',
  },
  documentReceived: {
    prefix: bucketPrefixes.documents,
    handler: 'housing-file/handlers/document-received.ts',
    needs: { table: ['GetItem', 'UpdateItem'] },
    description: 'Marque reçue une pièce justificative déposée par un salarié',
  },
} as const satisfies Record<string, BucketNotificationRule>;

/** True when an object key matches a rule, exactly as S3 filters notifications. */
export function matchesRule(rule: BucketNotificationRule, key: string): boolean {
  return key.startsWith(rule.prefix) && (rule.suffix === undefined || key.endsWith(rule.suffix));
}
