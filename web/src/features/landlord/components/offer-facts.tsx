import { Fragment } from 'react';
import { formatDate, formatEuros } from '#web/lib/format.ts';
import type { Offer } from '../api/use-offers.ts';
import { accessibilityLabels, kindLabels } from './labels.ts';

/** The offer's fields as a list of facts; an empty field reads « à préciser ». */
export function OfferFacts({ offer }: { offer: Offer }) {
  const euros = (value: number | undefined) => (value === undefined ? undefined : formatEuros(value));
  const facts: [string, string | undefined][] = [
    ['Résidence', offer.residenceName],
    ['Adresse', [offer.address, offer.postalCode, offer.communeName].filter(Boolean).join(', ') || undefined],
    ['Logement', [offer.kind && kindLabels[offer.kind], offer.typology].filter(Boolean).join(' ') || undefined],
    ['Pièces', offer.rooms === undefined ? undefined : `${offer.rooms} pièce(s), ${offer.bedrooms ?? '?'} chambre(s)`],
    ['Surface', offer.surfaceM2 === undefined ? undefined : `${String(offer.surfaceM2).replace('.', ',')} m²`],
    [
      'Étage',
      offer.floor === undefined
        ? undefined
        : `${offer.floor === 0 ? 'rez-de-chaussée' : offer.floor}${offer.elevator ? ', avec ascenseur' : ''}`,
    ],
    ['Accessibilité', offer.accessibility && accessibilityLabels[offer.accessibility]],
    ['Loyer hors charges', euros(offer.rentEuros)],
    ['Charges', euros(offer.chargesEuros)],
    ['Loyer charges comprises', euros(offer.rentWithChargesEuros)],
    ['Dépôt de garantie', euros(offer.depositEuros)],
    ['Classe énergie', offer.energyClass],
    ['Financement', offer.financing],
    ['Disponible le', offer.availableFrom && formatDate(offer.availableFrom)],
    ['Réservé à', offer.reservedForSirets?.length ? `SIRET ${offer.reservedForSirets.join(', ')}` : 'ouvert à tous'],
  ];
  return (
    <section className="card" aria-labelledby="logement-titre">
      <h2 id="logement-titre">Le logement</h2>
      <dl className="facts">
        {facts.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value ?? <span className="muted">à préciser</span>}</dd>
          </Fragment>
        ))}
      </dl>
      {offer.description && <p>{offer.description}</p>}
    </section>
  );
}
