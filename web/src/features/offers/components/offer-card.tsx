import { Link } from 'react-router';
import { pagePath, pagePaths } from '#shared/page-paths.ts';
import { formatDate, formatDateTime, formatEuros } from '#web/lib/format.ts';
import type { OfferSummary } from '../api/use-offers.ts';
import { housingKindLabels, offerTitle } from './labels.ts';

/** An offer in a tab: what tells the dwellings apart, and the link to its page. */
export function OfferCard({ offer }: { offer: OfferSummary }) {
  const rent = offer.rentWithChargesEuros ?? offer.rentEuros + offer.chargesEuros;
  return (
    <li className="card">
      <h3>
        <Link to={pagePath(pagePaths.offer, { offerId: offer.offerId })}>{offerTitle(offer)}</Link>
      </h3>
      <dl className="facts">
        <dt>Logement</dt>
        <dd>
          {housingKindLabels[offer.kind] ?? offer.kind}, {offer.rooms} pièce{offer.rooms > 1 ? 's' : ''}, {offer.surfaceM2} m²
        </dd>
        <dt>Adresse</dt>
        <dd>
          {offer.address}, {offer.postalCode} {offer.communeName ?? offer.commune}
        </dd>
        <dt>Loyer charges comprises</dt>
        <dd>{formatEuros(rent)} par mois</dd>
        {offer.availableFrom && (
          <>
            <dt>Disponible le</dt>
            <dd>{formatDate(offer.availableFrom)}</dd>
          </>
        )}
        <dt>Candidatures jusqu’au</dt>
        <dd>{formatDateTime(offer.closesAt)}</dd>
        <dt>Candidats</dt>
        <dd>{offer.applicantCount}</dd>
      </dl>
    </li>
  );
}
