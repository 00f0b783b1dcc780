import { Link } from 'react-router';
import { pagePaths } from '#shared/page-paths.ts';
import { Page } from '#web/components/ui/page.tsx';
import { PageLoadError, PageLoading } from '#web/components/ui/page-states.tsx';
import { useApplications } from '../api/use-applications.ts';
import { ApplicationCard } from '../components/application-card.tsx';

/** "Mes candidatures": each application's status, position, deadlines, score and answers. */
export function ApplicationsPage() {
  const pages = useApplications();
  if (pages.isPending) return <PageLoading title="Mes candidatures" />;
  if (pages.isError) return <PageLoadError title="Mes candidatures" error={pages.error} />;
  const applications = pages.data.pages.flatMap((page) => page.applications);
  return (
    <Page title="Mes candidatures">
      {applications.length === 0 ? (
        <p>
          Vous n’avez pas encore candidaté. <Link to={pagePaths.offers}>Voir les offres</Link>
        </p>
      ) : (
        <ul className="plain-list">
          {applications.map((application) => (
            <ApplicationCard key={application.applicationId} application={application} />
          ))}
        </ul>
      )}
      {pages.hasNextPage && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => pages.fetchNextPage()}
          disabled={pages.isFetchingNextPage}
        >
          Voir plus de candidatures
        </button>
      )}
    </Page>
  );
}
