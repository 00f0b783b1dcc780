import { Link } from 'react-router';
import { pagePaths } from '#shared/page-paths.ts';
import { Notice } from '#web/components/ui/notice.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { formErrorsOf } from '#web/lib/form-errors.ts';
import { useApplications } from '../api/use-applications.ts';
import { ApplicationCard } from '../components/application-card.tsx';

/** "Mes candidatures": each application's status, position, deadlines, score and answers. */
export function ApplicationsPage() {
  const pages = useApplications();
  if (pages.isPending) {
    return (
      <Page title="Mes candidatures">
        <p role="status">Chargement…</p>
      </Page>
    );
  }
  if (pages.isError) {
    return (
      <Page title="Mes candidatures">
        <Notice kind="error">
          <p>
            {formErrorsOf(pages.error)
              .items.map((item) => item.message)
              .join(' ')}
          </p>
        </Notice>
      </Page>
    );
  }
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
