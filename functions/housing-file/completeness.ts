import type { Employee, EmployeeStore } from '#identity/employee-store.ts';
import { calendarDayIn } from '#shared/calendar.ts';
import { NotFoundError } from '#shared/errors.ts';
import { documentTypes, expiryDay, requiredDocumentTypes, type DocumentRules, type DocumentType } from './document-rules.ts';
import type { DocumentStatus } from './document-schemas.ts';
import type { DocumentStore } from './document-store.ts';

/** What completeness needs to know about a document. */
export interface DocumentFacts {
  readonly documentId: string;
  readonly type: DocumentType;
  readonly status: DocumentStatus;
  readonly receivedAt?: string;
}

export interface EmploymentFacts {
  readonly status: Employee['employment']['status'];
}

type MissingReason = 'absent' | 'expired' | 'employment-not-confirmed' | 'employment-rejected';

/** A missing piece of the file: a document type, or `employment` when the company has not confirmed it. */
export interface MissingItem {
  readonly type: DocumentType | 'employment';
  readonly reason: MissingReason;
}

export interface Completeness {
  readonly complete: boolean;
  readonly missing: MissingItem[];
}

/** Received documents, newest receipt first (ties broken by id, so the order is stable). */
const newestFirst = (a: DocumentFacts, b: DocumentFacts) =>
  (b.receivedAt ?? '').localeCompare(a.receivedAt ?? '') || b.documentId.localeCompare(a.documentId);

/**
 * The document that stands for each type: the most recently received one. A newer upload
 * supersedes an older one even when the older is still valid, since it is what the employee
 * now presents.
 */
export function currentDocuments<D extends DocumentFacts>(documents: readonly D[]): Map<DocumentType, D> {
  const current = new Map<DocumentType, D>();
  for (const document of documents.filter((d) => d.status === 'RECEIVED' && d.receivedAt).sort(newestFirst)) {
    if (!current.has(document.type)) current.set(document.type, document);
  }
  return current;
}

/** The first day on which a received document no longer counts; undefined when it never expires. */
export function documentExpiry(document: DocumentFacts, rules: DocumentRules): string | undefined {
  if (!document.receivedAt) return undefined;
  return expiryDay(rules.types[document.type].validity, calendarDayIn(rules.timeZone, new Date(document.receivedAt)));
}

export function isExpired(document: DocumentFacts, now: Date, rules: DocumentRules): boolean {
  const expiresOn = documentExpiry(document, rules);
  return expiresOn !== undefined && calendarDayIn(rules.timeZone, now) >= expiresOn;
}

/**
 * Rule R6: a file is complete when, for every required type, the current document is received
 * and not expired, and the employer has confirmed the employment. Every gap is listed, in the
 * catalogue's order, employment last.
 */
export function assessCompleteness(
  documents: readonly DocumentFacts[],
  employment: EmploymentFacts,
  now: Date,
  rules: DocumentRules,
): Completeness {
  const current = currentDocuments(documents);
  const missing: MissingItem[] = [];
  for (const type of requiredDocumentTypes(rules)) {
    const document = current.get(type);
    if (!document) missing.push({ type, reason: 'absent' });
    else if (isExpired(document, now, rules)) missing.push({ type, reason: 'expired' });
  }
  // A rejection is the employer's answer, not a wait: the employee must be able to tell them apart.
  if (employment.status === 'REJECTED') missing.push({ type: 'employment', reason: 'employment-rejected' });
  else if (employment.status !== 'CONFIRMED') missing.push({ type: 'employment', reason: 'employment-not-confirmed' });
  return { complete: missing.length === 0, missing };
}

export interface CompletenessDeps {
  readonly documents: Pick<DocumentStore, 'list'>;
  readonly employees: Pick<EmployeeStore, 'get'>;
  readonly rules: DocumentRules;
  readonly now: () => Date;
}

/**
 * The completeness of an employee's file, for whoever must refuse an incomplete one (rule R6:
 * "Je postule").
 * 1. Read the employee (employment status) and the file's documents, in parallel.
 * 2. No employee: 404.
 * 3. Assess with the rules at the current time.
 */
export async function fileCompleteness(deps: CompletenessDeps, employeeId: string): Promise<Completeness> {
  const [employee, documents] = await Promise.all([deps.employees.get(employeeId), deps.documents.list(employeeId)]);
  if (!employee) throw new NotFoundError('Dossier introuvable.');
  return assessCompleteness(documents, employee.employment, deps.now(), deps.rules);
}

/** Catalogue position of a type, to list documents in a stable, meaningful order. */
export const typeOrder = (type: DocumentType) => documentTypes.indexOf(type);
