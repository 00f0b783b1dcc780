import { useMemo } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { pagePath, pagePaths } from '#shared/page-paths.ts';
import { ErrorSummary } from '#web/components/form/error-summary.tsx';
import { Notice } from '#web/components/ui/notice.tsx';
import { ErrorNotice, PageLoadError, PageLoading } from '#web/components/ui/page-states.tsx';
import { OfferTimeline } from '#web/components/ui/offer-timeline.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { formErrorsOf } from '#web/lib/form-errors.ts';
import { formatDateTime } from '#web/lib/format.ts';
import { type Offer, usePageOffer, useOfferHistory, usePublishOffer, useRepublishOffer } from '../api/use-offers.ts';
import { OfferFacts } from '../components/offer-facts.tsx';
import { fieldLabelOf, offerStatusLabels } from '../components/labels.ts';

const stageLabels: Record<string, string> = {
  CLOSED: 'candidatures closes, sélection en cours',
  COMMISSION: 'dossiers transmis à la commission',
  OFFERING: 'logement proposé aux candidats classés',
  ATTRIBUTED: 'logement attribué',
  UNFILLED: 'offre non pourvue',
};

/** An offer of the landlord: its fields, publication, then its history as a timeline and republication when unfilled. */
export function OfferPage() {
  const { offer } = usePageOffer();
  const saved = (useLocation().state as { saved?: boolean } | null)?.saved === true;
  if (offer.isPending) return <PageLoading title="Offre" />;
  if (offer.isError)
    return <PageLoadError title="Offre" error={offer.error} back={{ to: pagePaths.landlordOffers, label: 'Retour à mes offres' }} />;
  const view = offer.data;
  return (
    <Page title={`Offre ${view.externalReference}`}>
      <p>
        <Link to={pagePaths.landlordOffers}>Retour à mes offres</Link>
      </p>
      {saved && (
        <Notice kind="success">
          <p>L’offre est enregistrée.</p>
        </Notice>
      )}
      <p className="lead">
        Statut : <strong>{offerStatusLabels[view.status]}</strong> · {view.applicantCount} candidat{view.applicantCount > 1 ? 's' : ''}
      </p>
      {view.status === 'DRAFT' ? <DraftActions offer={view} /> : <OfferLifecycle offer={view} />}
      <OfferFacts offer={view} />
    </Page>
  );
}

function DraftActions({ offer }: { offer: Offer }) {
  const publish = usePublishOffer(offer.offerId);
  const errors = useMemo(() => (publish.error ? formErrorsOf(publish.error).items : []), [publish.error]);
  return (
    <section className="card" aria-labelledby="publication-titre">
      <h2 id="publication-titre">Publication</h2>
      <p>Une fois publiée, l’offre ne se modifie plus et les salariés peuvent y candidater pendant la période de candidature.</p>
      <ErrorSummary items={errors} labels={fieldLabelOf} />
      <p className="actions">
        <button type="button" className="button" disabled={publish.isPending} onClick={() => publish.mutate()}>
          Publier l’offre
        </button>
        <Link className="button button--secondary" to={pagePath(pagePaths.landlordEditOffer, { offerId: offer.offerId })}>
          Modifier le brouillon
        </Link>
      </p>
    </section>
  );
}

function OfferLifecycle({ offer }: { offer: Offer }) {
  const history = useOfferHistory(offer.offerId, true);
  const stage = history.data?.stage;
  return (
    <section className="card" aria-labelledby="historique-titre">
      <h2 id="historique-titre">Historique</h2>
      {offer.publishedAt && offer.closesAt && (
        <p>
          Publiée le {formatDateTime(offer.publishedAt)} ; candidatures jusqu’au {formatDateTime(offer.closesAt)}.
        </p>
      )}
      {history.data && (
        <>
          <p role="status">
            {stage ? `Étape : ${stageLabels[stage]}` : 'Période de candidature ouverte'}
            {history.data.round ? ` · tour de sélection ${history.data.round}` : ''}
          </p>
          <OfferTimeline history={history.data} />
          {stage === 'UNFILLED' && <Republish offerId={offer.offerId} republishedAs={history.data.republishedAs} />}
        </>
      )}
      {history.isError && <ErrorNotice error={history.error} />}
    </section>
  );
}

function Republish({ offerId, republishedAs }: { offerId: string; republishedAs: string | undefined }) {
  const republish = useRepublishOffer(offerId);
  const navigate = useNavigate();
  if (republishedAs) {
    return (
      <p>
        Cette offre a été republiée : <Link to={pagePath(pagePaths.landlordOffer, { offerId: republishedAs })}>voir la nouvelle offre</Link>
        .
      </p>
    );
  }
  return (
    <>
      {republish.isError && <ErrorSummary items={formErrorsOf(republish.error).items} labels={fieldLabelOf} />}
      <p>
        <button
          type="button"
          className="button"
          disabled={republish.isPending}
          onClick={() =>
            republish.mutate(undefined, {
              onSuccess: (created) => navigate(pagePath(pagePaths.landlordOffer, { offerId: created.offerId })),
            })
          }
        >
          Republier l’offre
        </button>
      </p>
    </>
  );
}
