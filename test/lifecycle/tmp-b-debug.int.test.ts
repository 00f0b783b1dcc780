import { describe, expect, it } from 'vitest';
import { candidatesSchema } from '#lifecycle/lifecycle-schemas.ts';
import { employeeWithCompleteFile, publishedOffer } from '../applications/support.ts';
import { api, tokenOf } from '../support/api.ts';
import { applyAll, decide, lifecycleCloudOfFile, statusOf } from './support.ts';

lifecycleCloudOfFile({ applicationWindow: 'PT10S', commissionDeadline: 'PT10M', commissionGrace: 'PT10M', acceptancePeriod: 'PT10M' });

describe('debug', () => {
  it('candidates view around the rounds', async () => {
    const employees = await Promise.all(Array.from({ length: 4 }, (_, i) => employeeWithCompleteFile({ nudRegisteredDaysAgo: 330 - i * 60 })));
    const offerId = await publishedOffer();
    await applyAll(offerId, employees);
    await statusOf(employees[0]!.token, offerId, ['SELECTED']);
    const { lifecycleRouteDeps } = await import('#lifecycle/lifecycle-route-deps.ts');
    const { getCandidates } = await import('#lifecycle/lifecycle-use-cases.ts');
    const caller = { userId: 'x', roles: ['operator' as const] };
    const check = async (label: string) => {
      const view = await getCandidates(lifecycleRouteDeps, offerId, caller as never);
      const parsed = candidatesSchema.safeParse(view);
      if (!parsed.success) console.log(label, JSON.stringify(parsed.error.issues), JSON.stringify(view).slice(0, 2000));
      return parsed.success;
    };
    expect(await check('round1')).toBe(true);
    expect((await decide(offerId, { ranking: employees.slice(0, 3).map((e) => ({ applicationId: e.id })) })).status).toBe(200);
    for (const employee of employees.slice(0, 3)) {
      await statusOf(employee.token, offerId, ['OFFERED']);
      expect(await check('offered')).toBe(true);
      expect((await api('POST', `/me/applications/${offerId}/decline`, { token: employee.token })).status).toBe(200);
      expect(await check('declined')).toBe(true);
    }
    await statusOf(employees[3]!.token, offerId, ['SELECTED']);
    expect(await check('round2')).toBe(true);
    const http = await api('GET', `/landlord/offers/${offerId}/candidates`, { token: await tokenOf('commission') });
    expect(http.status).toBe(200);
  });
});
