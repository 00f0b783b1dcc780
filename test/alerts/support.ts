import { randomUUID } from 'node:crypto';
import { employeeWithSituation, receiveRequiredDocuments, updateEmployeeItem } from '../support/employees.ts';

/**
 * Toulouse, which no other test file uses: the digests of these employees list only the offers
 * their own tests publish there (other files publish in Paris, Lyon, Bordeaux...).
 */
export const toulouse = { commune: '31555', postalCode: '31000', address: '12 allées Jean-Jaurès' };
/** Tournefeuille, bordering Toulouse: the "communes limitrophes" tab. */
export const tournefeuille = { commune: '31557', postalCode: '31170', address: '3 rue de la Paix' };

/**
 * An employee of its own looking for a T3 apartment in Toulouse: household of two, income under
 * the PLUS ceiling and over the PLAI one (zone C), rent up to 900 € with charges. With
 * `complete` (the default) every required document is received, so the employee may apply and
 * gets digests; without, the file is incomplete and no digest may reach the employee. The other
 * options make one other gap that keeps the employee from applying: a NUD registered that many
 * days ago (over a year: lapsed), the employment as HR left it, that many active applications.
 */
export async function toulouseEmployee(
  options: { complete?: boolean; nudRegisteredDaysAgo?: number; employment?: 'PENDING' | 'REJECTED'; activeApplications?: number } = {},
) {
  const employee = await employeeWithSituation({
    nudRegisteredDaysAgo: options.nudRegisteredDaysAgo ?? 60,
    members: { applicant: '1994-03-08', child: '2020-06-21' },
    rfrN2: 28_000,
    contractStart: '2021-09-01',
    searchCriteria: { kinds: ['apartment'], typologies: ['T3'], communes: [toulouse.commune], minSurfaceM2: 50, maxRentEuros: 900 },
  });
  if (options.complete !== false) await receiveRequiredDocuments(employee.id);
  if (options.employment !== undefined || options.activeApplications !== undefined) {
    await updateEmployeeItem(
      employee.id,
      'SET employment.#status = :employment, activeApplications = :active',
      { ':employment': options.employment ?? 'CONFIRMED', ':active': options.activeApplications ?? 0 },
      { '#status': 'status' },
    );
  }
  return employee;
}

/** A residence name no other offer carries, to find the offer in an e-mail. */
export const residence = (label: string) => `Résidence ${label} ${randomUUID().slice(0, 8)}`;
