import type { ReactNode } from 'react';
import type { getCompany } from '#companies/company-routes.ts';
import type { ResponseOf } from '#web/lib/api-client.ts';
import { formatDate, formatDateTime, formatEuros } from '#web/lib/format.ts';

export type CompanyView = ResponseOf<typeof getCompany>;

export const sectorLabels = { private: 'Privé', agricultural: 'Agricole' } as const;

/** The company's figures as the platform holds them, for its HR and for the operator; `children` adds facts at the end. */
export function CompanyFacts({ company, children }: { company: CompanyView; children?: ReactNode }) {
  return (
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
      {children}
    </dl>
  );
}
