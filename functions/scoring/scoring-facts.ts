import * as z from 'zod';
import type { Company } from '#companies/company-store.ts';
import { currentDocuments, isExpired, type DocumentFacts } from '#housing-file/completeness.ts';
import { documentRules } from '#housing-file/document-rules.ts';
import { priorityProofTypes } from '#housing-file/priority-criteria.ts';
import type { SituationRecord } from '#housing-file/situation-store.ts';
import type { Employee } from '#identity/employee-store.ts';
import { assessOffer, hasOfferFacts } from '#offers/eligibility/offer-eligibility.ts';
import type { Offer } from '#offers/offer-store.ts';
import type { Geography } from '#offers/reference/geography.ts';
import { contributionPerEmployeeEuros, priorityCriteria, priorityCriteriaOf, type ScoringInput } from './score.ts';

/**
 * The applicant's scoring facts, snapshotted on the application at "Je postule", so that the
 * robot scores thousands of applications from one paginated Query of the offer's partition
 * without reading each applicant's file. Plain JSON (no Set) so that DynamoDB stores it as a
 * map. Ages, the trial period and the seniority are still taken on the day the window closes:
 * the snapshot keeps dates, never ages or durations.
 *
 * The employer's contribution per employee is not in it: it is read from the company record
 * (one read per SIRET) when the window closes, so every applicant of a company gets the same
 * figure, the one in force at scoring.
 */
const day = z.iso.date();

export const scoringFactsSchema = z.object({
  /** SIRET of the employer, whose company record gives the contribution per employee. */
  siret: z.string(),
  contract: z
    .object({
      kind: z.enum(['CDI', 'CDD', 'other']),
      startDate: day,
      endDate: day.nullable(),
      trialPeriod: z.object({ ongoing: z.boolean(), endsOn: day.nullable() }),
    })
    .nullable(),
  retainedIncomeEuros: z.number().nullable(),
  /** The offer's ceiling for this household, as eligibility computed it when the employee applied. */
  ceilingEuros: z.number().nullable(),
  applicantBirthDate: day.nullable(),
  spouseBirthDates: z.array(day),
  /** Also the first tie-break of the selection. */
  nudFirstRegisteredOn: day.nullable(),
  recommended: z.boolean(),
  previouslySelectedWithoutAttribution: z.boolean(),
  /** Declared in "Ma situation" or derived from the household, in the grid's order. */
  priorityCriteria: z.array(z.enum(priorityCriteria)),
  /** Those of `priorityCriteria` whose proof document was received and valid at "Je postule" (absent on older applications: none). */
  provenPriorityCriteria: z.array(z.enum(priorityCriteria)).default([]),
  /** The NUD certificate (which shows the first-registration date) was received and valid at "Je postule". */
  nudCertificateReceived: z.boolean().default(false),
  /** When the snapshot was taken (the application instant). */
  takenAt: z.iso.datetime(),
});
export type ScoringFacts = z.output<typeof scoringFactsSchema>;

/** What "Je postule" has in hand (`applicationStore.applicantFile`). */
export interface ApplicantFacts {
  readonly employee: Employee;
  readonly situation: SituationRecord;
  /** The file's documents: the proofs of the priority criteria and the NUD certificate. */
  readonly documents: readonly DocumentFacts[];
}

/**
 * The snapshot, from the applicant's file and the published offer, at the application instant:
 * 1. The contract of "Ma situation" (absent end dates become null).
 * 2. Retained income and ceiling from `assessOffer`, the very computation eligibility applies
 *    (financing, zone of the commune, household category, year of publication): the ceiling is
 *    the one the applicant was found eligible against. Unknown when the household, the income or
 *    the offer's zone is.
 * 3. Birth dates of the applicant and of every spouse in the household.
 * 4. Recommended when HR recorded `recommendedAt`; previously selected when the lifecycle set
 *    `previousSelectionWithoutAttribution` (true or a date) on the profile.
 * 5. Priority criteria: those declared in "Ma situation" plus `disability` derived from the
 *    household; each is proven when its proof document (`priorityProofTypes`) is received and
 *    not expired. Likewise the NUD certificate for the seniority. The robot counts only proven ones, under every grid.
 */
export function scoringFactsOf(file: ApplicantFacts, offer: Offer, now: Date, geography: Pick<Geography, 'zoneOf'>): ScoringFacts {
  const { employee } = file;
  const situation = file.situation.situation;
  const employment = situation?.employment;
  const members = situation?.household?.members ?? [];
  const assessment = hasOfferFacts(offer)
    ? assessOffer(offer, { siret: employee.siret, situation: situation ?? {} }, now, geography)
    : undefined;
  const previous = employee.previousSelectionWithoutAttribution;
  const criteria = priorityCriteriaOf(situation?.priorityCriteria ?? [], members);
  const documents = currentDocuments(file.documents);
  const received = (type: DocumentFacts['type']) => {
    const document = documents.get(type);
    return document !== undefined && !isExpired(document, now, documentRules);
  };
  return {
    siret: employee.siret,
    contract: employment
      ? {
          kind: employment.kind,
          startDate: employment.startDate,
          endDate: employment.endDate ?? null,
          trialPeriod: { ongoing: employment.trialPeriod.ongoing, endsOn: employment.trialPeriod.endsOn ?? null },
        }
      : null,
    retainedIncomeEuros: assessment?.retainedIncomeEuros ?? null,
    ceilingEuros: assessment?.ceiling?.amountEuros ?? null,
    applicantBirthDate: members.find((member) => member.relationship === 'applicant')?.birthDate ?? null,
    spouseBirthDates: members.filter((member) => member.relationship === 'spouse').map((member) => member.birthDate),
    nudFirstRegisteredOn: file.situation.nudDates.firstRegisteredOn ?? null,
    recommended: employee.recommendedAt !== undefined,
    previouslySelectedWithoutAttribution: previous === true || (typeof previous === 'string' && previous !== ''),
    priorityCriteria: criteria,
    provenPriorityCriteria: criteria.filter((criterion) => received(priorityProofTypes[criterion])),
    nudCertificateReceived: received('nud-certificate'),
    takenAt: now.toISOString(),
  };
}

/**
 * The scoring input of one application at the close of the window: its snapshot plus the
 * employer's contribution per employee from the company record. A company record that is gone
 * (or never declared) gives 0 € per employee, the lowest band.
 */
export function scoringInputOf(
  facts: ScoringFacts,
  company: Pick<Company, 'lastContributionEuros' | 'headcount'> | undefined,
): ScoringInput {
  return {
    contract: facts.contract,
    retainedIncomeEuros: facts.retainedIncomeEuros,
    ceilingEuros: facts.ceilingEuros,
    employerContributionPerEmployeeEuros: company ? contributionPerEmployeeEuros(company) : 0,
    applicantBirthDate: facts.applicantBirthDate,
    spouseBirthDates: facts.spouseBirthDates,
    nudFirstRegisteredOn: facts.nudFirstRegisteredOn,
    recommended: facts.recommended,
    previouslySelectedWithoutAttribution: facts.previouslySelectedWithoutAttribution,
    priorityCriteria: new Set(facts.priorityCriteria),
    provenPriorityCriteria: new Set(facts.provenPriorityCriteria),
    nudCertificateReceived: facts.nudCertificateReceived,
  };
}
