import { Fragment } from 'react';
import { Notice } from '#web/components/ui/notice.tsx';
import { formatDateTime } from '#web/lib/format.ts';
import type { ImportView } from '../api/use-imports.ts';
import { importStatusLabels } from './labels.ts';

const countLabels = [
  ['read', 'Lignes lues'],
  ['created', 'Offres créées'],
  ['updated', 'Offres modifiées'],
  ['unchanged', 'Offres inchangées'],
  ['published', 'Offres publiées'],
  ['rejected', 'Lignes refusées'],
] as const;

/** An import: its progress while it runs, then its counts and the per-row report as a table. */
export function ImportReport({ view }: { view: ImportView }) {
  const { rowsDone, rowsTotal } = view.progress;
  const finished = view.status === 'DONE' || view.status === 'FAILED';
  const percent = rowsTotal ? Math.round((rowsDone / rowsTotal) * 100) : finished ? 100 : 0;
  const id = `import-${view.importId}`;
  return (
    <section className="card" aria-labelledby={`${id}-titre`}>
      <h2 id={`${id}-titre`}>Import {view.filename ?? view.importId}</h2>
      <p role="status">
        État : <strong>{importStatusLabels[view.status]}</strong>
        {view.finishedAt ? ` le ${formatDateTime(view.finishedAt)}` : ''}
      </p>
      {!finished && (
        <p>
          <label htmlFor={`${id}-progression`}>Lignes traitées</label>{' '}
          <progress id={`${id}-progression`} max={100} value={percent}>
            {percent} %
          </progress>{' '}
          {rowsTotal ? `${rowsDone} sur ${rowsTotal}` : 'lecture du fichier…'}
        </p>
      )}
      {view.failure && (
        <Notice kind="error" title="Le fichier est refusé en entier">
          <p>{view.failure.message}</p>
        </Notice>
      )}
      {finished && (
        <dl className="facts">
          {countLabels.map(([key, label]) => (
            <Fragment key={key}>
              <dt>{label}</dt>
              <dd>{view.counts[key]}</dd>
            </Fragment>
          ))}
        </dl>
      )}
      {finished && view.errors.length === 0 && !view.failure && <p>Aucune ligne refusée.</p>}
      {view.errors.length > 0 && (
        <div className="table-scroll">
          <table className="table table--wrap">
            <caption id={`${id}-erreurs`}>
              Lignes refusées{view.errorCount > view.errors.length ? ` (les ${view.errors.length} premières sur ${view.errorCount})` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Ligne</th>
                <th scope="col">Référence</th>
                <th scope="col">Colonne</th>
                <th scope="col">Erreur</th>
              </tr>
            </thead>
            <tbody>
              {view.errors.map((error) => (
                <tr key={`${error.line}-${error.field ?? ''}-${error.message}`}>
                  <td>{error.line}</td>
                  <td>{error.externalReference ?? '—'}</td>
                  <td>{error.field ?? '—'}</td>
                  <td>{error.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {view.reportUrl && (
        <p>
          <a href={view.reportUrl}>Télécharger le rapport complet (JSON)</a>
        </p>
      )}
    </section>
  );
}
