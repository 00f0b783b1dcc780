import { Link, useParams } from 'react-router';
import { pagePaths } from '#shared/page-paths.ts';
import { Notice } from '#web/components/ui/notice.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { formErrorsOf } from '#web/lib/form-errors.ts';
import { useImport } from '../api/use-imports.ts';
import { ImportReport } from '../components/import-report.tsx';

/** One import's progress and report. */
export function ImportPage() {
  const importId = useParams().importId ?? '';
  const view = useImport(importId);
  return (
    <Page title="Rapport d’import">
      <p>
        <Link to={pagePaths.landlordImports}>Retour aux imports</Link>
      </p>
      {view.isPending && <p role="status">Chargement…</p>}
      {view.isError && (
        <Notice kind="error">
          <p>
            {formErrorsOf(view.error)
              .items.map((item) => item.message)
              .join(' ')}
          </p>
        </Notice>
      )}
      {view.data && <ImportReport view={view.data} />}
    </Page>
  );
}
