import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { applicationKey } from '#applications/application-store.ts';
import { documentRules, requiredDocumentTypes } from '#housing-file/document-rules.ts';
import { receivedDocumentItems } from '#local/seed.ts';
import { closeAndScore } from '#lifecycle/tasks/close-and-score.ts';
import { offerKey } from '#offers/offer-store.ts';
import { publishedOffer } from '../applications/support.ts';
import { api, tokenOf } from '../support/api.ts';
import { createTestEmployee, situationBody } from '../support/employees.ts';
import { companyWithHr } from '../support/company-hr.ts';
import { localTable } from '../support/table.ts';
import { robotDepsOnSharedTable } from '../lifecycle/robot-deps.ts';

/**
 * Issue 13, item 7: the robot's employer criterion reads the company's figures in force when the
 * window closed. The robot runs here with the real store and table, after the company's HR changed
 * its contribution once at the very instant the window closed (in force from then) and once after.
 */
describe('the employer criterion at the close of the window', () => {
  it('scores with the contribution in force at closesAt: not the one at "Je postule", nor the one HR entered after', async () => {
    // 9 000 € for 40 employees: 225 € each, the top band (15 points).
    const { siret, email, password } = await companyWithHr('Entreprise clôture');
    const login = await api<{ idToken: string }>('POST', '/auth/login', { body: { email, password } });
    expect(login.status).toBe(200);
    const hr = login.body.idToken;

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

    // While the window is open, HR enters this year's contribution: 2 000 € for 40 employees, 50 € each (5 points).
    const before = await api('PATCH', `/companies/${siret}`, { token: hr, body: { lastContributionEuros: 2_000 } });
    expect(before.body.contributionPerEmployeeEuros).toBe(50);
    // The window closes at the instant of that change (in force from then on).
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: offerKey(offerId),
        UpdateExpression: 'SET closesAt = :closesAt',
        ExpressionAttributeValues: { ':closesAt': before.body.updatedAt },
      }),
    );
    // After the close: 800 € for 40 employees, 20 € each (0 points).
    const after = await api('PATCH', `/companies/${siret}`, { token: hr, body: { lastContributionEuros: 800 } });
    expect(after.body.contributionPerEmployeeEuros).toBe(20);

    const deps = robotDepsOnSharedTable(() => new Date());
    expect((await closeAndScore(deps, { offerId, commissionSeconds: 600 })).selected).toBe(1);

    const application = await table.get(applicationKey(offerId, employee.id));
    const breakdown = (application?.scoreBreakdown ?? []) as { criterion: string; points: number; detail: string }[];
    const line = breakdown.find((entry) => entry.criterion === 'employer-contribution');
    expect(line).toMatchObject({ points: 5 });
    expect(line?.detail).toContain('50 € par salarié');
    // Both changes are in the company's history, by its HR.
    const history = await api('GET', `/companies/${siret}/history`, { token: await tokenOf('operator') });
    expect(history.body.entries.map((entry: { role: string; changes: unknown[] }) => [entry.role, entry.changes])).toEqual([
      ['company', [{ field: 'lastContributionEuros', from: 9_000, to: 2_000 }]],
      ['company', [{ field: 'lastContributionEuros', from: 2_000, to: 800 }]],
    ]);
  });
});
