import { api, tokenOf } from './api.ts';
import { linkTokenFor, unique } from './registration.ts';
import { uniqueSiret } from './sirets.ts';

/** A company the operator declares through the API: eligible (private, 40 employees, PEEC paid), with a fresh SIRET. */
export async function declaredCompany(name = 'Entreprise RH'): Promise<string> {
  const siret = uniqueSiret();
  const response = await api('POST', '/companies', {
    token: await tokenOf('operator'),
    body: { siret, name, sector: 'private', headcount: 40, contributor: true, lastContributionEuros: 9_000, lastContributionYear: 2025 },
  });
  if (response.status !== 201) throw new Error(`declaration failed: ${response.status}`);
  return siret;
}

/** A declared company and its HR contact: invited by the operator, password chosen through the e-mailed link. */
export async function companyWithHr(name?: string): Promise<{ siret: string; email: string; password: string }> {
  const siret = await declaredCompany(name);
  const email = `rh.${unique()}@example.org`;
  const password = 'RhLogement2026';
  const invited = await api('POST', `/companies/${siret}/hr-users`, { token: await tokenOf('operator'), body: { email } });
  if (invited.status !== 201) throw new Error(`invitation failed: ${invited.status}`);
  const chosen = await api('POST', '/auth/password', { body: { token: await linkTokenFor(email), password } });
  if (chosen.status !== 200) throw new Error(`password failed: ${chosen.status}`);
  return { siret, email, password };
}
