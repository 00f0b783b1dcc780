import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { pagePaths } from '#shared/page-paths.ts';
import { Notice } from '#web/components/ui/notice.tsx';
import { ErrorNotice } from '#web/components/ui/page-states.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { signOut } from '#web/lib/auth.ts';
import { useErase, useExport } from '../api/use-privacy.ts';

/** "Mes données" (RGPD): download everything the service holds about me, or erase it. */
export function PrivacyPage() {
  const exporting = useExport();
  const erasing = useErase();
  const navigate = useNavigate();
  const [confirmMissing, setConfirmMissing] = useState(false);
  const erase = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (new FormData(event.currentTarget).get('confirmation') !== 'oui') {
      setConfirmMissing(true);
      return;
    }
    setConfirmMissing(false);
    erasing.mutate(undefined, {
      onSuccess: async () => {
        await signOut();
        navigate(pagePaths.home, { replace: true });
      },
    });
  };
  return (
    <Page title="Mes données" narrow>
      <section className="card" aria-labelledby="export-titre">
        <h2 id="export-titre">Télécharger mes données</h2>
        <p>Un fichier JSON avec tout ce que le service conserve à votre sujet : compte, situation, documents, candidatures.</p>
        {exporting.isError && <ErrorNotice error={exporting.error} />}
        {exporting.isSuccess && (
          <Notice kind="success">
            <p>Vos données sont téléchargées.</p>
          </Notice>
        )}
        <button type="button" className="button button--secondary" onClick={() => exporting.mutate()} disabled={exporting.isPending}>
          Télécharger mes données
        </button>
      </section>
      <section className="card" aria-labelledby="effacer-titre">
        <h2 id="effacer-titre">Effacer mon compte</h2>
        <p>
          Votre compte, votre dossier et vos pièces justificatives sont effacés définitivement, et vos candidatures en cours sont retirées.
          Cette action est irréversible.
        </p>
        {erasing.isError && <ErrorNotice error={erasing.error} />}
        <form onSubmit={erase} noValidate>
          <div className={confirmMissing ? 'field field--error' : 'field'}>
            {confirmMissing && (
              <span className="field__error" id="champ-confirmation-erreur">
                Cochez la case pour confirmer l’effacement.
              </span>
            )}
            <label className="choice" htmlFor="champ-confirmation">
              <input
                type="checkbox"
                id="champ-confirmation"
                name="confirmation"
                value="oui"
                aria-invalid={confirmMissing ? true : undefined}
                aria-describedby={confirmMissing ? 'champ-confirmation-erreur' : undefined}
              />
              <span>Je comprends que mon compte et mes données seront effacés définitivement</span>
            </label>
          </div>
          <button type="submit" className="button" disabled={erasing.isPending}>
            Effacer mon compte
          </button>
        </form>
      </section>
    </Page>
  );
}
