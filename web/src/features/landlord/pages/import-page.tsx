import { Link, useParams } from 'react-router';
import { pagePaths } from '#shared/page-paths.ts';
import { LoadStatus } from '#web/components/ui/page-states.tsx';
import { Page } from '#web/components/ui/page.tsx';
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
      <LoadStatus query={view} />
      {view.data && <ImportReport view={view.data} />}
    </Page>
  );
}
