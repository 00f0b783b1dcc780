import type { Principal } from '#shared/auth.ts';
import { importReportKey } from './import-files.ts';
import { writeChunk } from './import-chunk.ts';
import { ImportFileError, readRows, type RowError } from './import-rows.ts';
import { noCounts, type ImportCounts } from './import-schemas.ts';
import type { ImportJob } from './import-store.ts';
import type { ImportDeps } from './import-use-cases.ts';
import { validateRow, type ValidRow } from './import-validation.ts';

/**
 * Imports one file.
 * 1. Too large: refused whole, nothing read.
 * 2. Every row is read (streamed) and checked with the offer API's rules; a reference twice in
 *    the file refuses each of its rows. A file unreadable as a whole (empty, not UTF-8, missing
 *    or unknown columns, not CSV/JSON, too many rows) is refused before any write.
 * 3. The valid rows are written by chunks (`writeChunk`). Progress is saved after each chunk.
 * 4. The report (counts and every row error) is written next to the file, and the import
 *    record holds the counts and the first errors.
 */
export async function importFile(deps: ImportDeps, job: ImportJob): Promise<'imported' | 'failed'> {
  const counts: { -readonly [K in keyof ImportCounts]: ImportCounts[K] } = { ...noCounts };
  const errors: RowError[] = [];
  const finish = async (failure?: ImportFileError) => {
    errors.sort((a, b) => a.line - b.line);
    const finishedAt = deps.now().toISOString();
    const status = failure ? ('FAILED' as const) : ('DONE' as const);
    const reportKey = importReportKey(job.landlordId, job.importId);
    const failureView = failure ? { code: failure.code, message: failure.message } : undefined;
    await deps.files.writeReport(reportKey, {
      importId: job.importId,
      landlordId: job.landlordId,
      objectKey: job.objectKey,
      filename: job.filename,
      format: job.format,
      status,
      receivedAt: job.receivedAt ?? job.createdAt,
      finishedAt,
      counts,
      failure: failureView,
      errors,
    });
    await deps.imports.finish(job, {
      status,
      progress: { rowsDone: failure ? 0 : counts.read, rowsTotal: counts.read },
      counts,
      errors: errors.slice(0, deps.rules.errorsOnRecord),
      errorCount: errors.length,
      failure: failureView,
      reportKey,
      finishedAt,
    });
    return failure ? ('failed' as const) : ('imported' as const);
  };

  if ((job.sizeBytes ?? 0) > deps.rules.maxFileBytes) {
    // Never read, and not kept: the landlord is told to upload it again, split.
    await deps.files.remove(job.objectKey);
    const limit = Math.round(deps.rules.maxFileBytes / 1024 / 1024);
    return finish(
      new ImportFileError(
        'TOO_LARGE',
        `Le fichier dépasse la taille maximale de ${limit} Mio : il a été supprimé sans être lu ; découpez-le en plusieurs fichiers.`,
      ),
    );
  }

  let rows: ValidRow[];
  try {
    rows = await readValidRows(deps, job, counts, errors);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    errors.length = 0;
    Object.assign(counts, noCounts);
    return finish(error);
  }
  await deps.imports.saveProgress(job, { rowsDone: counts.rejected, rowsTotal: counts.read }, counts);

  const caller: Principal = { userId: job.requestedBy ?? `import:${job.importId}`, roles: ['landlord'], landlordId: job.landlordId };
  for (let start = 0; start < rows.length; start += deps.rules.chunkRows) {
    const chunk = rows.slice(start, start + deps.rules.chunkRows);
    const outcomes = await writeChunk(deps, job.landlordId, chunk, caller, errors);
    for (const outcome of outcomes) {
      if (outcome.result === 'rejected') counts.rejected += 1;
      else counts[outcome.result] += 1;
      if (outcome.published) counts.published += 1;
    }
    const done = counts.created + counts.updated + counts.unchanged + counts.rejected;
    await deps.imports.saveProgress(job, { rowsDone: done, rowsTotal: counts.read }, counts);
  }
  return finish();
}

/** Step 2: reads and checks every row; returns the valid ones, counting and recording the others. */
async function readValidRows(
  deps: ImportDeps,
  job: ImportJob,
  counts: { read: number; rejected: number },
  errors: RowError[],
): Promise<ValidRow[]> {
  const valid: ValidRow[] = [];
  const linesByReference = new Map<string, number[]>();
  for await (const row of readRows(job.format, deps.files.read(job.objectKey))) {
    counts.read += 1;
    if (counts.read > deps.rules.maxRows) {
      throw new ImportFileError(
        'TOO_MANY_ROWS',
        `Le fichier contient plus de ${deps.rules.maxRows} offres : découpez-le en plusieurs fichiers.`,
      );
    }
    const checked = validateRow(row);
    if (!checked.valid) {
      counts.rejected += 1;
      errors.push(...checked.errors);
      continue;
    }
    valid.push(checked.valid);
    const lines = linesByReference.get(checked.valid.externalReference);
    if (lines) lines.push(row.line);
    else linesByReference.set(checked.valid.externalReference, [row.line]);
  }
  return valid.filter((row) => {
    const lines = linesByReference.get(row.externalReference) ?? [row.line];
    if (lines.length === 1) return true;
    counts.rejected += 1;
    const others = lines.filter((line) => line !== row.line).join(', ');
    errors.push({
      line: row.line,
      externalReference: row.externalReference,
      field: 'externalReference',
      message: `Référence externe en double dans le fichier (aussi ligne${others.includes(',') ? 's' : ''} ${others}) : aucune de ces lignes n’est importée.`,
    });
    return false;
  });
}
