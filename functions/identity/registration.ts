import { randomUUID } from 'node:crypto';
import type { CompanyStore } from '#companies/company-store.ts';
import { evaluateCompanyEligibility } from '#companies/eligibility.ts';
import { newNotification } from '#notifications/outbox.ts';
import type { companyEligibilityRules, registrationRules } from '#shared/business-rules.ts';
import { ConflictError, GoneError, UnprocessableError, ValidationError } from '#shared/errors.ts';
import { AccountGone, AccountOfAnotherKind, emailTaken, type Accounts } from './accounts.ts';
import { RegistrationConflict, type Employee, type EmployeeStore } from './employee-store.ts';
import {
  LinkAlreadyUsed,
  hashToken,
  lostPasswordUrl,
  passwordLinkEmail,
  type PasswordLink,
  type PasswordLinkStore,
} from './password-link.ts';
import { accountEmailQuota } from './account-emails.ts';
import type { PendingRegistration, RegistrationStore } from './registration-store.ts';
import type { Registration } from './identity-schemas.ts';

export interface RegistrationDeps {
  readonly companies: CompanyStore;
  readonly employees: EmployeeStore;
  readonly registrations: RegistrationStore;
  readonly links: PasswordLinkStore;
  readonly accounts: Accounts;
  readonly eligibilityRules: typeof companyEligibilityRules;
  readonly rules: typeof registrationRules;
  readonly appUrl: string;
  readonly now: () => Date;
}

/** The one answer to every registration that passes the company checks, whatever is known of the e-mail and NUD. */
const accepted = {
  message:
    'Si ces informations sont valides, un e-mail vous a été envoyé : suivez son lien pour choisir votre mot de passe et activer votre compte.',
};

/** The address's quota of account e-mails for today. */
const quotaOf = (deps: RegistrationDeps, email: string, now: Date) => accountEmailQuota(email, now, deps.rules.emailsPerAddressPerDay);

/** The welcome e-mail with a fresh password link for the pending registration, and the link itself. */
function welcomeWithLink(deps: RegistrationDeps, pending: PendingRegistration, now: Date) {
  return passwordLinkEmail({
    email: pending.email,
    registrationId: pending.registrationId,
    template: 'registration-welcome',
    params: { firstName: pending.firstName },
    appUrl: deps.appUrl,
    now,
    validityHours: deps.rules.passwordLinkValidityHours,
  });
}

/** A warning to an address about a registration attempt, counted against its daily quota. */
async function warn(
  deps: RegistrationDeps,
  to: string,
  template: 'registration-attempt' | 'registration-nud-used',
  params: Record<string, string>,
) {
  const now = deps.now();
  const notification = newNotification({
    template,
    to,
    params: { ...params, lostPasswordLink: lostPasswordUrl(deps.appUrl) },
    createdAt: now.toISOString(),
  });
  await deps.registrations.notify(notification, quotaOf(deps, to, now));
}

/**
 * An employee registers (rule R3). Nothing in the answer tells whether the e-mail or the NUD is
 * known, and no account exists before the address is proved (docs/decisions.md, 2026-12-03).
 * 1. The employer must be a declared, eligible company (422 on `siret` otherwise).
 * 2. Read, whatever the case, what is known of the e-mail (an employee's guard, any account), of
 *    the NUD, and the pending registration of the e-mail.
 * 3. A known e-mail: its owner is warned ("someone tried to register with your address").
 *    A NUD bound to another account: the registration is refused silently and the NUD's owner is
 *    warned. Otherwise the registration is kept pending with a password link e-mailed to the
 *    address; the same registration sent again keeps the first one and e-mails a new link only if
 *    the last one is older than the resend delay (concurrent twins: one e-mail).
 * 4. Every e-mail counts against the address's daily quota; beyond it, nothing is sent.
 * 5. The same answer (202) in every case.
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

  const [employeeWithEmail, hasAccount, nudOwnerId, pending] = await Promise.all([
    deps.employees.employeeIdByEmail(registration.email),
    deps.accounts.exists(registration.email),
    deps.employees.employeeIdByNud(registration.nud),
    deps.registrations.pending(registration.email),
  ]);
  if (employeeWithEmail || hasAccount) {
    await warn(deps, registration.email, 'registration-attempt', {});
    return accepted;
  }
  if (nudOwnerId) {
    const owner = await deps.employees.get(nudOwnerId);
    if (owner) await warn(deps, owner.email, 'registration-nud-used', { firstName: owner.firstName });
    return accepted;
  }

  const now = deps.now();
  if (!pending) {
    const fresh: PendingRegistration = {
      registrationId: randomUUID(),
      civility: registration.civility,
      lastName: registration.lastName,
      firstName: registration.firstName,
      phone: registration.phone,
      email: registration.email,
      nud: registration.nud,
      siret: registration.siret,
      consent: { acceptedAt: now.toISOString(), textVersion: deps.rules.consentTextVersion },
      registeredAt: now.toISOString(),
      linkIssuedAt: now.toISOString(),
    };
    const { link, notification } = welcomeWithLink(deps, fresh, now);
    await deps.registrations.start(fresh, link, notification, quotaOf(deps, fresh.email, now));
  } else if (now.getTime() - Date.parse(pending.linkIssuedAt) >= deps.rules.passwordLinkResendAfterMinutes * 60_000) {
    const renewed = { ...pending, linkIssuedAt: now.toISOString() };
    const { link, notification } = welcomeWithLink(deps, renewed, now);
    await deps.registrations.start(renewed, link, notification, quotaOf(deps, renewed.email, now), pending.linkIssuedAt);
  }
  return accepted;
}

const linkUsed = () => new ConflictError('LINK_USED', 'Ce lien a déjà servi. Connectez-vous avec votre mot de passe.');
const registrationGone = () =>
  new GoneError('REGISTRATION_GONE', 'Cette inscription n’est plus en attente : connectez-vous, ou inscrivez-vous à nouveau.');
const accountGone = () => new GoneError('ACCOUNT_GONE', 'Le compte de ce lien n’existe plus. Inscrivez-vous à nouveau ou contactez-nous.');
const weakPassword = () =>
  new ValidationError([{ field: 'body.password', message: 'Ce mot de passe ne respecte pas la politique de sécurité.' }]);

/**
 * The employee's link is used: the address is proved, so the account is created now.
 * 1. The pending registration must still be the link's (410 otherwise: activated or expired).
 * 2. Create the Cognito account bound to the registration (`custom:registrationId`, immutable);
 *    an account with this e-mail is adopted only if it carries the same binding (a retry of this
 *    activation), never another one (409).
 * 3. Set the password (by `sub`), then one transaction writes the file, the e-mail and NUD
 *    guards and deletes the pending registration. A NUD taken meanwhile by another account: the
 *    account just created is deleted, the NUD's owner warned, and the answer says nothing of whom.
 * Returns false when the password policy refuses the password.
 */
async function activateRegistration(deps: RegistrationDeps, link: PasswordLink, password: string): Promise<boolean> {
  const pending = await deps.registrations.pending(link.email);
  if (!pending || pending.registrationId !== link.registrationId) throw registrationGone();
  const userId = await deps.accounts
    .ensureBound(pending.email, 'employee', 'custom:registrationId', pending.registrationId)
    .catch((error: unknown) => {
      throw error instanceof AccountOfAnotherKind ? emailTaken('registration') : error;
    });
  if (!(await deps.accounts.setPassword(userId, password))) return false;
  const { registrationId, linkIssuedAt: _linkIssuedAt, ...data } = pending;
  const employee: Employee = { ...data, id: userId, account: 'ACTIVE', employment: { status: 'PENDING' } };
  try {
    await deps.employees.activate(employee, registrationId);
  } catch (error) {
    if (!(error instanceof RegistrationConflict)) throw error;
    if (error.on === 'employee' && (await deps.employees.get(userId))) return true; // a twin link of this registration won
    if (error.on === 'concurrent') throw new ConflictError('TRY_AGAIN', 'Une activation simultanée est en cours ; réessayez.');
    // The account is this registration's and has no file: it goes, so that no account is left without one.
    await deps.accounts.remove(userId);
    if (error.on === 'pending' || error.on === 'employee') throw registrationGone();
    await deps.registrations.remove(pending.email);
    if (error.on === 'nud') {
      const ownerId = await deps.employees.employeeIdByNud(pending.nud);
      const owner = ownerId ? await deps.employees.get(ownerId) : undefined;
      if (owner) await warn(deps, owner.email, 'registration-nud-used', { firstName: owner.firstName });
    }
    throw new ConflictError(
      'REGISTRATION_REFUSED',
      'Votre inscription ne peut pas être finalisée avec ces informations. Contactez le support de la plateforme.',
    );
  }
  return true;
}

/**
 * The employee (or an invited HR contact) chooses a password with the e-mailed link.
 * 1. The link must exist (400), be unused (409) and not expired (410).
 * 2. The password follows rule R3 (checked by the schema; Cognito's policy is the same).
 * 3. Claim the link (conditional write: of two concurrent uses, one wins). An employee's link
 *    creates the account and the file (`activateRegistration`); an invited user's sets the
 *    password of the account made at the invitation (410 if it was deleted since). If anything
 *    fails before that, the link is given back.
 * 4. Strip the link of its e-mail.
 */
export async function choosePassword(deps: RegistrationDeps, input: { token: string; password: string }) {
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
  const chosen = (
    link.registrationId ? activateRegistration(deps, link, input.password) : deps.accounts.setPassword(link.email, input.password)
  ).catch((error: unknown) => {
    throw error instanceof AccountGone ? accountGone() : error;
  });
  const accepted = await chosen.catch(async (error: unknown) => {
    await deps.links.release(tokenHash);
    throw error;
  });
  if (!accepted) {
    await deps.links.release(tokenHash);
    throw weakPassword();
  }
  await deps.links.redact(tokenHash);
  return { message: 'Votre mot de passe est enregistré. Vous pouvez vous connecter.' };
}
