import type { Candidate } from '../api/use-commission.ts';

/** « Mme Camille Testeuse », or the file's id once the applicant's identity is gone (erased). */
export const nameOf = (candidate: Pick<Candidate, 'applicant' | 'applicationId'>) =>
  candidate.applicant
    ? [candidate.applicant.civility, candidate.applicant.firstName, candidate.applicant.lastName].filter(Boolean).join(' ')
    : `Dossier ${candidate.applicationId}`;
