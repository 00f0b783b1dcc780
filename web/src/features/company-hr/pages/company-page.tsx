import { Link } from 'react-router';
import { pagePaths } from '#shared/page-paths.ts';
import type { CompanyView } from '#web/components/company/company-facts.tsx';
import { CompanyFiguresForm } from '#web/components/company/figures-form.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { PageLoadError, PageLoading } from '#web/components/ui/page-states.tsx';
import { useCompany, useUpdateCompany } from '../api/use-company-hr.ts';
import { CompanyEligibility, CompanyFigures } from '../components/company-figures.tsx';
import { WithCompanySiret } from '../components/company-siret.tsx';

const title = 'Données de l’entreprise';

/** `/entreprise`: the company's figures, its eligibility explained, and the figures kept current by HR. */
export function CompanyPage() {
  return <WithCompanySiret title={title}>{(siret) => <Company siret={siret} />}</WithCompanySiret>;
}

function Company({ siret }: { siret: string }) {
  const company = useCompany(siret);
  if (company.isPending) return <PageLoading title={title} />;
  if (company.isError) return <PageLoadError title={title} error={company.error} />;
  return (
    <Page title={title}>
      <p>
        <Link to={pagePaths.hrEmployees}>Salariés de l’entreprise</Link>
      </p>
      <CompanyFigures company={company.data} />
      <CompanyEligibility eligibility={company.data.eligibility} />
      <FiguresForm siret={siret} company={company.data} />
    </Page>
  );
}

function FiguresForm({ siret, company }: { siret: string; company: CompanyView }) {
  return <CompanyFiguresForm company={company} update={useUpdateCompany(siret)} />;
}
