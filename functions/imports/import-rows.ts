import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { offerFieldSchemas } from '#offers/offer-schemas.ts';
import type { ImportFormat } from './import-schemas.ts';

/**
 * Reading an offer file into rows, streamed: CSV through csv-parse, JSON (an array of objects, or
 * one object per line) through a small scanner that cuts the text into top-level values, so a
 * file is never held whole in memory. What makes the whole file unreadable is an
 * `ImportFileError`; what spoils one row is that row's error, and the other rows go on.
 */

export interface RowError {
  /** Line of the file where the row is (1 = first line, the CSV header). */
  readonly line: number;
  readonly externalReference?: string;
  /** Column (CSV) or key (JSON) concerned, when one is. */
  readonly field?: string;
  readonly message: string;
}

/** A row as read: its values by column name, or why it could not be read. */
export type FileRow =
  | { readonly line: number; readonly values: Record<string, unknown>; readonly errors: readonly RowError[] }
  | { readonly line: number; readonly values?: undefined; readonly errors: readonly RowError[] };

export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
  constructor(
    readonly code:
      | 'EMPTY_FILE'
      | 'ENCODING'
      | 'MISSING_COLUMNS'
      | 'UNKNOWN_COLUMNS'
      | 'NOT_CSV'
      | 'NOT_JSON'
      | 'TOO_LARGE'
      | 'TOO_MANY_ROWS',
    message: string,
  ) {
    super(message);
  }
}

/** The columns of a file: the offer API's fields, and `publish`. */
export const publishColumn = 'publish';
const importColumns = ['externalReference', ...Object.keys(offerFieldSchemas), publishColumn] as const;

const numberColumns = new Set([
  'rooms',
  'bedrooms',
  'surfaceM2',
  'floor',
  'rentEuros',
  'chargesEuros',
  'rentWithChargesEuros',
  'depositEuros',
]);
const booleanColumns = new Set(['elevator', publishColumn]);
const listColumns = new Set(['reservedForSirets']);

const invalidUtf8 = '\uFFFD';
const encodingMessage = 'Caractère illisible : le fichier n’est pas encodé en UTF-8 (enregistrez-le en « CSV UTF-8 »).';

/** Reads the rows of a file; throws `ImportFileError` when the file as a whole cannot be read. */
export async function* readRows(format: ImportFormat, chunks: AsyncIterable<Uint8Array>): AsyncGenerator<FileRow> {
  const source = checkedStart(chunks);
  if (format === 'csv') yield* readCsv(source);
  else yield* readJson(source);
}

/**
 * Refuses what no row can come from (nothing at all, UTF-16, binary data) by looking at the
 * first bytes, then hands every byte on.
 */
async function* checkedStart(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  let started = false;
  for await (const chunk of chunks) {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (bytes.length === 0) continue;
    if (!started) {
      started = true;
      if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
        throw new ImportFileError('ENCODING', 'Le fichier est encodé en UTF-16 : enregistrez-le en UTF-8.');
      }
      if (bytes.subarray(0, 4096).includes(0)) {
        throw new ImportFileError(
          'ENCODING',
          'Le fichier contient des données binaires : un fichier texte CSV ou JSON en UTF-8 est attendu.',
        );
      }
    }
    yield bytes;
  }
  if (!started) throw new ImportFileError('EMPTY_FILE', 'Le fichier est vide.');
}

// --- CSV ----------------------------------------------------------------------------------------

/** `;` or `,`, whichever the header line uses more (a French spreadsheet writes `;`). */
function delimiterOf(headerLine: string): ';' | ',' {
  const count = (character: string) => headerLine.split(character).length - 1;
  return count(';') >= count(',') ? ';' : ',';
}

async function* readCsv(source: AsyncGenerator<Buffer>): AsyncGenerator<FileRow> {
  // The header line decides the delimiter: read up to its end before parsing.
  const head: Buffer[] = [];
  let headLength = 0;
  let next = await source.next();
  while (!next.done) {
    head.push(next.value);
    headLength += next.value.length;
    if (next.value.includes(0x0a) || headLength > 64 * 1024) break;
    next = await source.next();
  }
  const start = Buffer.concat(head);
  const firstLine = start.toString('utf8', 0, start.includes(0x0a) ? start.indexOf(0x0a) : start.length);
  async function* rest() {
    yield start;
    for await (const chunk of source) yield chunk;
  }

  const skipped: { line: number; message: string }[] = [];
  let lastLine = 0;
  const parser = Readable.from(rest()).pipe(
    parse({
      delimiter: delimiterOf(firstLine),
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: 64 * 1024,
      skip_records_with_error: true,
      on_skip: (error) => {
        skipped.push({ line: lastLine + 1, message: csvErrorMessage(error?.code, (error as { lines?: number } | undefined)?.lines) });
        return undefined;
      },
    }),
  );

  let header: string[] | undefined;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    for (const skip of skipped.splice(0)) yield { line: skip.line, errors: [{ line: skip.line, message: skip.message }] };
    lastLine = info.lines;
    if (!header) {
      header = checkHeader(record);
      continue;
    }
    yield csvRow(header, record, info.lines);
  }
  for (const skip of skipped.splice(0)) yield { line: skip.line, errors: [{ line: skip.line, message: skip.message }] };
  if (!header)
    throw new ImportFileError('EMPTY_FILE', 'Le fichier est vide : une ligne d’en-tête puis une ligne par offre sont attendues.');
}

function csvErrorMessage(code: string | undefined, until: number | undefined): string {
  if (code === 'CSV_QUOTE_NOT_CLOSED' || code === 'CSV_INVALID_CLOSING_QUOTE') {
    return `Ligne illisible : guillemet mal fermé${until ? ` (jusqu’à la ligne ${until})` : ''}.`;
  }
  if (code === 'CSV_MAX_RECORD_SIZE') return 'Ligne illisible : trop longue (64 Kio au plus).';
  return 'Ligne illisible au format CSV.';
}

/** The header must name `externalReference` and only known columns, each once (case and spaces ignored). */
function checkHeader(record: string[]): string[] {
  const known = new Map(importColumns.map((column) => [column.toLowerCase(), column]));
  const header = record.map((cell) => cell.replace(/^\uFEFF/, '').trim());
  if (header.some((cell) => cell.includes(invalidUtf8))) throw new ImportFileError('ENCODING', encodingMessage);
  const unknown = header.filter((cell) => !known.has(cell.toLowerCase()));
  const names = header.map((cell) => known.get(cell.toLowerCase()) ?? cell);
  if (!names.includes('externalReference')) {
    const looksLikeCsv = header.length > 1 || unknown.length === 0;
    throw new ImportFileError(
      looksLikeCsv ? 'MISSING_COLUMNS' : 'NOT_CSV',
      looksLikeCsv
        ? 'Colonne obligatoire absente de la ligne d’en-tête : externalReference.'
        : 'Le fichier n’est pas un CSV lisible : une ligne d’en-tête avec les noms de colonnes, séparés par « ; » ou « , », est attendue.',
    );
  }
  if (unknown.length > 0) {
    throw new ImportFileError(
      'UNKNOWN_COLUMNS',
      `Colonnes inconnues : ${unknown.join(', ')}. Colonnes possibles : ${importColumns.join(', ')}.`,
    );
  }
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  if (repeated.length > 0) throw new ImportFileError('UNKNOWN_COLUMNS', `Colonnes en double : ${[...new Set(repeated)].join(', ')}.`);
  return names;
}

function csvRow(header: string[], record: string[], line: number): FileRow {
  const reference = record[header.indexOf('externalReference')]?.trim() || undefined;
  const error = (message: string, field?: string): RowError => ({ line, externalReference: reference, field, message });
  if (record.length !== header.length) {
    return {
      line,
      errors: [error(`${record.length} colonne${record.length > 1 ? 's' : ''} au lieu de ${header.length} (celles de l’en-tête).`)],
    };
  }
  const values: Record<string, unknown> = {};
  const errors: RowError[] = [];
  header.forEach((column, index) => {
    const raw = record[index];
    if (raw === undefined) throw new Error(`CSV line ${line} has no cell for column ${column} although its length matches the header.`);
    const cell = raw.trim();
    if (cell.includes(invalidUtf8)) {
      errors.push(error(encodingMessage, column));
      return;
    }
    if (cell === '') return;
    const converted = cellValue(column, cell);
    if ('message' in converted) errors.push(error(converted.message, column));
    else values[column] = converted.value;
  });
  return { line, values, errors };
}

/** A CSV cell as the JSON value the offer API expects; numbers may use a decimal comma. */
function cellValue(column: string, cell: string): { value: unknown } | { message: string } {
  if (numberColumns.has(column)) {
    const normalized = cell.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
    return /^-?\d+(\.\d+)?$/.test(normalized) ? { value: Number(normalized) } : { message: 'Nombre attendu (ex. 620,50 ou 620.50).' };
  }
  if (booleanColumns.has(column)) {
    const answer = cell.toLowerCase();
    if (['oui', 'true', 'vrai', '1', 'o', 'yes'].includes(answer)) return { value: true };
    if (['non', 'false', 'faux', '0', 'n', 'no'].includes(answer)) return { value: false };
    return { message: 'Oui ou non attendu (oui/non, true/false, 1/0).' };
  }
  if (listColumns.has(column)) return { value: cell.split(/[|\s]+/).filter(Boolean) };
  return { value: cell };
}

// --- JSON ---------------------------------------------------------------------------------------

/**
 * Top-level values of a JSON text: the elements of one array, or values one after the other
 * (NDJSON). Each value's text is parsed alone, so a broken one spoils only its row.
 */
async function* readJson(source: AsyncGenerator<Buffer>): AsyncGenerator<FileRow> {
  const decoder = new TextDecoder('utf-8');
  let mode: 'unknown' | 'array' | 'lines' | 'closed' = 'unknown';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  let value = '';
  let valueLine = 0;
  let first = true;
  let trailing = false;

  const finish = (): FileRow | undefined => {
    const text = value.trim();
    value = '';
    if (text === '') return undefined;
    return jsonRow(text, valueLine);
  };

  for await (const chunk of source) {
    let text = decoder.decode(chunk, { stream: true });
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    for (let index = 0; index < text.length; index += 1) {
      const character = text.charAt(index);
      if (character === '\n') line += 1;
      if (mode === 'closed') {
        if (!/\s/.test(character)) trailing = true;
        continue;
      }
      if (mode === 'unknown') {
        if (/\s/.test(character)) continue;
        if (character === '[') {
          mode = 'array';
          continue;
        }
        if (character === '{') mode = 'lines';
        else
          throw new ImportFileError(
            'NOT_JSON',
            'Le fichier n’est pas un JSON lisible : un tableau d’offres [ {…}, {…} ] ou une offre {…} par ligne est attendu.',
          );
      }
      if (inString) {
        value += character;
        if (escaped) escaped = false;
        else if (character === '\\') escaped = true;
        else if (character === '"') inString = false;
        continue;
      }
      const atTop = depth === 0;
      if (atTop && mode === 'array' && (character === ',' || character === ']')) {
        const row = finish();
        if (row) yield row;
        if (character === ']') mode = 'closed';
        continue;
      }
      if (value.trim() === '' && !/\s/.test(character)) valueLine = line;
      if (character === '"') inString = true;
      else if (character === '{' || character === '[') depth += 1;
      else if (character === '}' || character === ']') depth = Math.max(0, depth - 1);
      value += character;
      if (mode === 'lines' && depth === 0 && (character === '}' || character === ']')) {
        const row = finish();
        if (row) yield row;
      } else if (mode === 'lines' && atTop && character === '\n') {
        const row = finish();
        if (row) yield row;
      }
    }
  }
  if (mode === 'unknown') throw new ImportFileError('EMPTY_FILE', 'Le fichier est vide : aucune offre.');
  const rest = finish();
  if (rest) {
    yield mode === 'array'
      ? {
          line: rest.line,
          errors: [{ line: rest.line, message: 'Offre incomplète : le tableau JSON n’est pas fermé (fichier tronqué ?).' }],
        }
      : rest;
  } else if (mode === 'array') {
    yield { line, errors: [{ line, message: 'Le tableau JSON n’est pas fermé par « ] » (fichier tronqué ?).' }] };
  }
  if (trailing) yield { line, errors: [{ line, message: 'Texte en trop après la fin du tableau JSON.' }] };
}

function jsonRow(text: string, line: number): FileRow {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return { line, errors: [{ line, message: 'Offre illisible : JSON invalide.' }] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { line, errors: [{ line, message: 'Un objet JSON {…} est attendu pour chaque offre.' }] };
  }
  const values = parsed as Record<string, unknown>;
  const reference = typeof values.externalReference === 'string' ? values.externalReference.trim() : undefined;
  const unreadable = Object.entries(values)
    .filter(([, cell]) => typeof cell === 'string' && cell.includes(invalidUtf8))
    .map(([field]): RowError => ({ line, externalReference: reference, field, message: encodingMessage }));
  return { line, values, errors: unreadable };
}
