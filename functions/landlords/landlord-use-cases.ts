import type { Principal } from '#shared/auth.ts';
import { NotFoundError } from '#shared/errors.ts';
import { inviteUser, type InvitationDeps } from '#identity/invitations.ts';
import type { LandlordInvitationRequest, LandlordInvitationView, LandlordRequest, LandlordView } from './landlord-schemas.ts';
import type { LandlordStore, LandlordUser } from './landlord-store.ts';

export interface LandlordDeps {
  readonly landlords: Pick<LandlordStore, 'create'>;
  readonly newId: () => string;
  readonly now: () => Date;
}

export interface LandlordInvitationDeps extends InvitationDeps<LandlordUser> {
  readonly landlords: Pick<LandlordStore, 'get'>;
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

const roleLabels = { landlord: 'gestionnaire des offres', commission: 'membre de la commission d’attribution' } as const;

/**
 * The operator invites a user of a landlord organisation, as landlord or commission member.
 * 1. The organisation must exist (404).
 * 2. The invitation (`inviteUser`): the Cognito account in the role's group, bound to the
 *    organisation (`custom:landlordId`; an e-mail bound to another organisation, or of another
 *    kind or role: 409), then the invitation, its password link and its e-mail in one
 *    transaction. An invitation whose link is still valid is kept (`emailSent: false`); one
 *    whose link expired is renewed.
 */
export async function inviteLandlordUser(
  deps: LandlordInvitationDeps,
  landlordId: string,
  request: LandlordInvitationRequest,
  operator: Principal,
): Promise<LandlordInvitationView> {
  const landlord = await deps.landlords.get(landlordId);
  if (!landlord) throw new NotFoundError('Aucun bailleur ne porte cet identifiant.');

  const { invitation, created } = await inviteUser(deps, {
    email: request.email,
    account: { group: request.role, attribute: 'custom:landlordId', value: landlordId },
    template: 'landlord-user-invited',
    params: { landlordName: landlord.name, roleLabel: roleLabels[request.role] },
    invitedBy: operator.userId,
    user: (invited): LandlordUser => ({ ...invited, landlordId, role: request.role }),
  });
  return {
    landlordId,
    email: invitation.email,
    role: invitation.role,
    invitedAt: invitation.invitedAt,
    linkValidUntil: invitation.linkValidUntil,
    emailSent: created,
  };
}
