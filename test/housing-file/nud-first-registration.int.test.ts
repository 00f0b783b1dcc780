import { describe, expect, it } from 'vitest';
import { api } from '../support/api.ts';
import { createTestEmployee } from '../support/employees.ts';

/** The first-registration date drives R4 validity and seniority: it is bounded and fixed once declared. */
describe('the NUD first-registration date', () => {
  it('cannot predate the numéro unique (1999)', async () => {
    const { token } = await createTestEmployee();
    const response = await api('PUT', '/me/situation', { token, body: { nud: { firstRegisteredOn: '1900-01-01' } } });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([expect.objectContaining({ field: 'body.nud.firstRegisteredOn' })]);
  });

  it('cannot be changed once declared, so an expired NUD cannot be revived by moving it', async () => {
    const { token } = await createTestEmployee();
    expect((await api('PUT', '/me/situation', { token, body: { nud: { firstRegisteredOn: '2020-05-01' } } })).status).toBe(200);
    const same = await api('PUT', '/me/situation', { token, body: { nud: { firstRegisteredOn: '2020-05-01' } } });
    expect(same.status).toBe(200);
    const moved = await api('PUT', '/me/situation', { token, body: { nud: { firstRegisteredOn: '2026-01-01' } } });
    expect(moved.status).toBe(422);
    expect(moved.body.error.fields[0].message).toContain('déjà enregistrée');
    const view = await api('GET', '/me/situation', { token });
    expect(view.body.nud).toMatchObject({ firstRegisteredOn: '2020-05-01', validity: { valid: false } });
  });
});
