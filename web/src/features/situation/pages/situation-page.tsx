import { pagePaths } from '#shared/page-paths.ts';
import { Link, useLocation } from 'react-router';
import { Notice } from '#web/components/ui/notice.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { PageLoadError, PageLoading } from '#web/components/ui/page-states.tsx';
import { formatDateTime } from '#web/lib/format.ts';
import { useSituation } from '../api/use-situation.ts';
import { NudCard } from '../components/nud-card.tsx';
import { EmploymentSection, HouseholdSection, IncomeSection, PrioritySection, SearchSection } from '../components/situation-sections.tsx';

/** "Ma situation": what the employee declared, what follows from it, and what is still missing. */
export function SituationPage() {
  const situation = useSituation();
  const saved = (useLocation().state as { saved?: boolean } | null)?.saved === true;
  if (situation.isPending) return <PageLoading title="Ma situation" />;
  if (situation.isError) return <PageLoadError title="Ma situation" error={situation.error} />;
  const view = situation.data;
  return (
    <Page title="Ma situation">
      {saved && (
        <Notice kind="success">
          <p>Votre situation est enregistrée.</p>
        </Notice>
      )}
      <p>
        <Link className="button" to={pagePaths.editSituation}>
          Modifier ma situation
        </Link>
      </p>
      {view.complete ? (
        <Notice kind="success" title="Votre situation est complète">
          <p>Vous pouvez candidater aux logements qui correspondent à votre recherche.</p>
        </Notice>
      ) : (
        <Notice title="Votre situation est à compléter">
          <Messages items={view.missing} />
        </Notice>
      )}
      {view.warnings.length > 0 && (
        <Notice title="Points d’attention">
          <Messages items={view.warnings} />
        </Notice>
      )}
      <NudCard nud={view.nud} />
      <HouseholdSection household={view.household} />
      <IncomeSection income={view.income} />
      <EmploymentSection employment={view.employment} mainResidence={view.mainResidence} />
      <SearchSection criteria={view.searchCriteria} />
      <PrioritySection criteria={view.priorityCriteria} />
      {view.updatedAt && <p className="muted">Dernière mise à jour le {formatDateTime(view.updatedAt)}.</p>}
    </Page>
  );
}

/** What is missing or to check, one message per field. */
function Messages({ items }: { items: readonly { field: string; message: string }[] }) {
  return (
    <ul>
      {items.map((item) => (
        <li key={item.field}>{item.message}</li>
      ))}
    </ul>
  );
}
