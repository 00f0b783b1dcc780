import * as z from 'zod';
import { pageCursorSchema } from '#shared/page-cursor.ts';
import { importRules } from './import-rules.ts';

/** Shapes of the landlord's import routes and of the report written next to the file. */

export const importFormatSchema = z.enum(['csv', 'json'], { error: 'Format attendu : csv ou json.' }).meta({
  description:
    'csv : « ; » ou « , », UTF-8 avec ou sans BOM, une ligne d’en-tête ; json : un tableau d’offres ou une offre par ligne (NDJSON)',
});
export type ImportFormat = z.output<typeof importFormatSchema>;

const importIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, 'Identifiant d’import invalide.')
  .meta({
    description: 'Identifiant de l’import : celui rendu par POST /landlord/imports, ou le nom du fichier déposé sans son extension',
  });

/** `POST /landlord/imports`. */
export const importRequestSchema = z.strictObject({
  format: importFormatSchema,
  filename: z
    .string({ error: (issue) => (issue.input === undefined ? 'Champ obligatoire.' : 'Nom de fichier attendu (texte).') })
    .trim()
    .min(1, 'Ne doit pas être vide.')
    .max(200, 'Au plus 200 caractères.')
    .meta({ description: 'Nom du fichier chez le bailleur, rappelé dans le rapport' }),
  sizeBytes: z
    .int({ error: (issue) => (issue.input === undefined ? 'Champ obligatoire.' : 'Taille en octets attendue (nombre entier).') })
    .min(0, 'Taille en octets attendue (nombre positif).')
    .max(
      importRules.maxFileBytes,
      `Le fichier dépasse la taille maximale de ${Math.round(importRules.maxFileBytes / 1024 / 1024)} Mio : découpez-le en plusieurs fichiers.`,
    )
    .meta({ description: 'Taille exacte du fichier en octets, signée dans l’URL de dépôt' }),
});
export type ImportRequest = z.output<typeof importRequestSchema>;

export const importParamsSchema = z.object({ importId: importIdSchema });

export const importListQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(importRules.pageSize.max)
    .default(importRules.pageSize.default)
    .meta({ description: `Taille de page (1 à ${importRules.pageSize.max}, ${importRules.pageSize.default} par défaut)` }),
  cursor: pageCursorSchema.optional(),
});
export type ImportListQuery = z.output<typeof importListQuerySchema>;

export const importStatusSchema = z.enum(['AWAITING_UPLOAD', 'RECEIVED', 'IMPORTING', 'DONE', 'FAILED']).meta({
  description:
    'AWAITING_UPLOAD : URL de dépôt remise, fichier pas encore reçu ; RECEIVED : fichier reçu pour un préfixe sans bailleur, non importé ; ' +
    'IMPORTING : lecture puis écriture des offres ; DONE : terminé, voir le rapport (des lignes peuvent être refusées) ; FAILED : fichier refusé en entier',
});

export const importCountsSchema = z.object({
  read: z.int().min(0).meta({ description: 'Lignes d’offre lues (hors en-tête)' }),
  created: z.int().min(0),
  updated: z.int().min(0),
  unchanged: z.int().min(0),
  published: z.int().min(0),
  rejected: z.int().min(0).meta({ description: 'Lignes refusées, chacune avec au moins une erreur' }),
});
export type ImportCounts = z.output<typeof importCountsSchema>;
export const noCounts: ImportCounts = { read: 0, created: 0, updated: 0, unchanged: 0, published: 0, rejected: 0 };

export const rowErrorSchema = z.object({
  line: z.int().min(1).meta({ description: 'Ligne du fichier (1 = en-tête CSV)' }),
  externalReference: z.string().optional(),
  field: z.string().optional().meta({ description: 'Colonne (CSV) ou clé (JSON) concernée' }),
  message: z.string(),
});

export const importFailureSchema = z.object({ code: z.string(), message: z.string() });

export const importProgressSchema = z.object({
  rowsDone: z.int().min(0),
  rowsTotal: z.int().min(0).optional().meta({ description: 'Connu une fois le fichier lu' }),
});

/** What a landlord sees of an import. */
export const importViewSchema = z.object({
  importId: z.string(),
  format: importFormatSchema,
  filename: z.string().optional(),
  status: importStatusSchema,
  createdAt: z.iso.datetime(),
  receivedAt: z.iso.datetime().optional(),
  finishedAt: z.iso.datetime().optional(),
  sizeBytes: z.int().min(0).optional(),
  progress: importProgressSchema,
  counts: importCountsSchema,
  failure: importFailureSchema.optional().meta({ description: 'Pourquoi le fichier entier est refusé (FAILED)' }),
  errors: z
    .array(rowErrorSchema)
    .meta({ description: `Erreurs par ligne, les ${importRules.errorsOnRecord} premières (toutes dans le rapport)` }),
  errorCount: z.int().min(0),
  reportUrl: z
    .url()
    .optional()
    .meta({ description: 'Rapport complet (JSON) à télécharger, une fois l’import terminé ; lien valable 15 minutes' }),
});
export type ImportView = z.input<typeof importViewSchema>;

export const importPageSchema = z.object({
  imports: z.array(importViewSchema.omit({ errors: true, reportUrl: true })),
  cursor: z.string().optional().meta({ description: 'Absent sur la dernière page' }),
});
export type ImportPage = z.input<typeof importPageSchema>;

/** `POST /landlord/imports` answer: where to PUT the file. */
export const importUploadSchema = z.object({
  importId: z.string(),
  status: importStatusSchema,
  objectKey: z.string().meta({ description: 'Clé S3 du fichier, sous le préfixe du bailleur' }),
  upload: z.object({
    method: z.literal('PUT'),
    url: z.url(),
    headers: z.record(z.string(), z.string()).meta({ description: 'En-têtes à envoyer tels quels avec le PUT' }),
    expiresAt: z.iso.datetime(),
  }),
  maxSizeBytes: z.int(),
});
export type ImportUpload = z.input<typeof importUploadSchema>;

/** The report file written next to the imported file (`<file>.report.json`). */
const importReportSchema = z.object({
  importId: z.string(),
  landlordId: z.string(),
  objectKey: z.string(),
  filename: z.string().optional(),
  format: importFormatSchema,
  status: importStatusSchema,
  receivedAt: z.string(),
  finishedAt: z.string(),
  counts: importCountsSchema,
  failure: importFailureSchema.optional(),
  errors: z.array(rowErrorSchema),
});
export type ImportReport = z.output<typeof importReportSchema>;
