import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { offerKey } from '#offers/offer-store.ts';
import { api, tokenOf } from '../support/api.ts';
import { localTable } from '../support/table.ts';

/** An offer the demo employee (household of 2, T2/T3 apartment in Paris, ≤ 950 € with charges) matches. */
export const matchingOffer = (overrides: Record<string, unknown> = {}) => ({
  externalReference: `APP-${randomUUID()}`,
  residenceName: 'Résidence du Canal',
  address: '8 quai de Valmy',
  postalCode: '75010',
  commune: '75056',
  kind: 'apartment',
  typology: 'T3',
  rooms: 3,
  bedrooms: 2,
  surfaceM2: 58,
  floor: 3,
  elevator: true,
  accessibility: 'accessible',
  rentEuros: 610,
  chargesEuros: 120,
  depositEuros: 610,
  energyClass: 'C',
  financing: 'PLUS',
  availableFrom: '2026-10-01',
  description: 'Proche du canal Saint-Martin.',
  ...overrides,
});

/** Creates and publishes an offer through the landlord routes; returns its id. */
export async function publishedOffer(overrides: Record<string, unknown> = {}): Promise<string> {
  const token = await tokenOf('landlord');
  const created = await api('POST', '/landlord/offers', { token, body: matchingOffer(overrides) });
  if (created.status !== 201) throw new Error(`offer creation failed: ${created.status} ${JSON.stringify(created.body)}`);
  const offerId = created.body.offerId as string;
  const published = await api('POST', `/landlord/offers/${offerId}/publish`, { token });
  if (published.status !== 200) throw new Error(`publication failed: ${published.status} ${JSON.stringify(published.body)}`);
  return offerId;
}

export async function applicantCountOf(offerId: string): Promise<number> {
  const response = await api('GET', `/landlord/offers/${offerId}`, { token: await tokenOf('landlord') });
  if (response.status !== 200) throw new Error(`offer read failed: ${response.status}`);
  return response.body.applicantCount as number;
}

/** Moves the offer's window end into the past, directly in the table. */
export async function closeWindow(offerId: string): Promise<void> {
  const table = localTable();
  await table.client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: offerKey(offerId),
      UpdateExpression: 'SET closesAt = :past',
      ExpressionAttributeValues: { ':past': new Date(Date.now() - 60_000).toISOString() },
    }),
  );
}
