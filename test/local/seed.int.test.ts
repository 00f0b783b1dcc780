import { describe, expect, it } from 'vitest';
import { api, tokenOf } from '../support/api.ts';
import { claimsOf } from '../support/employees.ts';

describe('the demo seed', () => {
  it('gives the demo employee a complete file and a filled-in situation', async () => {
    const token = await tokenOf('employee');
    const documents = await api('GET', '/me/documents', { token });
    expect(documents.body.completeness).toEqual({ complete: true, missing: [] });
    const situation = await api('GET', '/me/situation', { token });
    expect(situation.body).toMatchObject({ complete: true, nud: { validity: { valid: true } } });
    expect(situation.body.household.category.category).toBe(3);
  });

  it('gives the other demo employee an incomplete file that says what is missing', async () => {
    const documents = await api('GET', '/me/documents', { token: await tokenOf('employee-incomplete') });
    expect(documents.body.completeness.complete).toBe(false);
    expect(documents.body.completeness.missing.map((m: { type: string }) => m.type)).toEqual(
      expect.arrayContaining(['payslip-1', 'payslip-2', 'payslip-3', 'employer-attestation', 'employment']),
    );
  });

  it('lists both demo employees to Acme’s HR, with their employment status', async () => {
    const complete = claimsOf(await tokenOf('employee')).sub;
    const incomplete = claimsOf(await tokenOf('employee-incomplete')).sub;
    // The seeded employees registered first: they lead the list, oldest first.
    const list = await api('GET', '/companies/43219876500013/employees?limit=100', { token: await tokenOf('company') });
    const statuses = Object.fromEntries(
      list.body.employees.map((e: { employeeId: string; employment: { status: string } }) => [e.employeeId, e.employment.status]),
    );
    expect(statuses).toMatchObject({ [complete]: 'CONFIRMED', [incomplete]: 'PENDING' });
  });
});
