import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { pagePath, pagePaths } from '#shared/page-paths.ts';
import { siretParamsSchema } from '#companies/company-schemas.ts';
import { RadioField } from '#web/components/form/choice-field.tsx';
import { ErrorSummary } from '#web/components/form/error-summary.tsx';
import { TextField } from '#web/components/form/text-field.tsx';
import { sectorLabels } from '#web/components/company/company-facts.tsx';
import { numberOf } from '#web/components/company/figures-form.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { ScrollRegion } from '#web/components/ui/scroll-region.tsx';
import { LoadStatus } from '#web/components/ui/page-states.tsx';
import { formErrorsOf, noErrors, textOf } from '#web/lib/form-errors.ts';
import { type CompanyDeclaration, useCompanyList, useCreateCompany } from '../api/use-operator.ts';
import { yesNo } from '../components/labels.ts';

const labels: Record<string, string> = {
  siret: 'SIRET',
  name: 'Raison sociale',
  sector: 'Secteur',
  headcount: 'Effectif',
  contributor: 'Verse la PEEC',
  lastContributionEuros: 'Dernière PEEC versée (euros)',
  lastContributionYear: 'Année de la dernière PEEC',
  hrContactEmail: 'E-mail du contact RH (facultatif)',
};
const label = (field: string) => labels[field] ?? field;

function declarationOf(form: FormData): CompanyDeclaration {
  const email = textOf(form, 'hrContactEmail').trim();
  return {
    siret: textOf(form, 'siret'),
    name: textOf(form, 'name'),
    sector: textOf(form, 'sector') as CompanyDeclaration['sector'],
    headcount: numberOf(textOf(form, 'headcount')),
    contributor: textOf(form, 'contributor') === 'oui',
    lastContributionEuros: numberOf(textOf(form, 'lastContributionEuros')),
    lastContributionYear: numberOf(textOf(form, 'lastContributionYear')),
    ...(email && { hrContactEmail: email }),
  };
}

/** `/operateur/entreprises`: the declared companies, a company opened by its SIRET, a new one declared. */
export function CompaniesPage() {
  return (
    <Page title="Entreprises">
      <FindCompany />
      <CompanyList />
      <DeclareCompany />
    </Page>
  );
}

/** Every declared company by name, with its headcount and eligibility, each linked to its page. */
function CompanyList() {
  const list = useCompanyList();
  const companies = list.data?.pages.flatMap((page) => page.companies) ?? [];
  return (
    <section className="card" aria-labelledby="liste-entreprises">
      <h2 id="liste-entreprises">Entreprises déclarées</h2>
      <LoadStatus query={list} />
      {list.isSuccess && companies.length === 0 && <p>Aucune entreprise déclarée.</p>}
      {companies.length > 0 && (
        <ScrollRegion label="Tableau des entreprises">
          <table className="table">
            <caption>Par ordre alphabétique</caption>
            <thead>
              <tr>
                <th scope="col">Entreprise</th>
                <th scope="col">SIRET</th>
                <th scope="col">Secteur</th>
                <th scope="col" className="table__number">
                  Effectif
                </th>
                <th scope="col">Éligibilité</th>
              </tr>
            </thead>
            <tbody>
              {companies.map((company) => (
                <tr key={company.siret}>
                  <th scope="row">
                    <Link to={pagePath(pagePaths.operatorCompany, { siret: company.siret })}>{company.name}</Link>
                  </th>
                  <td>{company.siret}</td>
                  <td>{sectorLabels[company.sector]}</td>
                  <td className="table__number">{company.headcount}</td>
                  <td>{company.eligible ? 'Éligible' : 'Non éligible'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {list.hasNextPage && (
        <button type="button" className="button button--secondary" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          Afficher plus d’entreprises
        </button>
      )}
    </section>
  );
}

function FindCompany() {
  const navigate = useNavigate();
  const [error, setError] = useState<string | undefined>();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = siretParamsSchema.safeParse({ siret: textOf(new FormData(event.currentTarget), 'recherche-siret') });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'SIRET invalide.');
      return;
    }
    navigate(pagePath(pagePaths.operatorCompany, { siret: parsed.data.siret }));
  };
  return (
    <section className="card" aria-labelledby="consulter">
      <h2 id="consulter">Consulter une entreprise</h2>
      <form onSubmit={onSubmit} noValidate>
        <TextField name="recherche-siret" label="SIRET de l’entreprise" inputMode="numeric" error={error} />
        <div className="actions">
          <button type="submit" className="button button--secondary">
            Consulter
          </button>
        </div>
      </form>
    </section>
  );
}

function DeclareCompany() {
  const create = useCreateCompany();
  const navigate = useNavigate();
  const errors = create.isError ? formErrorsOf(create.error) : noErrors;
  const e = errors.fields;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(declarationOf(new FormData(event.currentTarget)), {
      onSuccess: (company) => navigate(pagePath(pagePaths.operatorCompany, { siret: company.siret }), { state: { created: true } }),
    });
  };
  return (
    <section className="card" aria-labelledby="declarer">
      <h2 id="declarer">Déclarer une entreprise</h2>
      <ErrorSummary items={errors.items} labels={label} />
      <form onSubmit={onSubmit} noValidate>
        <TextField name="siret" label={label('siret')} inputMode="numeric" hint="14 chiffres, espaces permis." error={e.siret} />
        <TextField name="name" label={label('name')} error={e.name} />
        <RadioField
          name="sector"
          legend={label('sector')}
          options={Object.entries(sectorLabels).map(([value, text]) => ({ value, label: text }))}
          defaultValues={['private']}
          error={e.sector}
        />
        <TextField name="headcount" label={label('headcount')} inputMode="numeric" error={e.headcount} />
        <RadioField name="contributor" legend="L’entreprise verse la PEEC" options={yesNo} defaultValues={['oui']} error={e.contributor} />
        <TextField
          name="lastContributionEuros"
          label={label('lastContributionEuros')}
          inputMode="decimal"
          error={e.lastContributionEuros}
        />
        <TextField name="lastContributionYear" label={label('lastContributionYear')} inputMode="numeric" error={e.lastContributionYear} />
        <TextField
          name="hrContactEmail"
          type="email"
          label={label('hrContactEmail')}
          hint="Reçoit l’avis de déclaration. Pour lui ouvrir un compte, invitez-le ensuite depuis la page de l’entreprise."
          error={e.hrContactEmail}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={create.isPending}>
            Déclarer l’entreprise
          </button>
        </div>
      </form>
    </section>
  );
}
