import * as z from 'zod';
import { documentRules, documentTypes, type DocumentRules } from './document-rules.ts';

export const documentTypeSchema = z.enum(documentTypes).meta({
  description:
    'identity, tax-notice, payslip-1..3 (les trois derniers bulletins), employer-attestation et nud-certificate sont exigés ; ' +
    'proof-of-address, rent-receipts, family-record, disability-card, residence-permit et les justificatifs des critères prioritaires ' +
    '(mobility-proof, temporary-accommodation-proof, domestic-violence-proof, first-job-proof) sont facultatifs',
});

/**
 * - `REQUESTED`: an upload URL was handed out, nothing arrived yet;
 * - `RECEIVED`: the object arrived with the size that was signed into the URL;
 * - `REJECTED`: an object arrived under the key with another size (S3 refuses such an upload
 *   when the signature covers the length; this guards stand-ins that do not check signatures).
 */
export const documentStatusSchema = z.enum(['REQUESTED', 'RECEIVED', 'REJECTED']);
export type DocumentStatus = z.output<typeof documentStatusSchema>;

const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} Mo`;

/** The upload request, with the limits of the given rules. */
function documentUploadRequestSchema(rules: DocumentRules) {
  const { contentTypes, maxSizeBytes } = rules.upload;
  const [first, ...others] = contentTypes;
  if (!first) throw new Error('At least one accepted content type is required');
  return z.strictObject({
    type: documentTypeSchema,
    contentType: z
      .enum([first, ...others], { error: `Format non accepté : ${contentTypes.join(', ')}.` })
      .meta({ description: 'Type MIME du fichier ; à renvoyer tel quel dans l’en-tête Content-Type du PUT' }),
    sizeBytes: z
      .int({ error: 'Taille en octets attendue (nombre entier).' })
      .min(1, { error: 'Le fichier est vide.' })
      .max(maxSizeBytes, { error: `Le fichier dépasse la taille maximale de ${megabytes(maxSizeBytes)}.` })
      .meta({ description: 'Taille exacte du fichier, signée dans l’URL' }),
    filename: z.string().trim().min(1).max(200).optional().meta({ description: 'Nom affiché du fichier' }),
  });
}

export const documentUploadRequestBody = documentUploadRequestSchema(documentRules);
export type DocumentUploadRequest = z.output<typeof documentUploadRequestBody>;

export const documentUploadSchema = z.object({
  documentId: z.string(),
  type: documentTypeSchema,
  status: z.literal('REQUESTED'),
  upload: z.object({
    method: z.literal('PUT'),
    url: z.url(),
    headers: z.record(z.string(), z.string()).meta({ description: 'En-têtes à envoyer avec le PUT' }),
    expiresAt: z.iso.datetime(),
  }),
});
export type DocumentUpload = z.input<typeof documentUploadSchema>;

const missingItemSchema = z.object({
  type: z.union([documentTypeSchema, z.literal('employment')]),
  reason: z.enum(['absent', 'expired', 'employment-not-confirmed', 'employment-rejected']),
});

const completenessSchema = z.object({
  complete: z.boolean(),
  missing: z.array(missingItemSchema),
});

const documentViewSchema = z.object({
  documentId: z.string(),
  type: documentTypeSchema,
  required: z.boolean(),
  status: documentStatusSchema,
  contentType: z.string(),
  sizeBytes: z.int(),
  filename: z.string().optional(),
  requestedAt: z.iso.datetime(),
  receivedAt: z.iso.datetime().optional(),
  expiresOn: z.iso.date().optional().meta({ description: 'Premier jour où la pièce ne compte plus' }),
  expired: z.boolean(),
  current: z.boolean().meta({ description: 'La pièce retenue pour ce type (la plus récente reçue)' }),
});
export type DocumentView = z.input<typeof documentViewSchema>;

export const documentListSchema = z.object({
  documents: z.array(documentViewSchema),
  completeness: completenessSchema,
});
export type DocumentList = z.input<typeof documentListSchema>;
