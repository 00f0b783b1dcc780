import { formErrorsOf } from '#web/lib/form-errors.ts';
import { Notice } from './notice.tsx';
import { Page } from './page.tsx';

/** A page whose data is still loading: its title, and a status read out by screen readers. */
export function PageLoading({ title }: { title: string }) {
  return (
    <Page title={title}>
      <p role="status">Chargement…</p>
    </Page>
  );
}

/** A page whose data could not be read: its title, and the API's messages as an error notice. */
export function PageLoadError({ title, error }: { title: string; error: unknown }) {
  return (
    <Page title={title}>
      <Notice kind="error">
        <p>
          {formErrorsOf(error)
            .items.map((item) => item.message)
            .join(' ')}
        </p>
      </Notice>
    </Page>
  );
}
