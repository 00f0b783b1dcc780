import type { Principal } from '#shared/auth.ts';
import { ConflictError, NotFoundError, UnprocessableError } from '#shared/errors.ts';
import { encodeCursor } from '#shared/page-cursor.ts';
import { invalidCursor, readPage } from '#shared/page-read.ts';
import { timeZone } from '#shared/calendar.ts';
import { applicantEmail } from '#notifications/lifecycle-emails.ts';
import type { DocumentRules } from '#housing-file/document-rules.ts';
import type { SituationRules } from '#housing-file/situation-rules.ts';
import { hasOfferFacts } from '#offers/eligibility/offer-eligibility.ts';
import type { Geography } from '#offers/reference/geography.ts';
import type { ProvisionalScoreDeps } from './provisional-score.ts';
import { livePositions, openForPositions, rankingKeyAtApply } from './live-position.ts';
import { withRobotOutcome } from './robot-outcome.ts';
import { scoringFactsOf } from '#scoring/scoring-facts.ts';
import { appliedMessage, type ApplicationRules } from './application-rules.ts';
import { applyRefusal, offerVerdict, type VerdictRules } from './apply-verdict.ts';
import type { ApplicationListQuery, ApplicationPage, ApplicationView, Applied } from './application-schemas.ts';
import {
  ApplyRefused,
  WithdrawRefused,
  employeeApplicationsPartition,
  type Application,
  type ApplicationStore,
} from './application-store.ts';

export interface ApplicationDeps extends ProvisionalScoreDeps {
  readonly applications: ApplicationStore;
  readonly rules: ApplicationRules;
  readonly documentRules: DocumentRules;
  readonly situationRules: SituationRules;
  readonly geography: () => Promise<Pick<Geography, 'zoneOf'>>;
  /** Base URL of the web app, for the link to "Mes candidatures" in the e-mails. */
  readonly appUrl: string;
  readonly now: () => Date;
}

/** The e-mail that confirms an applicant's own act on his application ("Je postule", withdrawal). */
const confirmation = (
  deps: ApplicationDeps,
  application: Application,
  template: 'application-submitted' | 'application-withdrawn',
  at: string,
) =>
  applicantEmail(
    application,
    template,
    { closesOn: new Date(application.offer.closesAt).toLocaleString('fr-FR', { timeZone, dateStyle: 'long', timeStyle: 'short' }) },
    at,
    deps.appUrl,
  );

const cents = (euros: number) => Math.round(euros * 100);

export function applicationView(application: Application): ApplicationView {
  const { offerId, employeeId: _employeeId, offer, contact: _contact, scoringFacts: _facts, rankingKey: _key, ...rest } = application;
  return {
    applicationId: offerId,
    ...rest,
    offer: { ...offer, rentWithChargesEuros: (cents(offer.rentEuros) + cents(offer.chargesEuros)) / 100 },
  };
}

const applied = (application: Application): Applied => ({ message: appliedMessage, application: applicationView(application) });

/** Unknown or unpublished offer; a published one whose window closed answers WINDOW_CLOSED. */
const noPublishedOffer = () => new NotFoundError('Aucune offre publiée ne porte cet identifiant.');
const windowClosed = () => new ConflictError('WINDOW_CLOSED', 'La période de candidature de cette offre est close.');
const tooMany = (cap: number) =>
  new UnprocessableError(
    'TOO_MANY_APPLICATIONS',
    `Vous avez déjà ${cap} candidature(s) en cours, le maximum : retirez-en une pour postuler à ce logement.`,
  );

/** The rules of the one verdict (`apply-verdict.ts`), from the deps of the applications area. */
const verdictRulesOf = (deps: Pick<ApplicationDeps, 'rules' | 'documentRules' | 'situationRules'>): VerdictRules => ({
  documents: deps.documentRules,
  situation: deps.situationRules,
  maxActiveApplications: deps.rules.maxActiveApplications,
});

/**
 * "Je postule" (rule R7). A repeat answers the same application, without counting it twice.
 * 1. Read, in parallel, the offer with the caller's application (one BatchGetItem) and the
 *    caller's file: profile, situation, NUD dates, documents and active count (one Query).
 * 2. No published offer: 404. An application already there (not withdrawn): answer it, with the
 *    robot's outcome when it did not select the file (as "Mes candidatures" shows it).
 * 3. The one verdict (`offerVerdict`, the same the tabs, the offer details and the digests
 *    use) and its answer (`applyRefusal`): window closed or not open yet, 409 `WINDOW_CLOSED`;
 *    NUD not valid, 422 `NUD_INVALID`; incomplete file, 422 `FILE_INCOMPLETE`, one field per
 *    missing item; not eligible, 422 `NOT_ELIGIBLE`, one field per failed criterion; at the
 *    cap, 422 `TOO_MANY_APPLICATIONS`.
 * 4. The application keeps the applicant's scoring facts as they are now (the robot scores them
 *    at the close), where to write to him, and its key in the offer's ranking (the provisional
 *    score of those facts, `rankingKeyAtApply`: one GetItem of the employer, the grid cached).
 * 5. One transaction: the application, the offer's count +1 (still open), the caller's active
 *    count +1 (under the cap), the confirmation e-mail. A concurrent twin that won: read and answer its application.
 */
export async function apply(deps: ApplicationDeps, offerId: string, caller: Principal): Promise<Applied> {
  const employeeId = caller.userId;
  const [{ offer, application: existing }, file] = await Promise.all([
    deps.applications.offerAndApplication(offerId, employeeId),
    deps.applications.applicantFile(employeeId),
  ]);
  const closesAt = offer?.closesAt;
  if (offer?.status !== 'PUBLISHED' || !closesAt) throw noPublishedOffer();
  // A repeat answers the application as "Mes candidatures" shows it, the robot's outcome included.
  if (existing && existing.status !== 'WITHDRAWN') return applied(withRobotOutcome(existing, file?.robotOutcomeFor(offerId)));

  if (!hasOfferFacts(offer)) throw noPublishedOffer();
  const now = deps.now();
  const geography = await deps.geography();
  const verdict = offerVerdict(offer, file, now, geography, verdictRulesOf(deps));
  const refusal = applyRefusal(verdict);
  if (refusal) throw refusal;
  if (!file) throw new NotFoundError('Dossier introuvable : complétez votre inscription.');
  const cap = deps.rules.maxActiveApplications;

  const at = now.toISOString();
  const scoringFacts = scoringFactsOf(file, offer, now, geography);
  const application: Application = {
    offerId,
    employeeId,
    status: 'SUBMITTED',
    appliedAt: at,
    updatedAt: at,
    contact: { firstName: file.employee.firstName, email: file.employee.email },
    scoringFacts,
    rankingKey: await rankingKeyAtApply(deps, { offer: { closesAt }, employeeId, appliedAt: at, scoringFacts }),
    offer: {
      offerId,
      residenceName: offer.residenceName,
      commune: offer.commune,
      communeName: offer.communeName,
      typology: offer.typology,
      rentEuros: offer.rentEuros,
      chargesEuros: offer.chargesEuros,
      closesAt: offer.closesAt,
    },
  };
  try {
    // The profile's count still holds the places the robot freed at a close: the transaction's ceiling allows for them.
    await deps.applications.submit(
      application,
      at,
      cap + file.placesFreedAtClose,
      confirmation(deps, application, 'application-submitted', at),
    );
    return applied(application);
  } catch (error) {
    if (!(error instanceof ApplyRefused)) throw error;
    if (error.on === 'window') throw windowClosed();
    if (error.on === 'cap') throw tooMany(cap);
    const winner = await deps.applications.get(offerId, employeeId);
    if (!winner) throw error;
    return applied(winner);
  }
}

/**
 * "Mes candidatures": the caller's applications, newest first, from one Query of the
 * employee's applications index; each carries the offer summary copied at apply time, and each
 * open one (submitted, window open) its provisional position "12e sur 87" (`livePositions`:
 * one counting Query per open application), and each one still SUBMITTED the robot's outcome
 * when the robot did not select it (`robot-outcome.ts`); one BatchGetItem reads the open ones'
 * offer counts and the submitted ones' outcomes (none without a submitted application).
 */
export async function listMyApplications(deps: ApplicationDeps, caller: Principal, query: ApplicationListQuery): Promise<ApplicationPage> {
  // A cursor is only valid within the caller's own list; anything else is bad input, not a 500.
  const foreign = query.cursor !== undefined && query.cursor.GSI1PK !== employeeApplicationsPartition(caller.userId);
  if (foreign) throw invalidCursor();
  const page = await readPage(query.cursor, () => deps.applications.listByEmployee(caller.userId, query.limit, query.cursor));
  const now = deps.now();
  // One BatchGetItem for the page: the open applications' offer counts and every submitted one's
  // outcome (the robot's close, not the clock, says whether there is one).
  const submitted = page.applications.filter((application) => application.status === 'SUBMITTED').map((application) => application.offerId);
  const reads = deps.applications.countsAndOutcomes(
    caller.userId,
    openForPositions(page.applications, now).map(({ offerId }) => offerId),
    submitted,
  );
  const [positions, { outcomes }] = await Promise.all([
    livePositions(deps, page.applications, now, () => reads.then(({ counts }) => counts)),
    reads,
  ]);
  return {
    applications: page.applications.map((stored) => {
      const application = withRobotOutcome(stored, outcomes.get(stored.offerId));
      // A provisional position only while the application is still open.
      const position = application.status === 'SUBMITTED' ? positions.get(application.offerId) : undefined;
      return { ...applicationView(application), ...(position ? { provisionalPosition: position } : {}) };
    }),
    ...(page.cursor ? { cursor: encodeCursor(page.cursor) } : {}),
  };
}

/**
 * Withdraws the caller's application while the window is open; a repeat answers the withdrawn
 * application.
 * 1. Read the caller's application to that offer (the key holds the caller: another employee's
 *    application is simply not found, 404).
 * 2. Already withdrawn: answer it. Any other status than submitted, or window closed: 409.
 * 3. One transaction: status WITHDRAWN, the offer's count −1 (still open), the caller's active
 *    count −1, the confirmation e-mail. A concurrent twin that won: answer the withdrawn application.
 */
export async function withdraw(deps: ApplicationDeps, offerId: string, caller: Principal): Promise<ApplicationView> {
  const application = await deps.applications.get(offerId, caller.userId);
  if (!application) throw new NotFoundError('Aucune candidature à cette offre.');
  if (application.status === 'WITHDRAWN') return applicationView(application);
  if (application.status !== 'SUBMITTED') {
    throw new ConflictError(
      'APPLICATION_NOT_WITHDRAWABLE',
      'Cette candidature n’est plus en cours de dépôt : elle ne peut plus être retirée.',
    );
  }
  const now = deps.now();
  if (now.getTime() >= Date.parse(application.offer.closesAt)) throw windowClosed();
  const at = now.toISOString();
  try {
    await deps.applications.withdraw(application, at, confirmation(deps, application, 'application-withdrawn', at));
    return applicationView({ ...application, status: 'WITHDRAWN', withdrawnAt: at, updatedAt: at });
  } catch (error) {
    if (!(error instanceof WithdrawRefused)) throw error;
    if (error.on === 'window') throw windowClosed();
    const current = await deps.applications.get(offerId, caller.userId);
    if (current?.status === 'WITHDRAWN') return applicationView(current);
    throw new ConflictError(
      'APPLICATION_NOT_WITHDRAWABLE',
      'Cette candidature n’est plus en cours de dépôt : elle ne peut plus être retirée.',
    );
  }
}
