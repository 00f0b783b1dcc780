import { describe, expect, it } from 'vitest';
import type { Company } from '#companies/company-store.ts';
import { documentRules, requiredDocumentTypes } from '#housing-file/document-rules.ts';
import type { StoredDocument } from '#housing-file/document-store.ts';
import { situationRules } from '#housing-file/situation-rules.ts';
import { closeCheck, type CloseCheckFile } from '#lifecycle/close-check.ts';
import { companyEligibilityRules } from '#shared/business-rules.ts';
import { employeeRecord } from '../support/fixtures.ts';

/** Issue #13 item 2: the re-check at the close applies the rules of "Je postule" and of company eligibility, at `closesAt`. */
const closesAt = new Date('2026-06-19T08:00:00Z');
const rules = { documents: documentRules, situation: situationRules, companies: companyEligibilityRules };
const employee = employeeRecord();

const received = (type: StoredDocument['type'], receivedAt: string): StoredDocument => ({
  employeeId: employee.id,
  documentId: `d-${type}`,
  type,
  status: 'RECEIVED',
  contentType: 'application/pdf',
  sizeBytes: 1000,
  requestedAt: receivedAt,
  receivedAt,
});

const complete = requiredDocumentTypes(documentRules).map((type) => received(type, '2026-06-01T08:00:00Z'));

const file = (changes: Partial<CloseCheckFile> & { lastRenewedOn?: string } = {}): CloseCheckFile => ({
  employee,
  documents: complete,
  ...changes,
  situation: {
    employeeId: employee.id,
    nud: employee.nud,
    siret: employee.siret,
    nudDates: { firstRegisteredOn: '2025-01-10', lastRenewedOn: changes.lastRenewedOn ?? '2026-01-10' },
  },
});

const company: Company = {
  siret: employee.siret,
  name: 'Entreprise',
  sector: 'private',
  headcount: 50,
  contributor: true,
  lastContributionEuros: 10_000,
  lastContributionYear: 2025,
  declaredAt: '2026-01-01T00:00:00Z',
  declaredBy: 'hr',
};

const codes = (...args: Parameters<typeof closeCheck>) => closeCheck(...args).map((reason) => reason.code);

describe('the re-check at the close', () => {
  it('passes a file that still meets every condition', () => {
    expect(closeCheck(file(), company, closesAt, rules)).toEqual([]);
  });

  it('fails a file whose payslip expired between applying and the close, naming the piece', () => {
    // Received on 2026-03-10: valid 3 months, so expired on 2026-06-10, before the close.
    const documents = complete.map((document) =>
      document.type === 'payslip-1' ? received('payslip-1', '2026-03-10T08:00:00Z') : document,
    );
    const reasons = closeCheck(file({ documents }), company, closesAt, rules);
    expect(reasons.map((reason) => reason.code)).toEqual(['FILE_INCOMPLETE']);
    expect(reasons[0]!.message).toContain('Pièce expirée : Bulletin de salaire (le plus récent)');
    // The same file checked when it was still valid passes: the verdict is taken at closesAt.
    expect(closeCheck(file({ documents }), company, new Date('2026-06-05T08:00:00Z'), rules)).toEqual([]);
  });

  it('fails a NUD that lapsed before the close', () => {
    expect(codes(file({ lastRenewedOn: '2025-06-01' }), company, closesAt, rules)).toEqual(['NUD_INVALID']);
  });

  it('fails an employment no longer confirmed, and tells a rejection apart', () => {
    expect(codes(file({ employee: { ...employee, employment: { status: 'PENDING' } } }), company, closesAt, rules)).toEqual([
      'EMPLOYMENT_NOT_CONFIRMED',
    ]);
    const rejected = closeCheck(file({ employee: { ...employee, employment: { status: 'REJECTED' } } }), company, closesAt, rules);
    expect(rejected[0]!.message).toContain('Votre employeur n’a pas confirmé votre emploi');
    expect(rejected[0]!.message).not.toContain('pas encore');
  });

  it('fails a company that is no longer eligible (or is gone), with the criterion it fails', () => {
    const small = closeCheck(file(), { ...company, headcount: 4 }, closesAt, rules);
    expect(small.map((reason) => reason.code)).toEqual(['COMPANY_NOT_ELIGIBLE']);
    expect(small[0]!.message).toContain('4 salarié(s) pour un minimum de 10');
    expect(codes(file(), { ...company, contributor: false }, closesAt, rules)).toEqual(['COMPANY_NOT_ELIGIBLE']);
    expect(codes(file(), undefined, closesAt, rules)).toEqual(['COMPANY_NOT_ELIGIBLE']);
  });

  it('lists every failure at once', () => {
    const documents = complete.filter((document) => document.type !== 'identity');
    expect(
      codes(
        file({ documents, lastRenewedOn: '2024-01-01', employee: { ...employee, employment: { status: 'PENDING' } } }),
        { ...company, headcount: 1 },
        closesAt,
        rules,
      ),
    ).toEqual(['NUD_INVALID', 'FILE_INCOMPLETE', 'EMPLOYMENT_NOT_CONFIRMED', 'COMPANY_NOT_ELIGIBLE']);
  });
});
