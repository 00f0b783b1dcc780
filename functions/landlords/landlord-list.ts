import { NotFoundError } from '#shared/errors.ts';
import { encodeCursor, type PageQuery } from '#shared/page-cursor.ts';
import { readPage } from '#shared/page-read.ts';
import { logger } from '#shared/powertools.ts';
import type { LandlordDetail, LandlordPage } from './landlord-schemas.ts';
import type { Landlord, LandlordStore } from './landlord-store.ts';

export interface LandlordListDeps {
  readonly landlords: Pick<LandlordStore, 'list' | 'get' | 'users'>;
}

const viewOf = (landlord: Landlord) => ({
  landlordId: landlord.landlordId,
  name: landlord.name,
  ...(landlord.siren && { siren: landlord.siren }),
  createdAt: landlord.createdAt,
});

/**
 * The operator's list of landlord organisations, one page at a time, by name.
 * 1. One Query on GSI1 `LANDLORDS` (the route admits operators only).
 * 2. Per organisation of the page, one Query of its users on GSI2 (in parallel, a handful of
 *    items each), counted by role: an organisation without a commission member cannot rank.
 * A cursor DynamoDB refuses is a 400 on `query.cursor`.
 */
export async function listLandlords(deps: LandlordListDeps, query: PageQuery): Promise<LandlordPage> {
  const page = await readPage(query.cursor, () => deps.landlords.list(query.limit, query.cursor));
  if (page.unreadable.length > 0) logger.warn('Landlord list: unreadable items left out', { keys: page.unreadable });
  const landlords = await Promise.all(
    page.landlords.map(async (landlord) => {
      const users = await deps.landlords.users(landlord.landlordId);
      const count = (role: 'landlord' | 'commission') => users.filter((user) => user.role === role).length;
      return { ...viewOf(landlord), users: { landlord: count('landlord'), commission: count('commission') } };
    }),
  );
  return { landlords, cursor: page.cursor ? encodeCursor(page.cursor) : undefined };
}

/**
 * One organisation and its invited users, for the operator: GetItem and one Query on GSI2, in
 * parallel; an unknown id is a 404.
 */
export async function getLandlord(deps: LandlordListDeps, landlordId: string): Promise<LandlordDetail> {
  const [landlord, users] = await Promise.all([deps.landlords.get(landlordId), deps.landlords.users(landlordId)]);
  if (!landlord) throw new NotFoundError('Aucun bailleur ne porte cet identifiant.');
  return {
    ...viewOf(landlord),
    users: users.map((user) => ({ email: user.email, role: user.role, invitedAt: user.invitedAt, linkValidUntil: user.linkValidUntil })),
  };
}
