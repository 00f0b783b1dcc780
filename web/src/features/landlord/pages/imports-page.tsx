import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { pagePath, pagePaths } from '#shared/page-paths.ts';
import { importRules } from '#imports/import-rules.ts';
import { Notice } from '#web/components/ui/notice.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { formErrorsOf } from '#web/lib/form-errors.ts';
import { formatDateTime, formatMegabytes } from '#web/lib/format.ts';
import { useImport, useImports, useStartImport } from '../api/use-imports.ts';
import { ImportReport } from '../components/import-report.tsx';
import { importStatusLabels } from '../components/labels.ts';

/** Bulk import: a CSV or JSON file sent straight to storage with its progress, then the import's progress and report. */
export function ImportsPage() {
  const [progress, setProgress] = useState<number | undefined>();
  const start = useStartImport(setProgress);
  const current = useImport(start.data);
  const imports = useImports();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get('fichier');
    if (file instanceof File && file.size > 0) start.mutate(file);
  };
  const percent = progress === undefined ? undefined : Math.round(progress * 100);
  return (
    <Page title="Importer des offres">
      <p>
        Un fichier CSV (séparateur « ; » ou « , », une ligne d’en-tête) ou JSON, {formatMegabytes(importRules.maxFileBytes)} au plus. Chaque
        ligne crée ou met à jour l’offre de même référence ; les lignes refusées sont listées dans le rapport.
      </p>
      <form onSubmit={onSubmit} className="card">
        <div className="field">
          <label htmlFor="champ-fichier">Fichier d’offres (CSV ou JSON)</label>
          <input id="champ-fichier" name="fichier" type="file" accept=".csv,.json,.ndjson,text/csv,application/json" required />
        </div>
        <button type="submit" className="button" disabled={start.isPending}>
          Envoyer le fichier
        </button>
        {percent !== undefined && (start.isPending || start.isSuccess) && (
          <p>
            <label htmlFor="envoi-progression">Envoi du fichier</label>{' '}
            <progress id="envoi-progression" max={100} value={percent}>
              {percent} %
            </progress>{' '}
            {percent} %
          </p>
        )}
      </form>
      {start.isError && (
        <Notice kind="error">
          <p>
            {start.error instanceof Error && !('fields' in start.error)
              ? start.error.message
              : formErrorsOf(start.error)
                  .items.map((item) => item.message)
                  .join(' ')}
          </p>
        </Notice>
      )}
      {current.data && <ImportReport view={current.data} />}
      <h2>Imports précédents</h2>
      {imports.data && imports.data.imports.length === 0 && <p>Aucun import pour l’instant.</p>}
      {imports.data && imports.data.imports.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption id="imports-legende">Vos imports, les plus récents d’abord</caption>
            <thead>
              <tr>
                <th scope="col">Fichier</th>
                <th scope="col">Déposé le</th>
                <th scope="col">État</th>
                <th scope="col">Lignes lues</th>
                <th scope="col">Refusées</th>
              </tr>
            </thead>
            <tbody>
              {imports.data.imports.map((item) => (
                <tr key={item.importId}>
                  <th scope="row">
                    <Link to={pagePath(pagePaths.landlordImport, { importId: item.importId })}>{item.filename ?? item.importId}</Link>
                  </th>
                  <td>{formatDateTime(item.createdAt)}</td>
                  <td>{importStatusLabels[item.status]}</td>
                  <td>{item.counts.read}</td>
                  <td>{item.counts.rejected}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
