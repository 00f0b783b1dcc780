import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { employeeKey, employeeToItem, type Employee } from '#identity/employee-store.ts';
import { pagePaths } from '#shared/page-paths.ts';
import { api, cloud, eventually, tokenOf } from '../support/api.ts';
import { mailsTo, uniqueNud } from '../support/registration.ts';
import { localTable } from '../support/table.ts';
import { employeeWithCompleteFile, publishedOffer } from '../applications/support.ts';

/** The demo HR account's company (`tokenOf('company')`). */
const siret = '43219876500013';

/** The subjects of the e-mails to `address`, once `count` have arrived. */
const subjectsOnce = (address: string, count: number) =>
  eventually(`${count} e-mail(s) to the address`, async () => {
    const found = await mailsTo(address);
    return found.length >= count ? found : undefined;
  });

/** A registered employee of `siret` awaiting HR's confirmation, written as activation writes it. */
async function pendingEmployee(siret: string): Promise<Employee> {
  const id = randomUUID();
  const employee: Employee = {
    id,
    civility: 'Mme',
    lastName: 'Roche',
    firstName: 'Inès',
    phone: '+33612345678',
    email: `ines.${id}@example.org`,
    nud: uniqueNud(),
    siret,
    consent: { acceptedAt: '2026-02-01T08:00:00.000Z', textVersion: '2026-01' },
    registeredAt: new Date().toISOString(),
    account: 'ACTIVE',
    employment: { status: 'PENDING' },
  };
  const table = localTable();
  await table.client.send(new PutCommand({ TableName: table.tableName, Item: employeeToItem(employee) }));
  return employee;
}

describe('the employee is told HR’s decision', () => {
  it('e-mails the confirmation once, then the rejection with its reason, each linking to "Ma situation"', async () => {
    const hrToken = await tokenOf('company');
    const employee = await pendingEmployee(siret);
    const decide = (body: unknown) => api('POST', `/companies/${siret}/employees/${employee.id}/employment`, { token: hrToken, body });

    expect((await decide({ decision: 'confirmed' })).status).toBe(200);
    const [confirmed] = await subjectsOnce(employee.email, 1);
    expect(confirmed!.subject).toBe('Votre employeur a confirmé votre emploi');
    expect(confirmed!.body.text).toMatch(/Bonjour Inès,/);
    expect(confirmed!.body.text).toMatch(/\/ma-situation\b/);
    // Decided: out of the daily HR digest's list.
    expect(await localTable().get(employeeKey(employee.id))).not.toHaveProperty('GSI1PK');

    // The same decision again changes nothing, and sends nothing.
    expect((await decide({ decision: 'confirmed' })).status).toBe(200);
    expect((await decide({ decision: 'rejected', reason: 'Ne fait plus partie des effectifs' })).status).toBe(200);
    const mails = await subjectsOnce(employee.email, 2);
    expect(mails.map((mail) => mail.subject)).toEqual([
      'Votre employeur a confirmé votre emploi',
      'Votre employeur n’a pas confirmé votre emploi',
    ]);
    expect(mails[1]!.body.text).toContain('motif : Ne fait plus partie des effectifs');
    expect(mails[1]!.body.text).toMatch(/\/ma-situation\b/);
  });

  it('sends nothing for an employee of another company (404, as before)', async () => {
    const employee = await pendingEmployee('51234567800019');
    const hrToken = await tokenOf('company');
    const answer = await api('POST', `/companies/${siret}/employees/${employee.id}/employment`, {
      token: hrToken,
      body: { decision: 'confirmed' },
    });
    expect(answer.status).toBe(404);
    // A later e-mail to the same outbox has arrived, so this one would have too.
    const witness = await pendingEmployee(siret);
    await api('POST', `/companies/${siret}/employees/${witness.id}/employment`, { token: hrToken, body: { decision: 'confirmed' } });
    await subjectsOnce(witness.email, 1);
    expect(await mailsTo(employee.email)).toEqual([]);
  });
});

describe('"Je postule" and the withdrawal are confirmed by e-mail', () => {
  it('confirms the application with the closing date, then the withdrawal, each once', async () => {
    const employee = await employeeWithCompleteFile();
    const offerId = await publishedOffer();
    const applied = await api('POST', `/offers/${offerId}/applications`, { token: employee.token });
    expect(applied.status).toBe(201);
    // A repeat answers the same application and sends nothing more.
    expect((await api('POST', `/offers/${offerId}/applications`, { token: employee.token })).status).toBe(201);
    expect((await api('DELETE', `/me/applications/${offerId}`, { token: employee.token })).status).toBe(200);

    const mails = await subjectsOnce(employee.email, 2);
    expect(mails.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/^Votre candidature au logement T3 .* est enregistrée$/),
      expect.stringMatching(/^Vous avez retiré votre candidature au logement T3 /),
    ]);
    expect(mails[0]!.body.text).toMatch(/ouvertes jusqu’au \d{1,2} \p{L}+ \d{4} à \d{2}:\d{2}/u);
    expect(mails[0]!.body.text).toContain(`${cloud().api}${pagePaths.applications}`);
  });
});
