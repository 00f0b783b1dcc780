import { Notice } from '#web/components/ui/notice.tsx';
import { formatDate, formatDateTime, formatEuros } from '#web/lib/format.ts';
import type { CompanyView } from '../api/use-company-hr.ts';

export const sectorLabels = { private: 'Privé', agricultural: 'Agricole' } as const;

/** The company's figures as the platform holds them. */
export function CompanyFigures({ company }: { company: CompanyView }) {
  return (
    <section className="card" aria-labelledby="chiffres">
      <h2 id="chiffres">{company.name}</h2>
      <dl className="facts">
        <dt>SIRET</dt>
        <dd>{company.siret}</dd>
        <dt>Secteur</dt>
        <dd>{sectorLabels[company.sector]}</dd>
        <dt>Effectif</dt>
        <dd>{company.headcount} salarié(s)</dd>
        <dt>Verse la PEEC</dt>
        <dd>{company.contributor ? 'Oui' : 'Non'}</dd>
        <dt>Dernière PEEC versée</dt>
        <dd>
          {formatEuros(company.lastContributionEuros)} en {company.lastContributionYear}
        </dd>
        <dt>PEEC par salarié</dt>
        <dd>{formatEuros(Math.round(company.contributionPerEmployeeEuros * 100) / 100)}</dd>
        <dt>Déclarée le</dt>
        <dd>{formatDate(company.declaredAt)}</dd>
        {company.updatedAt && (
          <>
            <dt>Chiffres mis à jour le</dt>
            <dd>{formatDateTime(company.updatedAt)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

/** Whether the employees may apply, and why: every criterion, met or not. */
export function CompanyEligibility({ eligibility }: { eligibility: CompanyView['eligibility'] }) {
  return (
    <Notice
      kind={eligibility.eligible ? 'success' : 'info'}
      title={eligibility.eligible ? 'Entreprise éligible' : 'Entreprise non éligible'}
    >
      <ul>
        {eligibility.reasons.map((reason) => (
          <li key={reason.criterion}>
            <strong>{reason.met ? 'Condition remplie' : 'Condition non remplie'}</strong> : {reason.message}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
