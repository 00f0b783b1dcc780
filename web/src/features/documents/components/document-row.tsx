import { type FormEvent, useState } from 'react';
import { documentRules } from '#housing-file/document-rules.ts';
import { Notice } from '#web/components/ui/notice.tsx';
import { formErrorsOf } from '#web/lib/form-errors.ts';
import { formatDate } from '#web/lib/format.ts';
import { type DocumentList, type DocumentType, useUploadDocument } from '../api/use-documents.ts';

const statusLabels = { REQUESTED: 'envoi en cours', RECEIVED: 'reçue', REJECTED: 'refusée (taille différente de celle annoncée)' } as const;
const accept = documentRules.upload.contentTypes.join(',');

/** One kind of document: its current state, and a form to send a file, with the upload's progress. */
export function DocumentRow({ type, documents }: { type: DocumentType; documents: DocumentList['documents'] }) {
  const rule = documentRules.types[type];
  const [progress, setProgress] = useState<number | undefined>();
  const upload = useUploadDocument(setProgress);
  const current = documents.find((document) => document.type === type && document.current);
  const latest = documents.filter((document) => document.type === type).at(-1);
  const shown = current ?? latest;
  const id = `document-${type}`;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get('fichier');
    if (file instanceof File && file.size > 0) upload.mutate({ type, file });
  };
  const error = upload.error instanceof Error && !('fields' in upload.error) ? upload.error.message : undefined;
  return (
    <section className="card" aria-labelledby={`${id}-titre`}>
      <h2 id={`${id}-titre`}>
        {rule.label} {rule.required ? '' : <span className="muted">(facultatif)</span>}
      </h2>
      <p>
        {shown ? (
          <>
            État : <strong>{shown.expired ? 'expirée' : statusLabels[shown.status]}</strong>
            {shown.filename ? ` — ${shown.filename}` : ''}
            {shown.expiresOn ? ` — valable jusqu’au ${formatDate(shown.expiresOn)} (exclu)` : ''}
          </>
        ) : (
          'Aucun fichier envoyé.'
        )}
      </p>
      {upload.isError && (
        <Notice kind="error">
          <p>
            {error ??
              formErrorsOf(upload.error)
                .items.map((item) => item.message)
                .join(' ')}
          </p>
        </Notice>
      )}
      <form onSubmit={onSubmit} className="actions">
        <label htmlFor={`${id}-fichier`} className="visually-hidden">
          Fichier : {rule.label}
        </label>
        <input id={`${id}-fichier`} name="fichier" type="file" accept={accept} required />
        <button type="submit" className="button button--secondary" disabled={upload.isPending}>
          Envoyer
        </button>
      </form>
      {progress !== undefined && (upload.isPending || upload.isSuccess) && (
        <p>
          <label htmlFor={`${id}-progression`}>Envoi</label>{' '}
          <progress id={`${id}-progression`} max={100} value={Math.round(progress * 100)}>
            {Math.round(progress * 100)} %
          </progress>{' '}
          {Math.round(progress * 100)} %
        </p>
      )}
    </section>
  );
}
