import type { ReactNode } from 'react';
import { Notice } from '#web/components/ui/notice.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { useSession } from '#web/lib/session.ts';

/** The SIRET the signed-in HR user answers for; a page for anyone else says why there is nothing to show. */
export function WithCompanySiret({ title, children }: { title: string; children: (siret: string) => ReactNode }) {
  const session = useSession();
  const siret = session.status === 'signed-in' ? session.session.siret : undefined;
  if (!siret) {
    return (
      <Page title={title}>
        <Notice kind="error">
          <p>Cette page est réservée au contact RH d’une entreprise : votre compte n’est rattaché à aucune entreprise.</p>
        </Notice>
      </Page>
    );
  }
  return children(siret);
}
