import type { Principal } from '#shared/auth.ts';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import { AccountOfAnotherKind, type Accounts } from '#identity/accounts.ts';
import { passwordLinkEmail } from '#identity/password-link.ts';
import type {
  LandlordInvitationRequest,
  LandlordInvitationView,
  LandlordRequest,
  LandlordView,
} from './landlord-schemas.ts';
import type { LandlordStore, LandlordUser } from './landlord-store.ts';

export interface LandlordDeps {
  readonly landlords: Pick<LandlordStore, 'create'>;
  readonly newId: () => string;
  readonly now: () => Date;
}

export interface LandlordInvitationDeps {
  readonly landlords: Pick<LandlordStore, 'get' | 'recordInvitation'>;
  readonly accounts: Pick<Accounts, 'ensureBound'>;
  readonly appUrl: string;
  /** How long the invitation's password link stays valid. */
  readonly linkValidityHours: number;
  readonly now: () => Date;
}

/**
 * The operator creates a landlord organisation.
 * 1. A new random id; the organisation item is written once (`attribute_not_exists`).
 * Two organisations may share a name (the SIREN, optional, is informative).
 */
export async function createLandlord(deps: LandlordDeps, request: LandlordRequest, operator: Principal): Promise<LandlordView> {
  const landlord = {
    landlordId: deps.newId(),
    name: request.name,
    siren: request.siren,
    createdAt: deps.now().toISOString(),
    createdBy: operator.userId,
  };
  await deps.landlords.create(landlord);
  const { createdBy: _createdBy, ...view } = landlord;
  return view;
}

/** The same answer whichever account holds the e-mail, so that invitations cannot probe accounts. */
const emailTaken = () =>
  new ConflictError('ACCOUNT_EXISTS', 'Cette adresse e-mail est déjà utilisée par un autre compte de la plateforme.');

const roleLabels = { landlord: 'gestionnaire des offres', commission: 'membre de la commission d’attribution' } as const;

/**
 * The operator invites a user of a landlord organisation, as landlord or commission member.
 * 1. The organisation must exist (404).
 * 2. An e-mail naming an account bound to another organisation, or an account of another kind or
 *    role (employee, HR contact, the other landlord role...), is refused (409) before any write.
 * 3. Create (or find, on a retry) the Cognito account in the role's group, with `custom:landlordId`.
 * 4. One transaction writes the invitation, a password link and the French invitation e-mail
 *    (outbox). An invitation whose link is still valid is kept: no second e-mail
 *    (`emailSent: false`); one whose link expired is renewed with a fresh link.
 */
export async function inviteLandlordUser(
  deps: LandlordInvitationDeps,
  landlordId: string,
  request: LandlordInvitationRequest,
  operator: Principal,
): Promise<LandlordInvitationView> {
  const landlord = await deps.landlords.get(landlordId);
  if (!landlord) throw new NotFoundError('Aucun bailleur ne porte cet identifiant.');

  const userId = await deps.accounts
    .ensureBound(request.email, request.role, 'custom:landlordId', landlordId)
    .catch((error: unknown) => {
      throw error instanceof AccountOfAnotherKind ? emailTaken() : error;
    });

  const now = deps.now();
  const { link, notification: invitationEmail } = passwordLinkEmail({
    email: request.email,
    template: 'landlord-user-invited',
    params: { landlordName: landlord.name, roleLabel: roleLabels[request.role] },
    appUrl: deps.appUrl,
    now,
    validityHours: deps.linkValidityHours,
  });
  const user: LandlordUser = {
    email: request.email,
    landlordId,
    role: request.role,
    userId,
    invitedAt: now.toISOString(),
    invitedBy: operator.userId,
    linkValidUntil: link.validUntil,
  };
  const { invitation, created } = await deps.landlords.recordInvitation(user, link, invitationEmail);
  if (invitation.landlordId !== landlordId || invitation.role !== request.role) throw emailTaken();
  return {
    landlordId,
    email: invitation.email,
    role: invitation.role,
    invitedAt: invitation.invitedAt,
    linkValidUntil: invitation.linkValidUntil,
    emailSent: created,
  };
}
