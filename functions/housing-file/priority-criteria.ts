import type { DocumentType } from './document-rules.ts';

/**
 * The priority criteria of the agreement with the State (rule R9), declared in "Ma situation",
 * each with the document that proves it. The robot counts a criterion only when its proof is
 * received; the commission sees the proofs beside the score. No server import: the schemas and
 * the web application read the same list.
 */
export const priorityCriteria = [
  'professional-mobility',
  'temporary-accommodation',
  'disability',
  'domestic-violence',
  'first-job',
] as const;
export type PriorityCriterion = (typeof priorityCriteria)[number];

export const priorityLabels: Record<PriorityCriterion, string> = {
  'professional-mobility': 'mobilité professionnelle',
  'temporary-accommodation': 'hébergement temporaire',
  disability: 'handicap dans le ménage',
  'domestic-violence': 'victime de violences conjugales',
  'first-job': 'premier emploi',
};

/** The document type that proves each criterion. */
export const priorityProofTypes: Record<PriorityCriterion, DocumentType> = {
  'professional-mobility': 'mobility-proof',
  'temporary-accommodation': 'temporary-accommodation-proof',
  disability: 'disability-card',
  'domestic-violence': 'domestic-violence-proof',
  'first-job': 'first-job-proof',
};

/**
 * The priority criteria of a household: those declared in "Ma situation" plus `disability` as
 * soon as one member of the household has a disability (the member's flag), as the household
 * category does. In the list's order, whatever order they were declared in.
 */
export function priorityCriteriaOf(
  declared: Iterable<PriorityCriterion>,
  members: readonly { readonly disability: boolean }[],
): PriorityCriterion[] {
  const found = new Set(declared);
  if (members.some((member) => member.disability)) found.add('disability');
  return priorityCriteria.filter((criterion) => found.has(criterion));
}
