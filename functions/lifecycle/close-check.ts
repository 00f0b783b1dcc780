import type { z } from 'zod';
import type { closeCheckReasonSchema } from '#applications/application-schemas.ts';
import { personVerdict } from '#applications/apply-verdict.ts';
import type { Company } from '#companies/company-store.ts';
import { evaluateCompanyEligibility } from '#companies/eligibility.ts';
import type { DocumentRules } from '#housing-file/document-rules.ts';
import type { StoredDocument } from '#housing-file/document-store.ts';
import type { SituationRules } from '#housing-file/situation-rules.ts';
import type { SituationRecord } from '#housing-file/situation-store.ts';
import type { Employee } from '#identity/employee-store.ts';
import type { CompanyEligibilityRules } from '#shared/business-rules.ts';

/** The rules the close re-check applies: the very ones "Je postule" and the company's eligibility use. */
export interface CloseCheckRules {
  readonly documents: DocumentRules;
  readonly situation: SituationRules;
  readonly companies: CompanyEligibilityRules;
}

/** The applicant's file as it stands at the close (one Query of the employee's partition). */
export interface CloseCheckFile {
  readonly employee: Employee;
  readonly situation: SituationRecord;
  readonly documents: StoredDocument[];
}

/** Applicants' files read at once for the re-check (one Query each). */
export const fileReadConcurrency = 16;

/** Why an application was not scored, in the applicant's words; stored on the application and e-mailed. */
export type CloseCheckReason = z.output<typeof closeCheckReasonSchema>;

/**
 * Issue #13 item 2: at the close, before scoring, each application is checked again with the
 * verdict "Je postule" applies (rule R4 NUD validity, rule R6 file completeness and employment)
 * and the company's eligibility (rule R1), at `closesAt`, so that a retried robot reaches the
 * same verdict. No rule is restated here. Every failure is listed (empty: it is scored).
 * A reserve file is checked the same way before a later round (`moment`: "avant le tour 2").
 */
export function closeCheck(
  file: CloseCheckFile,
  company: Company | undefined,
  at: Date,
  rules: CloseCheckRules,
  moment = 'à la clôture',
): CloseCheckReason[] {
  // The person part of the "can apply" verdict (issue 13 item 1), its NUD and file groups: the cap
  // is not checked again (the application already holds its place), nor "Ma situation".
  const person = personVerdict({ ...file, activeApplications: 0 }, at, { ...rules, maxActiveApplications: 1 }, true);
  const reasons: CloseCheckReason[] = [];
  const { nud, file: steps } = person.groups;
  if (nud.length > 0) reasons.push({ code: 'NUD_INVALID', message: nud.map((step) => step.message).join(' ') });
  const documents = steps.filter((step) => step.document !== 'employment');
  if (documents.length > 0) {
    const list = documents.map((step) => step.message).join(' ');
    reasons.push({ code: 'FILE_INCOMPLETE', message: `Votre dossier n’était plus complet ${moment}. ${list}` });
  }
  const employment = steps.filter((step) => step.document === 'employment');
  if (employment.length > 0) {
    reasons.push({ code: 'EMPLOYMENT_NOT_CONFIRMED', message: employment.map((step) => step.message).join(' ') });
  }

  const eligibility = company ? evaluateCompanyEligibility(company, rules.companies) : undefined;
  if (!eligibility?.eligible) {
    const why = eligibility?.reasons.filter((reason) => !reason.met).map((reason) => reason.message) ?? ['Entreprise inconnue.'];
    reasons.push({
      code: 'COMPANY_NOT_ELIGIBLE',
      message: `Votre entreprise ne remplissait plus les conditions du dispositif ${moment} : ${why.join(' ')}`,
    });
  }
  return reasons;
}
