import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { applicationKey } from '#applications/application-store.ts';
import { closeAndScore } from '#lifecycle/tasks/close-and-score.ts';
import { offerKey } from '#offers/offer-store.ts';
import { publishedOffer } from '../applications/support.ts';
import { api } from '../support/api.ts';
import { createTestEmployee, receiveRequiredDocuments, situationBody } from '../support/employees.ts';
import { localTable } from '../support/table.ts';
import { robotDepsOnSharedTable } from './robot-deps.ts';

/**
 * Issue 13, item 3: grid v2 is the default from its effective date (1 January 2027, Paris day)
 * and the robot applies its seniority cap. Two offers the same employee applied to close one
 * second apart around midnight in Paris; the robot runs with the real store and table, its clock
 * set after both closes (it scores at `closesAt`, with the grid in force that day).
 */
describe('the grid the robot scores with, around v2’s effective date', () => {
  it('scores a window closed at 23:59:59 on 31 December 2026 with v1 (seniority uncapped), one closed at midnight with v2 (capped at 60)', async () => {
    // A request first registered on 1 December 2019 (84 whole months on 31 December 2026), renewed today.
    const employee = await createTestEmployee({ employee: { employment: { status: 'CONFIRMED' } } });
    const body = {
      ...situationBody({
        nudRegisteredDaysAgo: 0,
        members: { applicant: '1996-05-14', child: '2021-11-02' },
        rfrN2: 24_500,
        contractStart: '2022-01-10',
        searchCriteria: { kinds: ['apartment'], typologies: ['T2', 'T3'], communes: ['75056'], minSurfaceM2: 40, maxRentEuros: 950 },
      }),
      nud: { firstRegisteredOn: '2019-12-01' },
    };
    expect((await api('PUT', '/me/situation', { token: employee.token, body })).status).toBe(200);
    expect((await api('POST', '/me/nud-renewal', { token: employee.token, body: {} })).status).toBe(200);
    await receiveRequiredDocuments(employee.id);

    const table = localTable();
    const closes = { beforeV2: '2026-12-31T22:59:59.000Z', atV2: '2026-12-31T23:00:00.000Z' };
    const offers = { beforeV2: await publishedOffer(), atV2: await publishedOffer() };
    for (const which of ['beforeV2', 'atV2'] as const) {
      expect((await api('POST', `/offers/${offers[which]}/applications`, { token: employee.token })).status).toBe(201);
      await table.client.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: offerKey(offers[which]),
          UpdateExpression: 'SET closesAt = :closesAt',
          ExpressionAttributeValues: { ':closesAt': closes[which] },
        }),
      );
    }

    const deps = robotDepsOnSharedTable(() => new Date('2027-01-01T00:00:00Z'));
    const scored = async (which: keyof typeof offers) => {
      expect((await closeAndScore(deps, { offerId: offers[which], commissionSeconds: 600 })).selected).toBe(1);
      const application = await table.get(applicationKey(offers[which], employee.id));
      const breakdown = (application?.scoreBreakdown ?? []) as { criterion: string; points: number; detail: string }[];
      return { gridVersion: application?.gridVersion, seniority: breakdown.find((line) => line.criterion === 'seniority') };
    };

    const v1 = await scored('beforeV2');
    expect(v1.gridVersion).toBe('v1');
    expect(v1.seniority).toMatchObject({ points: 84, detail: expect.stringMatching(/84 mois entier\(s\) × 1 : 84 points$/) });
    const v2 = await scored('atV2');
    expect(v2.gridVersion).toBe('v2');
    expect(v2.seniority).toMatchObject({
      points: 60,
      detail: expect.stringMatching(/85 mois entier\(s\) × 1, plafonné à 60 : 60 points$/),
    });
  });
});
