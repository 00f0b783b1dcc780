import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { applicationKey } from '#applications/application-store.ts';
import { documentRules, requiredDocumentTypes } from '#housing-file/document-rules.ts';
import { situationRules } from '#housing-file/situation-rules.ts';
import { receivedDocumentItems } from '#local/seed.ts';
import { lifecycleStore } from '#lifecycle/lifecycle-store.ts';
import { closeAndScore, robotWrites } from '#lifecycle/tasks/close-and-score.ts';
import { scoringGridStore } from '#scoring/grid-store.ts';
import { companyEligibilityRules } from '#shared/business-rules.ts';
import { closeWindow, publishedOffer } from '../applications/support.ts';
import { api, tokenOf } from '../support/api.ts';
import { createTestEmployee, situationBody } from '../support/employees.ts';
import { uniqueSiret } from '../support/sirets.ts';
import { localTable } from '../support/table.ts';

/**
 * Issue 13, item 7: the robot's employer criterion reads the company's figures in force when the
 * window closed. The robot runs here with the real store and table, right after the window was
 * moved into the past and the company's HR lowered its contribution.
 */
describe('the employer criterion at the close of the window', () => {
  it('scores with the contribution in force at closesAt, not the one HR entered after', async () => {
    const siret = uniqueSiret();
    const operator = await tokenOf('operator');
    // 25 000 € for 100 employees: 250 € each, the top band (15 points).
    const company = {
      siret,
      name: 'Entreprise clôture',
      sector: 'private',
      headcount: 100,
      contributor: true,
      lastContributionEuros: 25_000,
      lastContributionYear: 2025,
    };
    expect((await api('POST', '/companies', { token: operator, body: company })).status).toBe(201);

    const employee = await createTestEmployee({ employee: { siret, employment: { status: 'CONFIRMED' } } });
    const situation = situationBody({
      nudRegisteredDaysAgo: 60,
      members: { applicant: '1996-05-14', child: '2021-11-02' },
      rfrN2: 24_500,
      contractStart: '2022-01-10',
      searchCriteria: { kinds: ['apartment'], typologies: ['T2', 'T3'], communes: ['75056'], minSurfaceM2: 40, maxRentEuros: 950 },
    });
    expect((await api('PUT', '/me/situation', { token: employee.token, body: situation })).status).toBe(200);
    const table = localTable();
    for (const item of receivedDocumentItems(employee.id, requiredDocumentTypes(documentRules), new Date().toISOString(), 'close')) {
      await table.client.send(new PutCommand({ TableName: table.tableName, Item: item }));
    }
    const offerId = await publishedOffer();
    expect((await api('POST', `/offers/${offerId}/applications`, { token: employee.token })).status).toBe(201);

    await closeWindow(offerId);
    // After the close: 2 000 € for 100 employees, 20 € each (0 points).
    const lowered = await api('PATCH', `/companies/${siret}`, { token: operator, body: { lastContributionEuros: 2_000 } });
    expect(lowered.body.contributionPerEmployeeEuros).toBe(20);

    const deps = {
      store: lifecycleStore(table.client, table.tableName),
      grids: scoringGridStore(table.client, table.tableName),
      answers: { succeed: async () => false },
      appUrl: 'http://localhost',
      closeCheck: { documents: documentRules, situation: situationRules, companies: companyEligibilityRules },
      now: () => new Date(),
      ...robotWrites,
    };
    expect((await closeAndScore(deps, { offerId, commissionSeconds: 600 })).selected).toBe(1);

    const application = await table.get(applicationKey(offerId, employee.id));
    const breakdown = (application?.scoreBreakdown ?? []) as { criterion: string; points: number; detail: string }[];
    const line = breakdown.find((entry) => entry.criterion === 'employer-contribution');
    expect(line).toMatchObject({ points: 15 });
    expect(line?.detail).toContain('250 € par salarié');
  });
});
