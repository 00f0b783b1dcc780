import { Notice } from '#web/components/ui/notice.tsx';
import { formErrorsOf } from '#web/lib/form-errors.ts';
import { formatDate } from '#web/lib/format.ts';
import { type Situation, useRenewNud } from '../api/use-situation.ts';

/** The NUD, its validity (rule R4) and its renewal. */
export function NudCard({ nud }: { nud: Situation['nud'] }) {
  const renewal = useRenewNud();
  const { validity } = nud;
  return (
    <section className="card" aria-labelledby="nud-titre">
      <h2 id="nud-titre">Ma demande de logement social</h2>
      <dl className="facts">
        <dt>Numéro unique (NUD)</dt>
        <dd>{nud.number}</dd>
        <dt>Première inscription</dt>
        <dd>{nud.firstRegisteredOn ? formatDate(nud.firstRegisteredOn) : 'non renseignée'}</dd>
        <dt>Dernier renouvellement</dt>
        <dd>{nud.lastRenewedOn ? formatDate(nud.lastRenewedOn) : 'aucun'}</dd>
        {validity.expiresOn && (
          <>
            <dt>{validity.valid ? 'Valable jusqu’au' : 'Expirée le'}</dt>
            <dd>{formatDate(validity.expiresOn)}</dd>
          </>
        )}
      </dl>
      <p className={validity.valid ? undefined : 'field__error'}>{validity.message}</p>
      {renewal.isError && (
        <Notice kind="error">
          <p>
            {formErrorsOf(renewal.error)
              .items.map((item) => item.message)
              .join(' ')}
          </p>
        </Notice>
      )}
      {renewal.isSuccess && (
        <Notice kind="success">
          <p>Le renouvellement de votre demande est enregistré.</p>
        </Notice>
      )}
      <button type="button" className="button button--secondary" onClick={() => renewal.mutate()} disabled={renewal.isPending}>
        J’ai renouvelé ma demande
      </button>
    </section>
  );
}
