import { documentRules, documentTypes } from '#housing-file/document-rules.ts';
import { Notice } from '#web/components/ui/notice.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { PageLoadError, PageLoading } from '#web/components/ui/page-states.tsx';
import { formatMegabytes } from '#web/lib/format.ts';
import { useDocuments } from '../api/use-documents.ts';
import { DocumentRow } from '../components/document-row.tsx';

const reasons = {
  absent: 'pas encore reçue',
  expired: 'expirée : envoyez-en une plus récente',
  'employment-not-confirmed': 'votre employeur n’a pas encore confirmé votre emploi',
  'employment-rejected': 'votre employeur n’a pas confirmé votre emploi',
} as const;

/** "Mes documents": what the file lacks and why, and each document sent straight to storage. */
export function DocumentsPage() {
  const documents = useDocuments();
  if (documents.isPending) return <PageLoading title="Mes documents" />;
  if (documents.isError) return <PageLoadError title="Mes documents" error={documents.error} />;
  const { completeness } = documents.data;
  return (
    <Page title="Mes documents">
      {completeness.complete ? (
        <Notice kind="success" title="Votre dossier est complet" />
      ) : (
        <Notice title="Votre dossier est incomplet">
          <ul>
            {completeness.missing.map((item) => (
              <li key={item.type}>
                {item.type === 'employment' ? 'Emploi' : documentRules.types[item.type].label} : {reasons[item.reason]}
              </li>
            ))}
          </ul>
        </Notice>
      )}
      <p className="muted">
        Formats acceptés : PDF, JPEG ou PNG, {formatMegabytes(documentRules.upload.maxSizeBytes)} au plus par fichier.
      </p>
      {documentTypes.map((type) => (
        <DocumentRow key={type} type={type} documents={documents.data.documents} />
      ))}
    </Page>
  );
}
