import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { pagePaths } from '#shared/page-paths.ts';
import { Notice } from '#web/components/ui/notice.tsx';
import { errorMessageOf, ErrorNotice } from '#web/components/ui/page-states.tsx';
import { OfferTimeline } from '#web/components/ui/offer-timeline.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { ApiError } from '#web/lib/api-client.ts';
import { formatDateTime } from '#web/lib/format.ts';
import { useCandidates, useCommissionHistory, useCommissionOffer } from '../api/use-commission.ts';
import { CandidateCard } from '../components/candidate-card.tsx';
import { RankingForm } from '../components/ranking-form.tsx';

const stageLabels: Record<string, string> = {
  CLOSED: 'candidatures closes, sélection en cours',
  COMMISSION: 'en attente de la décision de la commission',
  OFFERING: 'décision transmise : logement proposé aux candidats classés',
  ATTRIBUTED: 'logement attribué',
  UNFILLED: 'offre non pourvue',
};

/** The commission's page of an offer: the selected files, the ranking to send, the history with its rounds. */
export function CommissionOfferPage() {
  const offerId = useParams().offerId ?? '';
  const offer = useCommissionOffer(offerId);
  const candidates = useCandidates(offerId);
  const history = useCommissionHistory(offerId);
  const title = offer.data ? `Commission — offre ${offer.data.externalReference}` : 'Commission d’attribution';
  const notYet = candidates.error instanceof ApiError && candidates.error.status === 409;
  const view = candidates.data;
  // The round whose decision was sent from this page: its confirmation stays while the data moves on.
  const [sentInRound, setSentInRound] = useState<number | undefined>();
  return (
    <Page title={title}>
      <p>
        <Link to={pagePaths.commissionOffers}>Retour aux offres</Link>
      </p>
      {offer.isError && <ErrorNotice error={offer.error} />}
      {offer.data && (
        <p className="lead">
          {[offer.data.typology, offer.data.residenceName, offer.data.communeName].filter(Boolean).join(' · ')} ·{' '}
          {offer.data.applicantCount} candidat{offer.data.applicantCount > 1 ? 's' : ''}
        </p>
      )}
      {candidates.isPending && <p role="status">Chargement…</p>}
      {notYet && (
        <Notice title="Dossiers pas encore disponibles">
          <p>La période de candidature n’est pas close ou la sélection du robot est en cours. Cette page se met à jour seule.</p>
        </Notice>
      )}
      {candidates.isError && !notYet && <ErrorNotice error={candidates.error} />}
      {view && (
        <>
          <p role="status">
            Étape : {stageLabels[view.stage]} · tour de sélection {view.round ?? 1} · {view.applicants} candidature
            {view.applicants > 1 ? 's' : ''} à la clôture du {formatDateTime(view.closedAt)}
            {view.gridVersion ? ` · grille ${view.gridVersion}` : ''}
          </p>
          <section className="card" aria-labelledby="decision-titre">
            <h2 id="decision-titre">Décision de la commission</h2>
            {(view.stage === 'COMMISSION' && view.candidates.length > 0) || sentInRound === (view.round ?? 1) ? (
              <RankingForm
                key={`${offerId}-${view.round ?? 1}`}
                offerId={offerId}
                candidates={view.candidates}
                onSent={() => setSentInRound(view.round ?? 1)}
              />
            ) : (
              <p>
                {view.stage === 'COMMISSION' ? 'Aucun dossier à classer.' : 'La décision est transmise ; voir l’historique ci-dessous.'}
              </p>
            )}
          </section>
          <h2>Dossiers retenus ({view.candidates.length})</h2>
          {view.candidates.map((candidate) => (
            <CandidateCard key={candidate.applicationId} candidate={candidate} />
          ))}
        </>
      )}
      <section className="card" aria-labelledby="historique-titre">
        <h2 id="historique-titre">Historique</h2>
        {history.data && <OfferTimeline history={history.data} />}
        {history.isError && <p>{errorMessageOf(history.error)}</p>}
      </section>
    </Page>
  );
}
