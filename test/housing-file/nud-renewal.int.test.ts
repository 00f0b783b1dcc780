import { describe, expect, it } from 'vitest';
import { employeeKey } from '#identity/employee-store.ts';
import { addMonths, calendarDayIn, daysBetween } from '#shared/calendar.ts';
import { situationRules } from '#housing-file/situation-rules.ts';
import { api } from '../support/api.ts';
import { createTestEmployee } from '../support/employees.ts';
import { retriedAcrossMidnight } from '../support/midnight.ts';
import { localTable } from '../support/table.ts';

const today = () => calendarDayIn(situationRules.timeZone, new Date());
const monthsAgo = (months: number) => addMonths(today(), -months);
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** An employee whose request was first registered `months` ago and never renewed. */
async function employeeRegisteredMonthsAgo(months: number) {
  const employee = await createTestEmployee();
  const put = await api('PUT', '/me/situation', { token: employee.token, body: { nud: { firstRegisteredOn: monthsAgo(months) } } });
  expect(put.status).toBe(200);
  return employee;
}

describe('POST /me/nud-renewal', retriedAcrossMidnight(situationRules.timeZone), () => {
  it('makes an expired NUD valid again for 12 months from today', async () => {
    const employee = await employeeRegisteredMonthsAgo(13);
    const before = await api('GET', '/me/situation', { token: employee.token });
    expect(before.body.nud.validity).toMatchObject({ status: 'expired', valid: false, daysLeft: 0 });
    expect(before.body.warnings).toContainEqual(expect.objectContaining({ field: 'nud' }));

    const renewal = await api('POST', '/me/nud-renewal', { token: employee.token, body: {} });
    expect(renewal.status).toBe(200);
    const expiresOn = addMonths(today(), 12);
    expect(renewal.body).toMatchObject({
      number: employee.nud,
      firstRegisteredOn: monthsAgo(13),
      lastRenewedOn: today(),
      validity: { status: 'valid', valid: true, basis: 'last-renewal', expiresOn, daysLeft: daysBetween(today(), expiresOn) },
    });
    expect(await localTable().get(employeeKey(employee.id))).toMatchObject({
      nudLastRenewedOn: today(),
      GSI3PK: `NUD_EXPIRY#${expiresOn.slice(0, 7)}`,
      GSI3SK: `${expiresOn}#${employee.id}`,
    });
    const after = await api('GET', '/me/situation', { token: employee.token });
    expect(after.body.nud).toEqual(renewal.body);
  });

  it('takes a declared renewal date, and a later renewal moves the expiry further', async () => {
    const employee = await employeeRegisteredMonthsAgo(30);
    const earlier = await api('POST', '/me/nud-renewal', { token: employee.token, body: { renewedOn: monthsAgo(11) } });
    expect(earlier.status).toBe(200);
    expect(earlier.body.validity).toMatchObject({ valid: true, expiresOn: addMonths(monthsAgo(11), 12) });
    const later = await api('POST', '/me/nud-renewal', { token: employee.token, body: { renewedOn: today() } });
    expect(later.body.validity.daysLeft).toBeGreaterThan(earlier.body.validity.daysLeft);
  });

  it('warns in "Ma situation" when the NUD expires within 30 days', async () => {
    const employee = await employeeRegisteredMonthsAgo(20);
    await api('POST', '/me/nud-renewal', { token: employee.token, body: { renewedOn: nextDay(monthsAgo(12)) } });
    const view = await api('GET', '/me/situation', { token: employee.token });
    expect(view.body.nud.validity).toMatchObject({ valid: true });
    expect(view.body.nud.validity.daysLeft).toBeLessThanOrEqual(2);
    expect(view.body.warnings).toContainEqual({ field: 'nud', message: expect.stringContaining('Pensez à la renouveler') });
  });

  it('gives the same result when the same renewal is sent twice', async () => {
    const employee = await employeeRegisteredMonthsAgo(6);
    const body = { renewedOn: monthsAgo(1) };
    const first = await api('POST', '/me/nud-renewal', { token: employee.token, body });
    const second = await api('POST', '/me/nud-renewal', { token: employee.token, body });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
  });

  it('refuses a renewal date in the future with 400 and keeps the stored dates', async () => {
    const employee = await employeeRegisteredMonthsAgo(13);
    const response = await api('POST', '/me/nud-renewal', { token: employee.token, body: { renewedOn: nextDay(today()) } });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([
      { field: 'body.renewedOn', message: 'La date de renouvellement ne peut pas être dans le futur.' },
    ]);
    expect(await localTable().get(employeeKey(employee.id))).not.toHaveProperty('nudLastRenewedOn');
  });

  it('refuses a renewal before the first registration with 422', async () => {
    const employee = await employeeRegisteredMonthsAgo(6);
    const response = await api('POST', '/me/nud-renewal', { token: employee.token, body: { renewedOn: monthsAgo(7) } });
    expect(response.status).toBe(422);
    expect(response.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['body.renewedOn']);
  });

  it('refuses a malformed date or an unknown field with 400', async () => {
    const employee = await createTestEmployee();
    const malformed = await api('POST', '/me/nud-renewal', { token: employee.token, body: { renewedOn: '2026-02-30' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields[0].field).toBe('body.renewedOn');
    const unknown = await api('POST', '/me/nud-renewal', { token: employee.token, body: { lastRenewedOn: today() } });
    expect(unknown.status).toBe(400);
  });

  it('lets the employee declare the first registration later, not after the last renewal', async () => {
    const employee = await createTestEmployee();
    await api('POST', '/me/nud-renewal', { token: employee.token, body: { renewedOn: monthsAgo(2) } });
    const after = await api('PUT', '/me/situation', { token: employee.token, body: { nud: { firstRegisteredOn: monthsAgo(1) } } });
    expect(after.status).toBe(422);
    expect(after.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['body.nud.firstRegisteredOn']);
    const before = await api('PUT', '/me/situation', { token: employee.token, body: { nud: { firstRegisteredOn: monthsAgo(26) } } });
    expect(before.status).toBe(200);
    // The validity still runs from the last renewal.
    expect(before.body.nud.validity).toMatchObject({ basis: 'last-renewal', expiresOn: addMonths(monthsAgo(2), 12) });
  });

  it('answers 404 to an employee account without an employee file', async () => {
    const account = await createTestEmployee({ withFile: false });
    const response = await api('POST', '/me/nud-renewal', { token: account.token, body: {} });
    expect(response.status).toBe(404);
    expect(response.body.error.message).toContain('Aucun dossier salarié');
  });
});
