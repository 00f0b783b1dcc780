import { Link } from 'react-router';
import { pagePath, pagePaths } from '#shared/page-paths.ts';
import { LoadStatus } from '#web/components/ui/page-states.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { formatDate, formatDateTime, formatEuros } from '#web/lib/format.ts';
import { useOffers } from '../api/use-offers.ts';
import { offerStatusLabels } from '../components/labels.ts';

/** The landlord's offers, newest first: status, closing, applicant count, and a link to each. */
export function OffersPage() {
  const offers = useOffers();
  return (
    <Page title="Mes offres">
      <p className="actions">
        <Link className="button" to={pagePaths.landlordNewOffer}>
          Créer une offre
        </Link>
        <Link className="button button--secondary" to={pagePaths.landlordImports}>
          Importer des offres
        </Link>
      </p>
      <LoadStatus query={offers} />
      {offers.data && offers.data.offers.length === 0 && <p>Aucune offre pour l’instant.</p>}
      {offers.data && offers.data.offers.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption id="offres-legende">Vos offres, les plus récentes d’abord</caption>
            <thead>
              <tr>
                <th scope="col">Offre</th>
                <th scope="col">Loyer charges comprises</th>
                <th scope="col">Fin des candidatures</th>
                <th scope="col">Candidats</th>
              </tr>
            </thead>
            <tbody>
              {offers.data.offers.map((offer) => (
                <tr key={offer.offerId}>
                  <th scope="row">
                    <Link to={pagePath(pagePaths.landlordOffer, { offerId: offer.offerId })}>{offer.externalReference}</Link>
                    <br />
                    <strong>{offerStatusLabels[offer.status]}</strong>
                    <br />
                    <span className="muted">
                      {[offer.typology, offer.residenceName, offer.communeName].filter(Boolean).join(' · ') || 'À compléter'}
                    </span>
                  </th>
                  <td>{offer.rentWithChargesEuros === undefined ? '—' : formatEuros(offer.rentWithChargesEuros)}</td>
                  <td>
                    {offer.closesAt
                      ? formatDateTime(offer.closesAt)
                      : offer.availableFrom
                        ? `disponible le ${formatDate(offer.availableFrom)}`
                        : '—'}
                  </td>
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
