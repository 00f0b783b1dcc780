import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { offerKey } from '#offers/offer-store.ts';
import { demoOffer } from '#local/demo-scenario.ts';
import { api, tokenOf } from '../support/api.ts';
import { employeeWithSituation, receiveRequiredDocuments } from '../support/employees.ts';
import { localTable } from '../support/table.ts';

/**
 * The demo's offer (`npm run demo`) under a reference of its own: the demo employee (household of 2,
 * T2/T3 apartment in Paris, ≤ 950 € with charges) matches it.
 */
export const matchingOffer = (overrides: Record<string, unknown> = {}) => ({
  ...demoOffer(),
  externalReference: `APP-${randomUUID()}`,
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

/**
 * An employee of its own with a complete file that matches `matchingOffer()`: employment
 * confirmed, a recent NUD, the situation the demo employee has, and every required document
 * received. Tests that count exactly use it rather than the demo employee shared by other files.
 */
export async function employeeWithCompleteFile(options: { nudRegisteredDaysAgo?: number } = {}) {
  const employee = await employeeWithSituation({
    nudRegisteredDaysAgo: options.nudRegisteredDaysAgo ?? 60,
    members: { applicant: '1996-05-14', child: '2021-11-02' },
    rfrN2: 24_500,
    contractStart: '2022-01-10',
    searchCriteria: { kinds: ['apartment'], typologies: ['T2', 'T3'], communes: ['75056'], minSurfaceM2: 40, maxRentEuros: 950 },
  });
  await receiveRequiredDocuments(employee.id);
  return employee;
}
