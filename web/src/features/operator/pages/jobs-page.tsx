import { Page } from '#web/components/ui/page.tsx';
import { PageLoadError, PageLoading } from '#web/components/ui/page-states.tsx';
import { formatDateTime } from '#web/lib/format.ts';
import { type JobsView, useJobs } from '../api/use-operator.ts';
import { jobStatusLabels } from '../components/labels.ts';
import '../operator.css';

const title = 'Tâches planifiées';

/** `/operateur/taches`: each scheduled job, when it runs, and its last run with its counts. */
export function JobsPage() {
  const jobs = useJobs();
  if (jobs.isPending) return <PageLoading title={title} />;
  if (jobs.isError) return <PageLoadError title={title} error={jobs.error} />;
  return (
    <Page title={title}>
      <p className="lead">La dernière exécution de chaque tâche, avec ses compteurs. Les horaires sont ceux de Paris.</p>
      <p>
        <button type="button" className="button button--secondary" onClick={() => void jobs.refetch()} disabled={jobs.isFetching}>
          Actualiser
        </button>
      </p>
      {jobs.data.jobs.map((job) => (
        <Job key={job.id} job={job} />
      ))}
    </Page>
  );
}

function Job({ job }: { job: JobsView['jobs'][number] }) {
  const headingId = `tache-${job.id}`;
  const run = job.lastRun;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{job.description}</h2>
      <dl className="facts">
        <dt>Identifiant</dt>
        <dd>
          <code>{job.id}</code>
        </dd>
        <dt>Planification (cron)</dt>
        <dd>
          <code>{job.cron}</code>
        </dd>
        <dt>Dernière exécution</dt>
        <dd>{run ? `${jobStatusLabels[run.status]}, démarrée le ${formatDateTime(run.startedAt)}` : 'Jamais exécutée'}</dd>
        {run?.finishedAt && (
          <>
            <dt>Terminée le</dt>
            <dd>{formatDateTime(run.finishedAt)}</dd>
          </>
        )}
        {run && Object.keys(run.counts).length > 0 && (
          <>
            <dt>Compteurs</dt>
            <dd>
              <ul className="operator-counts">
                {Object.entries(run.counts).map(([name, count]) => (
                  <li key={name}>
                    {name} : {new Intl.NumberFormat('fr-FR').format(count)}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
