import { describe, expect, it } from 'vitest';
import { expectedOutcome } from '#shared/authorization-rules.ts';

describe('expectedOutcome', () => {
  it('lets everyone call a public route, whatever the object', () => {
    expect(expectedOutcome({ access: 'public' }, 'anonymous', 'other')).toBe('allowed');
    expect(expectedOutcome({ access: 'public', owner: 'company' }, 'employee', 'other')).toBe('allowed');
  });

  it('answers 401 without a token and 403 to a role the route does not accept', () => {
    expect(expectedOutcome({ access: ['employee'] }, 'anonymous', 'own')).toBe('unauthenticated');
    expect(expectedOutcome({ access: ['employee'] }, 'operator', 'own')).toBe('forbidden');
    expect(expectedOutcome({ access: ['company'], owner: 'company' }, 'landlord', 'other')).toBe('forbidden');
  });

  it('refuses another tenant’s object to its role, except to operators, who act across tenants', () => {
    const route = { access: ['landlord', 'commission', 'operator'], owner: 'landlord' } as const;
    expect(expectedOutcome(route, 'commission', 'own')).toBe('allowed');
    expect(expectedOutcome(route, 'commission', 'other')).toBe('not-yours');
    expect(expectedOutcome(route, 'operator', 'other')).toBe('allowed');
  });

  it('collapses own and other where the path names no tenant’s object', () => {
    expect(expectedOutcome({ access: ['employee'] }, 'employee', 'other')).toBe('allowed');
    expect(expectedOutcome({ access: ['employee'], owner: 'applicant' }, 'employee', 'other')).toBe('not-yours');
  });
});
