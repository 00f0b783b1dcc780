import type { Application } from '#applications/application-store.ts';
import { currentDocuments } from '#housing-file/completeness.ts';
import type { StoredDocument } from '#housing-file/document-store.ts';
import { priorityLabels, priorityProofTypes } from '#housing-file/priority-criteria.ts';
import type { SituationRecord } from '#housing-file/situation-store.ts';
import type { CandidateProofsView } from './lifecycle-schemas.ts';

/**
 * What the commission reads beside a candidate's score (issue 13, item 3): each priority
 * criterion declared (or derived from the household) with the document that proves it, and the
 * NUD's first-registration date with its certificate. "At application" is what the robot scored
 * (the snapshot taken at "Je postule"); the current document is the one the commission can open
 * in `documents`. A criterion declared without proof, or a date the certificate contradicts, is
 * for the commission to judge: a false declaration is an exclusion ground.
 */
export function candidateProofs(
  application: Pick<Application, 'scoringFacts'>,
  file: { readonly situation: SituationRecord; readonly documents: readonly StoredDocument[] } | undefined,
): CandidateProofsView {
  const facts = application.scoringFacts;
  const current = currentDocuments(file?.documents ?? []);
  const receivedAt = (type: StoredDocument['type']) => current.get(type)?.receivedAt ?? null;
  return {
    priorityCriteria: facts.priorityCriteria.map((criterion) => ({
      criterion,
      label: priorityLabels[criterion],
      proofType: priorityProofTypes[criterion],
      provenAtApplication: facts.provenPriorityCriteria.includes(criterion),
      proofReceivedAt: receivedAt(priorityProofTypes[criterion]),
    })),
    seniority: {
      firstRegisteredOnAtApplication: facts.nudFirstRegisteredOn,
      firstRegisteredOn: file?.situation.nudDates.firstRegisteredOn ?? null,
      certificateAtApplication: facts.nudCertificateReceived,
      certificateReceivedAt: receivedAt('nud-certificate'),
    },
  };
}
