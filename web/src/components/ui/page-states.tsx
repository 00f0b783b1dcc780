import { Link } from 'react-router';
import { formErrorsOf } from '#web/lib/form-errors.ts';
import { Notice } from './notice.tsx';
import { Page } from './page.tsx';

/** The messages of a failed call, in one line: the API's (or the schema's) messages, else a generic one. */
export const errorMessageOf = (error: unknown) =>
  formErrorsOf(error)
    .items.map((item) => item.message)
    .join(' ');

/** A failed call's messages as an error notice (announced at once). */
export function ErrorNotice({ error }: { error: unknown }) {
  return (
    <Notice kind="error">
      <p>{errorMessageOf(error)}</p>
    </Notice>
  );
}

/**
 * Where a part of a page waits for its data: a status read out by screen readers while it loads,
 * the error notice if the call failed, nothing once the data is there.
 */
export function LoadStatus({ query }: { query: { readonly isPending: boolean; readonly isError: boolean; readonly error: unknown } }) {
  if (query.isError) return <ErrorNotice error={query.error} />;
  if (query.isPending) return <p role="status">Chargement…</p>;
  return null;
}

/** A page whose data is still loading: its title, and a status read out by screen readers. */
export function PageLoading({ title, narrow }: { title: string; narrow?: boolean }) {
  return (
    <Page title={title} narrow={narrow}>
      <p role="status">Chargement…</p>
    </Page>
  );
}

/** A page whose data could not be read: its title, the API's messages as an error notice, and where to go back. */
export function PageLoadError({
  title,
  error,
  narrow,
  back,
}: {
  title: string;
  error: unknown;
  narrow?: boolean;
  back?: { readonly to: string; readonly label: string };
}) {
  return (
    <Page title={title} narrow={narrow}>
      <ErrorNotice error={error} />
      {back && (
        <p>
          <Link to={back.to}>{back.label}</Link>
        </p>
      )}
    </Page>
  );
}
