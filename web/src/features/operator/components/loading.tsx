import { Notice } from '#web/components/ui/notice.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { formErrorsOf } from '#web/lib/form-errors.ts';

/** The messages of a failed call, in one line. */
export const messageOf = (error: unknown) =>
  formErrorsOf(error)
    .items.map((item) => item.message)
    .join(' ');

/** What a page shows while its data loads, or when the API refused it. */
export function Loading({ title, error }: { title: string; error?: unknown }) {
  return (
    <Page title={title}>
      {error ? (
        <Notice kind="error">
          <p>{messageOf(error)}</p>
        </Notice>
      ) : (
        <p role="status">Chargement…</p>
      )}
    </Page>
  );
}
