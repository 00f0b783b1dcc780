import type { CompanyStore } from '#companies/company-store.ts';
import { evaluateCompanyEligibility } from '#companies/eligibility.ts';
import type { companyEligibilityRules, registrationRules } from '#shared/business-rules.ts';
import { ConflictError, GoneError, UnprocessableError, ValidationError } from '#shared/errors.ts';
import { AccountOfAnotherKind, emailTaken, type Accounts } from './accounts.ts';
import { RegistrationConflict, type Employee, type EmployeeStore } from './employee-store.ts';
import { LinkAlreadyUsed, hashToken, passwordLinkEmail, type PasswordLinkStore } from './password-link.ts';
import type { Registration } from './identity-schemas.ts';

export interface RegistrationDeps {
  readonly companies: CompanyStore;
  readonly employees: EmployeeStore;
  readonly links: PasswordLinkStore;
  readonly accounts: Accounts;
  readonly eligibilityRules: typeof companyEligibilityRules;
  readonly rules: typeof registrationRules;
  readonly appUrl: string;
  readonly now: () => Date;
}

const created = (employeeId: string) => ({
  employeeId,
  message: 'Votre compte est créé. Un e-mail vous a été envoyé pour choisir votre mot de passe.',
});
const alreadyActive = (employeeId: string) => ({
  employeeId,
  message: 'Votre compte existe déjà : connectez-vous avec votre mot de passe.',
});

/** The welcome e-mail with a fresh password link, and the link itself. */
function welcomeWithLink(deps: RegistrationDeps, employee: Pick<Employee, 'id' | 'email' | 'firstName'>, now: Date) {
  return passwordLinkEmail({
    email: employee.email,
    employeeId: employee.id,
    template: 'registration-welcome',
    params: { firstName: employee.firstName },
    appUrl: deps.appUrl,
    now,
    validityHours: deps.rules.passwordLinkValidityHours,
  });
}

/**
 * The same registration sent again: an active account is told to log in; a file still waiting
 * for its password gets a new link, unless one was e-mailed a few minutes ago.
 */
async function answerRepeat(deps: RegistrationDeps, employee: Employee) {
  if (employee.account === 'ACTIVE') return alreadyActive(employee.id);
  const now = deps.now();
  const lastIssued = Date.parse(employee.passwordLinkIssuedAt ?? employee.registeredAt);
  if (now.getTime() - lastIssued >= deps.rules.passwordLinkResendAfterMinutes * 60_000) {
    const { link, notification } = welcomeWithLink(deps, employee, now);
    await deps.employees.reissueLink(employee, link, notification, now.toISOString());
  }
  return created(employee.id);
}

/** A repeat of the same registration (same e-mail, NUD and SIRET) is the same account. */
const sameRegistration = (employee: Employee, registration: Registration) =>
  employee.nud === registration.nud && employee.siret === registration.siret;

const linkUsed = () => new ConflictError('LINK_USED', 'Ce lien a déjà servi. Connectez-vous avec votre mot de passe.');
const nudTaken = () => new ConflictError('NUD_TAKEN', 'Ce NUD est déjà rattaché à un autre compte.');

/**
 * An employee registers (rule R3).
 * 1. The employer must be a declared, eligible company (422 on `siret` otherwise).
 * 2. An e-mail already registered: the same registration again answers the same account (and
 *    may e-mail a new link, see `answerRepeat`); different data is a conflict. A NUD already
 *    registered is a conflict.
 * 3. Create (or find, on a retry) the Cognito account; its `sub` is the employee id.
 * 4. One transaction writes the file, the e-mail and NUD guards, the password link and the
 *    welcome e-mail (outbox). A concurrent twin loses on a guard and is answered like step 2.
 */
export async function registerEmployee(deps: RegistrationDeps, registration: Registration) {
  const company = await deps.companies.get(registration.siret);
  if (!company) {
    throw new UnprocessableError('COMPANY_UNKNOWN', 'Votre employeur n’est pas inscrit sur la plateforme.', [
      { field: 'body.siret', message: 'Aucune entreprise n’est déclarée avec ce SIRET.' },
    ]);
  }
  if (!evaluateCompanyEligibility(company, deps.eligibilityRules).eligible) {
    throw new UnprocessableError('COMPANY_NOT_ELIGIBLE', 'Votre employeur n’est pas éligible au dispositif.', [
      { field: 'body.siret', message: 'Cette entreprise ne remplit pas les conditions (effectif ou participation PEEC).' },
    ]);
  }

  const answerExisting = async () => {
    const existingId = await deps.employees.employeeIdByEmail(registration.email);
    if (!existingId) return undefined;
    const existing = await deps.employees.get(existingId);
    if (existing && sameRegistration(existing, registration)) return answerRepeat(deps, existing);
    throw emailTaken('registration');
  };
  const repeated = await answerExisting();
  if (repeated) return repeated;
  if (await deps.employees.employeeIdByNud(registration.nud)) {
    // A twin of this very registration may have committed since the e-mail was checked.
    const twin = await answerExisting();
    if (twin) return twin;
    throw nudTaken();
  }

  const id = await deps.accounts.ensure(registration.email, 'employee').catch((error: unknown) => {
    throw error instanceof AccountOfAnotherKind ? emailTaken('registration') : error;
  });
  const now = deps.now();
  const employee: Employee = {
    id,
    civility: registration.civility,
    lastName: registration.lastName,
    firstName: registration.firstName,
    phone: registration.phone,
    email: registration.email,
    nud: registration.nud,
    siret: registration.siret,
    consent: { acceptedAt: now.toISOString(), textVersion: deps.rules.consentTextVersion },
    registeredAt: now.toISOString(),
    account: 'PENDING_PASSWORD',
    employment: { status: 'PENDING' },
    passwordLinkIssuedAt: now.toISOString(),
  };
  const { link, notification } = welcomeWithLink(deps, employee, now);
  try {
    await deps.employees.register(employee, link, notification);
  } catch (error) {
    if (!(error instanceof RegistrationConflict)) throw error;
    const twin = await answerExisting();
    if (twin) return twin;
    if (error.on === 'nud') {
      // Another person holds the NUD and no file uses this e-mail: the account was created for
      // nothing (nobody else can hold it, since the e-mail is its name).
      await deps.accounts.remove(employee.email);
      throw nudTaken();
    }
    if (error.on === 'concurrent') {
      if (await deps.employees.employeeIdByNud(registration.nud)) throw nudTaken();
      throw new ConflictError('TRY_AGAIN', 'Une inscription simultanée est en cours avec ces informations ; réessayez.');
    }
    throw emailTaken('registration');
  }
  return created(id);
}

/**
 * The employee (or an invited HR contact) chooses a password with the e-mailed link.
 * 1. The link must exist (400), be unused (409) and not expired (410).
 * 2. The password follows rule R3 (checked by the schema; Cognito's policy is the same).
 * 3. Claim the link (conditional write: of two concurrent uses, one wins), then set the
 *    password in Cognito; if Cognito refuses it, give the link back.
 * 4. Activate the employee's file and strip the link of its e-mail.
 */
export async function choosePassword(
  deps: Pick<RegistrationDeps, 'links' | 'accounts' | 'employees' | 'now'>,
  input: { token: string; password: string },
) {
  const tokenHash = hashToken(input.token);
  const link = await deps.links.get(tokenHash);
  if (!link) throw new ValidationError([{ field: 'body.token', message: 'Ce lien n’est pas valide.' }]);
  if (link.usedAt) throw linkUsed();
  const now = deps.now();
  if (Date.parse(link.validUntil) <= now.getTime()) {
    throw new GoneError('LINK_EXPIRED', 'Ce lien a expiré. Demandez un nouveau lien.');
  }
  try {
    await deps.links.claim(tokenHash, now);
  } catch (error) {
    if (error instanceof LinkAlreadyUsed) throw linkUsed();
    throw error;
  }
  const accepted = await deps.accounts.setPassword(link.email, input.password).catch(async (error: unknown) => {
    await deps.links.release(tokenHash);
    throw error;
  });
  if (!accepted) {
    await deps.links.release(tokenHash);
    throw new ValidationError([{ field: 'body.password', message: 'Ce mot de passe ne respecte pas la politique de sécurité.' }]);
  }
  if (link.employeeId) await deps.employees.markActive(link.employeeId);
  await deps.links.redact(tokenHash);
  return { message: 'Votre mot de passe est enregistré. Vous pouvez vous connecter.' };
}
