import { Link } from 'react-router';
import { pagePath, pagePaths } from '#shared/page-paths.ts';
import { LoadStatus } from '#web/components/ui/page-states.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { formatDateTime } from '#web/lib/format.ts';
import { useCommissionOffers } from '../api/use-commission.ts';

/** The offers of the commission's landlord: published ones first matter; each links to its files and ranking. */
export function CommissionOffersPage() {
  const offers = useCommissionOffers();
  const published = offers.data?.offers.filter((offer) => offer.status === 'PUBLISHED') ?? [];
  return (
    <Page title="Offres à examiner">
      <p>Les dossiers retenus par le robot sont présentés à la commission une fois la période de candidature close.</p>
      <LoadStatus query={offers} />
      {offers.data && published.length === 0 && <p>Aucune offre publiée.</p>}
      {published.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption id="offres-legende">Offres publiées, les plus récentes d’abord</caption>
            <thead>
              <tr>
                <th scope="col">Offre</th>
                <th scope="col">Fin des candidatures</th>
                <th scope="col">Candidats</th>
              </tr>
            </thead>
            <tbody>
              {published.map((offer) => (
                <tr key={offer.offerId}>
                  <th scope="row">
                    <Link to={pagePath(pagePaths.commissionOffer, { offerId: offer.offerId })}>{offer.externalReference}</Link>
                    <br />
                    <span className="muted">{[offer.typology, offer.residenceName, offer.communeName].filter(Boolean).join(' · ')}</span>
                  </th>
                  <td>{offer.closesAt ? formatDateTime(offer.closesAt) : '—'}</td>
                  <td>{offer.applicantCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
