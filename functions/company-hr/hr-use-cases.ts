import type { Principal } from '#shared/auth.ts';
import { ForbiddenError, NotFoundError } from '#shared/errors.ts';
import type { Employee, EmployeeStore } from '#identity/employee-store.ts';
import { inviteUser, type InvitationDeps } from '#identity/invitations.ts';
import type { CompanyStore } from '#companies/company-store.ts';
import type {
  EmployeeListQuery,
  EmploymentDecisionRequest,
  EmploymentDecisionView,
  HrInvitationRequest,
  HrInvitationView,
  RecommendationView,
} from './hr-schemas.ts';
import { encodeCursor } from '#shared/page-cursor.ts';
import { readPage } from '#shared/page-read.ts';
import { logger } from '#shared/powertools.ts';
import { newNotification } from '#notifications/outbox.ts';
import type { EmploymentRecord, HrStore, HrUser } from './hr-store.ts';
import { pagePath, pagePaths, pageUrl } from '#shared/page-paths.ts';

export interface HrInvitationDeps extends InvitationDeps<HrUser> {
  readonly companies: Pick<CompanyStore, 'get'>;
}

export interface CompanyHrDeps {
  readonly employees: Pick<EmployeeStore, 'listByCompany' | 'get'>;
  readonly hr: Pick<HrStore, 'decideEmployment' | 'recommend' | 'withdrawRecommendation'>;
  /** Base URL of the web app, for the link to "Ma situation" in the decision's e-mail. */
  readonly appUrl: string;
  readonly now: () => Date;
}

export interface EmployeeRef {
  readonly siret: string;
  readonly employeeId: string;
}

/** One answer for "no such employee" and "an employee of another company": neither is revealed. */
const unknownEmployee = () => new NotFoundError('Aucun salarié de votre entreprise ne porte cet identifiant.');

/** A company user acts only for the SIRET of its token; operators may read any company. */
function requireCompany(caller: Principal, siret: string, options: { operatorMayRead?: boolean } = {}) {
  if (options.operatorMayRead && caller.roles.includes('operator')) return;
  if (!caller.roles.includes('company') || caller.siret !== siret) {
    throw new ForbiddenError('Vous n’agissez que pour votre propre entreprise.');
  }
}

/**
 * An operator invites the HR contact of a declared company.
 * 1. The company must be declared (404).
 * 2. The invitation (`inviteUser`): the Cognito account in group `company`, bound to the SIRET
 *    (`custom:siret`; an e-mail bound to another company or of another kind: 409), then the
 *    invitation, its password link and its e-mail in one transaction. An invitation whose link is
 *    still valid is kept as it is (`emailSent: false`); one whose link expired is renewed.
 */
export async function inviteHrUser(
  deps: HrInvitationDeps,
  siret: string,
  request: HrInvitationRequest,
  operator: Principal,
): Promise<HrInvitationView> {
  const company = await deps.companies.get(siret);
  if (!company) throw new NotFoundError(`Aucune entreprise déclarée avec le SIRET ${siret}.`);

  const { invitation, created } = await inviteUser(deps, {
    email: request.email,
    account: { group: 'company', attribute: 'custom:siret', value: siret },
    template: 'company-hr-invited',
    params: { companyName: company.name, siret },
    invitedBy: operator.userId,
    user: (invited): HrUser => ({ ...invited, siret }),
  });
  return {
    siret,
    email: invitation.email,
    invitedAt: invitation.invitedAt,
    linkValidUntil: invitation.linkValidUntil,
    emailSent: created,
  };
}

const toCompanyView = (employee: Employee) => ({
  employeeId: employee.id,
  firstName: employee.firstName,
  lastName: employee.lastName,
  registeredAt: employee.registeredAt,
  account: employee.account,
  employment: { status: employee.employment.status, decidedAt: employee.employment.decidedAt },
  recommendedAt: employee.recommendedAt,
});

/**
 * Lists, one page at a time, the employees who registered with the company's SIRET.
 * 1. Only the company's own users, or an operator, may read (403 otherwise; no read needed).
 * 2. One Query on GSI2 in the company's partition, oldest registration first.
 * 3. Each employee is reduced to name, registration date and statuses; nothing else leaves.
 *    An item that does not read as an employee is skipped and its key logged, never a 500.
 * A cursor DynamoDB refuses as a start key is a 400 on `query.cursor`; a cursor can never reach
 * outside the queried partition.
 */
export async function listCompanyEmployees(deps: CompanyHrDeps, siret: string, query: EmployeeListQuery, caller: Principal) {
  requireCompany(caller, siret, { operatorMayRead: true });
  const page = await readPage(query.cursor, () => deps.employees.listByCompany(siret, query.limit, query.cursor));
  // One malformed item does not fail the page: it is left out, its key logged (no personal data).
  if (page.unreadable.length > 0) logger.warn('Company employees list: unreadable items left out', { keys: page.unreadable });
  return {
    employees: page.employees.map(toCompanyView),
    cursor: page.cursor ? encodeCursor(page.cursor) : undefined,
  };
}

const decisionStatus = { confirmed: 'CONFIRMED', rejected: 'REJECTED' } as const;

const toDecisionView = (employeeId: string, employment: EmploymentRecord): EmploymentDecisionView => ({
  employeeId,
  employment: { status: employment.status, decidedAt: employment.decidedAt, reason: employment.reason },
});

/**
 * The company confirms, or rejects, that an employee works there. Until confirmed, the employee's
 * file is incomplete.
 * 1. Only a user of that company (403).
 * 2. Read the employee: it must exist and belong to the SIRET (404, the same answer for both).
 * 3. One transaction: the decision on the employee item (still of the SIRET) and the e-mail that
 *    tells the employee. The same decision again changes nothing (its first date and reason stay,
 *    no e-mail); the other decision replaces it, with a new date and its own e-mail.
 */
export async function decideEmployment(
  deps: CompanyHrDeps,
  ref: EmployeeRef,
  request: EmploymentDecisionRequest,
  caller: Principal,
): Promise<EmploymentDecisionView> {
  requireCompany(caller, ref.siret);
  const employee = await deps.employees.get(ref.employeeId);
  if (employee?.siret !== ref.siret) throw unknownEmployee();
  const status = decisionStatus[request.decision];
  const decidedAt = deps.now().toISOString();
  const notification = newNotification({
    template: status === 'CONFIRMED' ? 'employment-confirmed' : 'employment-rejected',
    to: employee.email,
    params: {
      firstName: employee.firstName,
      link: pageUrl(deps.appUrl, pagePath(pagePaths.situation)),
      ...(request.reason && { reason: request.reason }),
    },
    createdAt: decidedAt,
  });
  const result = await deps.hr.decideEmployment(
    ref.siret,
    ref.employeeId,
    { status, decidedAt, decidedBy: caller.userId, reason: request.reason },
    notification,
  );
  if (!result) throw unknownEmployee();
  return toDecisionView(ref.employeeId, result.employment);
}

/**
 * The company recommends an employee (a scoring criterion).
 * 1. Only a user of that company (403).
 * 2. One conditional update: the employee must belong to the SIRET (404); a repeated
 *    recommendation keeps its first date.
 */
export async function recommendEmployee(deps: CompanyHrDeps, ref: EmployeeRef, caller: Principal): Promise<RecommendationView> {
  requireCompany(caller, ref.siret);
  const recommendedAt = await deps.hr.recommend(ref.siret, ref.employeeId, deps.now().toISOString());
  if (!recommendedAt) throw unknownEmployee();
  return { employeeId: ref.employeeId, recommended: true, recommendedAt };
}

/**
 * The company withdraws its recommendation.
 * 1. Only a user of that company (403).
 * 2. One conditional update removing it: the employee must belong to the SIRET (404); withdrawing
 *    what was not recommended succeeds and changes nothing.
 */
export async function withdrawRecommendation(deps: CompanyHrDeps, ref: EmployeeRef, caller: Principal): Promise<RecommendationView> {
  requireCompany(caller, ref.siret);
  if (!(await deps.hr.withdrawRecommendation(ref.siret, ref.employeeId))) throw unknownEmployee();
  return { employeeId: ref.employeeId, recommended: false };
}
