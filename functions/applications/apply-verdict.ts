import { assessCompleteness, type DocumentFacts, type EmploymentFacts, type MissingItem } from '#housing-file/completeness.ts';
import { documentRules, type DocumentRules } from '#housing-file/document-rules.ts';
import { nudValidity, nudValidityMessage, type NudDates } from '#housing-file/nud-validity.ts';
import { situationRules, type SituationRules } from '#housing-file/situation-rules.ts';
import { applicationRules } from './application-rules.ts';
import { assessOffer, type ApplicantSituation, type OfferAssessment, type OfferFacts } from '#offers/eligibility/offer-eligibility.ts';
import type { Geography } from '#offers/reference/geography.ts';
import { ConflictError, UnprocessableError } from '#shared/errors.ts';
import { pagePaths } from '#shared/page-paths.ts';

/**
 * The one verdict "may this person apply to this offer?" (issue 13, item 1). The tabs, the offer
 * details, the new-offer digests and "Je postule" all call it, so none of them can offer a
 * dwelling the person could not apply to. Pure: the callers read the file and pass it in.
 *
 * - `personVerdict`: what does not depend on the offer: "Ma situation" declared (household,
 *   income, main residence, search criteria), the NUD valid, the required documents received and
 *   not expired, the employment confirmed by HR, fewer active applications than the cap. Each
 *   gap is a step with a code, a French message and the page of the web app where it is fixed.
 * - `offerVerdict`: the window, those person criteria, then `assessOffer` (reservation, income
 *   ceiling, search criteria, occupancy). `eligible` is true exactly when every reason is met, and
 *   `applyRefusal` turns the first unmet reason into the answer of "Je postule".
 */

/** Pages of the web app where a gap is fixed. */
export const fixPages = {
  situation: pagePaths.situation,
  documents: pagePaths.documents,
  // The NUD, its validity and its renewal date are declared and shown in "Ma situation".
  nud: pagePaths.situation,
  applications: pagePaths.applications,
} as const;
type FixPage = (typeof fixPages)[keyof typeof fixPages];

/** What the verdict reads of the applicant's file (`applicationStore.applicantFile` passes as is). */
export interface VerdictFile {
  readonly employee: { readonly siret: string; readonly employment: EmploymentFacts };
  readonly situation: { readonly nudDates: NudDates; readonly situation?: ApplicantSituation | undefined };
  readonly documents: readonly DocumentFacts[];
  /** Applications in an active status (submitted, selected, ranked, offered). */
  readonly activeApplications: number;
}

export interface VerdictRules {
  readonly documents: DocumentRules;
  readonly situation: SituationRules;
  readonly maxActiveApplications: number;
}

/** The rules in force: the document catalogue, the NUD's validity, the cap of active applications. */
export const verdictRules: VerdictRules = {
  documents: documentRules,
  situation: situationRules,
  maxActiveApplications: applicationRules.maxActiveApplications,
};

type MissingCode =
  | 'file-missing'
  | 'household'
  | 'income'
  | 'main-residence'
  | 'search-criteria'
  | 'nud-unknown'
  | 'nud-expired'
  | 'document-absent'
  | 'document-expired'
  | 'employment-not-confirmed'
  | 'employment-rejected'
  | 'too-many-applications';

/** One thing the person must do before applying anywhere. */
export interface MissingStep {
  readonly code: MissingCode;
  /** In French, for the employee. */
  readonly message: string;
  /** Page of the web app where it is fixed. */
  readonly fixAt: FixPage;
  /** The document type, for a document step. */
  readonly document?: MissingItem['type'];
}

export interface PersonVerdict {
  readonly canApply: boolean;
  /** Every gap, in this order: situation, NUD, documents, employment, cap. */
  readonly missing: readonly MissingStep[];
  /** The groups of `missing`, as the offer verdict's person reasons read them. */
  readonly groups: { readonly nud: readonly MissingStep[]; readonly file: readonly MissingStep[]; readonly cap: readonly MissingStep[] };
}

const documentMessage: Record<MissingItem['reason'], (label: string) => string> = {
  absent: (label) => `Pièce manquante : ${label}.`,
  expired: (label) => `Pièce expirée : ${label} ; déposez-en une plus récente.`,
  'employment-not-confirmed': () => 'Votre employeur n’a pas encore confirmé votre emploi.',
  'employment-rejected': () => 'Votre employeur n’a pas confirmé votre emploi : vérifiez l’emploi déclaré dans « Ma situation ».',
};

function fileSteps(file: VerdictFile, now: Date, rules: VerdictRules): MissingStep[] {
  const completeness = assessCompleteness(file.documents, file.employee.employment, now, rules.documents);
  return completeness.missing.map((item): MissingStep => {
    if (item.type === 'employment') {
      const code = item.reason === 'employment-rejected' ? 'employment-rejected' : 'employment-not-confirmed';
      return { code, message: documentMessage[item.reason](''), fixAt: fixPages.situation, document: 'employment' };
    }
    const label = rules.documents.types[item.type].label;
    const code = item.reason === 'expired' ? 'document-expired' : 'document-absent';
    return { code, message: documentMessage[item.reason](label), fixAt: fixPages.documents, document: item.type };
  });
}

function situationSteps(situation: ApplicantSituation | undefined): MissingStep[] {
  const steps: MissingStep[] = [];
  const at = fixPages.situation;
  if (!situation?.household?.members.length)
    steps.push({ code: 'household', message: 'Déclarez la composition de votre ménage dans « Ma situation ».', fixAt: at });
  if (!situation?.income) steps.push({ code: 'income', message: 'Déclarez vos revenus dans « Ma situation ».', fixAt: at });
  if (situation?.mainResidence !== true) {
    const message =
      situation?.mainResidence === false
        ? 'Le logement social est réservé à la résidence principale.'
        : 'Indiquez dans « Ma situation » si le logement sera votre résidence principale.';
    steps.push({ code: 'main-residence', message, fixAt: at });
  }
  if (!situation?.searchCriteria)
    steps.push({ code: 'search-criteria', message: 'Complétez vos critères de recherche dans « Ma situation ».', fixAt: at });
  return steps;
}

/**
 * What the person must do before applying to any offer. `alreadyApplied`: the person holds an
 * active application to the offer at hand, which the cap does not count against it.
 */
export function personVerdict(file: VerdictFile | undefined, now: Date, rules: VerdictRules, alreadyApplied = false): PersonVerdict {
  if (!file) {
    const step: MissingStep = {
      code: 'file-missing',
      message: 'Dossier introuvable : complétez votre inscription et « Ma situation ».',
      fixAt: fixPages.situation,
    };
    return { canApply: false, missing: [step], groups: { nud: [], file: [step], cap: [] } };
  }
  const situation = situationSteps(file.situation.situation);
  const validity = nudValidity(file.situation.nudDates, now, rules.situation);
  const nud: MissingStep[] = validity.valid
    ? []
    : [{ code: validity.status === 'expired' ? 'nud-expired' : 'nud-unknown', message: nudValidityMessage(validity), fixAt: fixPages.nud }];
  const documents = fileSteps(file, now, rules);
  const active = file.activeApplications - (alreadyApplied ? 1 : 0);
  const cap: MissingStep[] =
    active >= rules.maxActiveApplications
      ? [
          {
            code: 'too-many-applications',
            message: `Vous avez déjà ${rules.maxActiveApplications} candidature(s) en cours, le maximum : retirez-en une pour postuler à un autre logement.`,
            fixAt: fixPages.applications,
          },
        ]
      : [];
  const missing = [...situation, ...nud, ...documents, ...cap];
  return { canApply: missing.length === 0, missing, groups: { nud, file: documents, cap } };
}

type VerdictReasonCode = 'window' | 'nud' | 'file' | 'active-applications' | OfferAssessment['reasons'][number]['code'];

interface VerdictReason {
  readonly code: VerdictReasonCode;
  readonly met: boolean;
  readonly message: string;
  /** Where to fix an unmet reason the person can act on. */
  readonly fixAt?: FixPage;
}

export interface OfferVerdict {
  readonly eligible: boolean;
  /** In this order: window, NUD, file, reservation … occupancy (`assessOffer`), active applications. */
  readonly reasons: readonly VerdictReason[];
  /** The person's gaps (not those of this offer's criteria). */
  readonly missing: readonly MissingStep[];
  readonly assessment: OfferAssessment;
  readonly person: PersonVerdict;
}

const situationCodes = new Set<string>(['main-residence', 'income', 'occupancy-sleeping', 'occupancy-surface', 'under-occupancy']);
const criteriaCodes = new Set<string>(['kind', 'typology', 'surface', 'rent']);

/**
 * Whether this person may apply to this offer now, reason by reason (see the module's comment).
 * `person`: the person's verdict already computed for the same file, instant and rules (the tabs
 * assess many offers for one person), else computed here.
 */
export function offerVerdict(
  offer: OfferFacts,
  file: VerdictFile | undefined,
  now: Date,
  geography: Pick<Geography, 'zoneOf'>,
  rules: VerdictRules,
  alreadyApplied = false,
  person: PersonVerdict = personVerdict(file, now, rules, alreadyApplied),
): OfferVerdict {
  const assessment = assessOffer(offer, { siret: file?.employee.siret ?? '', situation: file?.situation.situation ?? {} }, now, geography);
  const [window, ...criteria] = assessment.reasons;
  const group = (code: 'nud' | 'file' | 'active-applications', steps: readonly MissingStep[], ok: string): VerdictReason =>
    steps.length === 0
      ? { code, met: true, message: ok }
      : { code, met: false, message: steps.map((s) => s.message).join(' '), fixAt: steps[0]?.fixAt };
  const reasons: VerdictReason[] = [
    ...(window ? [window] : []),
    group('nud', person.groups.nud, 'Demande de logement social (NUD) valide.'),
    group('file', person.groups.file, 'Dossier complet, emploi confirmé par l’employeur.'),
    ...criteria.map((reason): VerdictReason => {
      if (reason.met) return reason;
      if (situationCodes.has(reason.code) || (criteriaCodes.has(reason.code) && !file?.situation.situation?.searchCriteria))
        return { ...reason, fixAt: fixPages.situation };
      return reason;
    }),
    group('active-applications', person.groups.cap, 'Nombre de candidatures en cours sous le maximum.'),
  ];
  return { eligible: reasons.every((reason) => reason.met), reasons, missing: person.missing, assessment, person };
}

/**
 * The answer of "Je postule" to a verdict: undefined when eligible, else the error of the first
 * unmet reason, in the verdict's order: window (409 `WINDOW_CLOSED`), NUD (422 `NUD_INVALID`),
 * file (422 `FILE_INCOMPLETE`, one field per missing piece), offer criteria (422 `NOT_ELIGIBLE`,
 * one field per unmet criterion), cap (422 `TOO_MANY_APPLICATIONS`).
 */
export function applyRefusal(verdict: OfferVerdict): ConflictError | UnprocessableError | undefined {
  const unmet = verdict.reasons.filter((reason) => !reason.met);
  const first = unmet[0];
  if (!first) return undefined;
  const { groups } = verdict.person;
  switch (first.code) {
    case 'window':
      return new ConflictError('WINDOW_CLOSED', first.message);
    case 'nud':
      return new UnprocessableError('NUD_INVALID', first.message, [{ field: 'nud', message: first.message }]);
    case 'file':
      return new UnprocessableError(
        'FILE_INCOMPLETE',
        'Votre dossier est incomplet : complétez-le pour postuler.',
        groups.file.map((step) => ({ field: `file.${step.document ?? step.code}`, message: step.message })),
      );
    case 'active-applications':
      return new UnprocessableError('TOO_MANY_APPLICATIONS', first.message);
    default:
      return new UnprocessableError(
        'NOT_ELIGIBLE',
        'Vous ne remplissez pas les conditions de cette offre.',
        unmet
          .filter((reason) => reason.code !== 'active-applications')
          .map((reason) => ({ field: `eligibility.${reason.code}`, message: reason.message })),
      );
  }
}
