import { type ReactNode, useEffect } from 'react';

const siteName = 'Alin';

/** A page: its title in the tab (read first by screen readers on navigation) and its one `h1`. */
export function Page({ title, narrow = false, children }: { title: string; narrow?: boolean; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} — ${siteName}`;
  }, [title]);
  return (
    <div className={narrow ? 'page page--narrow' : 'page'}>
      <h1>{title}</h1>
      {children}
    </div>
  );
}
