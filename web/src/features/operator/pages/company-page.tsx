import { type FormEvent, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { pagePaths } from '#shared/page-paths.ts';
import { ErrorSummary } from '#web/components/form/error-summary.tsx';
import { TextField } from '#web/components/form/text-field.tsx';
import { CompanyFacts, sectorLabels } from '#web/components/company/company-facts.tsx';
import { CompanyFiguresForm } from '#web/components/company/figures-form.tsx';
import { Notice } from '#web/components/ui/notice.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { LoadStatus, PageLoadError, PageLoading } from '#web/components/ui/page-states.tsx';
import { formErrorsOf, noErrors, textOf } from '#web/lib/form-errors.ts';
import { formatDateTime, formatEuros } from '#web/lib/format.ts';
import {
  type CompanyHistory,
  type OperatorCompany,
  useCompanyHistory,
  useInviteHr,
  useOperatorCompany,
  useUpdateCompany,
} from '../api/use-operator.ts';
import { figureLabels } from '../components/labels.ts';
import '../operator.css';

/**
 * `/operateur/entreprises/:siret`: the company, its eligibility, its figures corrected by the
 * operator, its HR invitation and the history of its figures.
 */
export function OperatorCompanyPage() {
  const siret = useParams().siret ?? '';
  const created = (useLocation().state as { created?: boolean } | null)?.created === true;
  const company = useOperatorCompany(siret);
  const update = useUpdateCompany(siret);
  if (company.isPending) return <PageLoading title="Entreprise" />;
  if (company.isError) return <PageLoadError title="Entreprise" error={company.error} />;
  return (
    <Page title={company.data.name}>
      <p>
        <Link to={pagePaths.operatorCompanies}>Toutes les entreprises</Link>
      </p>
      {created && (
        <Notice kind="success">
          <p>L’entreprise est déclarée. Invitez maintenant son contact RH.</p>
        </Notice>
      )}
      <Figures company={company.data} />
      <CompanyFiguresForm company={company.data} update={update} />
      <InviteHr siret={siret} />
      <History siret={siret} />
    </Page>
  );
}

function Figures({ company }: { company: OperatorCompany }) {
  const { eligibility } = company;
  return (
    <section className="card" aria-labelledby="chiffres">
      <h2 id="chiffres">Chiffres et éligibilité</h2>
      <CompanyFacts company={company}>
        <dt>Éligibilité</dt>
        <dd>
          <strong>{eligibility.eligible ? 'Éligible' : 'Non éligible'}</strong>
        </dd>
      </CompanyFacts>
      <ul>
        {eligibility.reasons.map((reason) => (
          <li key={reason.criterion}>
            {reason.met ? 'Condition remplie' : 'Condition non remplie'} : {reason.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

function InviteHr({ siret }: { siret: string }) {
  const invite = useInviteHr(siret);
  const [formKey, setFormKey] = useState(0);
  const errors = invite.isError ? formErrorsOf(invite.error) : noErrors;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    invite.mutate(textOf(new FormData(event.currentTarget), 'email'), { onSuccess: () => setFormKey((key) => key + 1) });
  };
  const sent = invite.data;
  return (
    <section className="card" aria-labelledby="invitation-rh">
      <h2 id="invitation-rh">Inviter le contact RH</h2>
      <p className="muted">Il reçoit un e-mail avec un lien pour choisir son mot de passe, puis confirme l’emploi des salariés.</p>
      {sent && (
        <Notice kind="success">
          <p>
            {sent.emailSent
              ? `Invitation envoyée à ${sent.email}. Le lien est valable jusqu’au ${formatDateTime(sent.linkValidUntil)}.`
              : `${sent.email} est déjà invité avec un lien valable jusqu’au ${formatDateTime(sent.linkValidUntil)} : aucun nouvel e-mail.`}
          </p>
        </Notice>
      )}
      <ErrorSummary items={errors.items} labels={{ email: 'E-mail du contact RH' }} />
      <form key={formKey} onSubmit={onSubmit} noValidate>
        <TextField name="email" type="email" label="E-mail du contact RH" autoComplete="off" error={errors.fields.email} />
        <div className="actions">
          <button type="submit" className="button" disabled={invite.isPending}>
            Envoyer l’invitation
          </button>
        </div>
      </form>
    </section>
  );
}

const shown = (value: number | boolean | string, field: keyof typeof figureLabels) => {
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (field === 'sector') return sectorLabels[value as keyof typeof sectorLabels] ?? String(value);
  if (field === 'lastContributionEuros' && typeof value === 'number') return formatEuros(value);
  return String(value);
};

const roleLabels = { company: 'contact RH', operator: 'opérateur' } as const;

function History({ siret }: { siret: string }) {
  const history = useCompanyHistory(siret);
  return (
    <section className="card" aria-labelledby="historique">
      <h2 id="historique">Historique des chiffres</h2>
      <LoadStatus query={history} />
      {history.data && <Entries entries={history.data.entries} />}
    </section>
  );
}

function Entries({ entries }: { entries: CompanyHistory['entries'] }) {
  if (entries.length === 0) return <p>Aucune mise à jour depuis la déclaration.</p>;
  return (
    <ol className="operator-history">
      {entries.map((entry) => (
        <li key={entry.at}>
          <p>
            <strong>{formatDateTime(entry.at)}</strong>, par {roleLabels[entry.role]}
          </p>
          <ul>
            {entry.changes.map((change) => (
              <li key={change.field}>
                {figureLabels[change.field]} : {shown(change.from, change.field)} → {shown(change.to, change.field)}
              </li>
            ))}
          </ul>
          {entry.eligibleBefore !== entry.eligibleAfter && (
            <p>{entry.eligibleAfter ? 'L’entreprise est devenue éligible.' : 'L’entreprise n’est plus éligible.'}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
