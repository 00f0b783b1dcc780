import { describe, expect, it } from 'vitest';
import { assessCompleteness, currentDocuments, documentExpiry, type DocumentFacts } from '#housing-file/completeness.ts';
import { documentRules, expiryDay, requiredDocumentTypes, type DocumentType } from '#housing-file/document-rules.ts';
import { addMonths } from '#shared/calendar.ts';

const now = new Date('2026-06-15T10:00:00Z');
const confirmed = { status: 'CONFIRMED' } as const;

let sequence = 0;
const received = (type: DocumentType, receivedAt = '2026-06-01T08:00:00Z'): DocumentFacts => {
  sequence += 1;
  return { documentId: `doc-${sequence}`, type, status: 'RECEIVED', receivedAt };
};
const allRequired = () => requiredDocumentTypes(documentRules).map((type) => received(type));

describe('assessCompleteness', () => {
  it('finds a file complete when every required type is received, valid, and employment is confirmed', () => {
    expect(assessCompleteness(allRequired(), confirmed, now, documentRules)).toEqual({ complete: true, missing: [] });
  });

  it('does not demand the optional types', () => {
    const optional = documentRules.types['disability-card'];
    expect(optional.required).toBe(false);
    expect(requiredDocumentTypes(documentRules)).toEqual([
      'identity',
      'tax-notice',
      'payslip-1',
      'payslip-2',
      'payslip-3',
      'employer-attestation',
      'nud-certificate',
    ]);
  });

  it('names one payslip that is absent', () => {
    const documents = allRequired().filter((document) => document.type !== 'payslip-2');
    expect(assessCompleteness(documents, confirmed, now, documentRules)).toEqual({
      complete: false,
      missing: [{ type: 'payslip-2', reason: 'absent' }],
    });
  });

  it('counts a requested upload that never arrived as absent', () => {
    const documents = allRequired().map((document) =>
      document.type === 'identity' ? { ...document, status: 'REQUESTED' as const, receivedAt: undefined } : document,
    );
    expect(assessCompleteness(documents, confirmed, now, documentRules).missing).toEqual([{ type: 'identity', reason: 'absent' }]);
  });

  it('does not count a rejected upload', () => {
    const documents = allRequired().map((document) =>
      document.type === 'identity' ? { ...document, status: 'REJECTED' as const } : document,
    );
    expect(assessCompleteness(documents, confirmed, now, documentRules).missing).toEqual([{ type: 'identity', reason: 'absent' }]);
  });

  it('reports an employer attestation older than three months as expired', () => {
    const documents = [
      ...allRequired().filter((document) => document.type !== 'employer-attestation'),
      received('employer-attestation', '2026-03-14T09:00:00Z'),
    ];
    expect(assessCompleteness(documents, confirmed, now, documentRules)).toEqual({
      complete: false,
      missing: [{ type: 'employer-attestation', reason: 'expired' }],
    });
  });

  it('still counts an attestation received a day less than three months ago', () => {
    const documents = [
      ...allRequired().filter((document) => document.type !== 'employer-attestation'),
      received('employer-attestation', '2026-03-16T09:00:00Z'),
    ];
    expect(assessCompleteness(documents, confirmed, now, documentRules).complete).toBe(true);
  });

  it('lets a newer upload of the same type supersede an expired one, whatever the order of the list', () => {
    const others = allRequired().filter((document) => document.type !== 'payslip-1');
    const older = received('payslip-1', '2025-12-01T09:00:00Z');
    const newer = received('payslip-1', '2026-06-10T09:00:00Z');
    expect(assessCompleteness([...others, older, newer], confirmed, now, documentRules).complete).toBe(true);
    expect(assessCompleteness([newer, ...others, older], confirmed, now, documentRules).complete).toBe(true);
  });

  it('takes as current the newest received upload of each type, not a newer one still awaited', () => {
    const older = received('identity', '2026-01-01T09:00:00Z');
    const newer = received('identity', '2026-05-01T09:00:00Z');
    const awaited: DocumentFacts = { documentId: 'awaited', type: 'identity', status: 'REQUESTED' };
    const current = currentDocuments([awaited, older, newer]);
    expect([...current.entries()]).toEqual([['identity', newer]]);
  });

  it.each([
    ['PENDING', 'employment-not-confirmed'],
    ['REJECTED', 'employment-rejected'],
  ] as const)('finds a file with every document incomplete while the employment is %s, saying why (%s)', (status, reason) => {
    expect(assessCompleteness(allRequired(), { status }, now, documentRules)).toEqual({
      complete: false,
      missing: [{ type: 'employment', reason }],
    });
  });

  it('lists every gap of an empty, unconfirmed file', () => {
    const { missing } = assessCompleteness([], { status: 'PENDING' }, now, documentRules);
    expect(missing).toHaveLength(requiredDocumentTypes(documentRules).length + 1);
    expect(missing.at(-1)).toEqual({ type: 'employment', reason: 'employment-not-confirmed' });
    expect(missing.slice(0, -1).every((item) => item.reason === 'absent')).toBe(true);
  });
});

describe('validity of documents', () => {
  it('never expires an identity document', () => {
    expect(documentExpiry(received('identity', '2010-01-01T00:00:00Z'), documentRules)).toBeUndefined();
  });

  it('expires payslips three months after receipt, counting days in Paris', () => {
    // 23:30 UTC on 31 March is already 1 April in Paris.
    expect(documentExpiry(received('payslip-1', '2026-03-31T23:30:00Z'), documentRules)).toBe('2026-07-01');
    expect(documentExpiry(received('payslip-1', '2026-03-31T12:00:00Z'), documentRules)).toBe('2026-06-30');
  });

  it('expires a tax notice two months after the next yearly release', () => {
    const taxNotice = documentRules.types['tax-notice'].validity;
    expect(expiryDay(taxNotice, '2026-03-10')).toBe('2026-10-01');
    expect(expiryDay(taxNotice, '2026-07-31')).toBe('2026-10-01');
    // Received on or after release day: it is the new notice, valid until the next year's.
    expect(expiryDay(taxNotice, '2026-08-01')).toBe('2027-10-01');
    expect(expiryDay(taxNotice, '2026-12-20')).toBe('2027-10-01');
  });

  it('expires a NUD certificate after twelve months', () => {
    expect(documentExpiry(received('nud-certificate', '2026-02-10T10:00:00Z'), documentRules)).toBe('2027-02-10');
  });

  it('adds months without overflowing into the next month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });
});
