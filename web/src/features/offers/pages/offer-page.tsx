import { Link } from 'react-router';
import { pagePaths } from '#shared/page-paths.ts';
import { Notice } from '#web/components/ui/notice.tsx';
import { ErrorNotice, PageLoadError, PageLoading } from '#web/components/ui/page-states.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { ScoreBreakdown } from '#web/components/ui/score-breakdown.tsx';
import { formatDate, formatDateTime, formatEuros } from '#web/lib/format.ts';
import { type OfferDetails, useApply, usePageOffer } from '../api/use-offers.ts';
import { accessibilityLabels, housingKindLabels, offerTitle } from '../components/labels.ts';
import { MissingSteps } from '../components/missing-steps.tsx';

/** The household's income ceiling for this offer (rule of the financing). */
function Ceiling({ ceiling }: { ceiling: NonNullable<OfferDetails['ceiling']> }) {
  return (
    <p>
      Plafond de ressources de votre ménage pour ce logement ({ceiling.financing}, zone {ceiling.zone}, catégorie {ceiling.category}) :{' '}
      <strong>{formatEuros(ceiling.amountEuros)}</strong> de revenu fiscal de référence
      {ceiling.official ? '' : ' (montant estimé, en attendant le barème officiel)'}.
    </p>
  );
}

/** Each criterion of "may I apply?", met or not, with where to fix what can be fixed. */
function Verdict({ eligibility }: { eligibility: OfferDetails['eligibility'] }) {
  // A window not open (closed, for an applicant who comes back) says so first: the rest is no longer his to fix.
  const windowReason = eligibility.reasons.find((reason) => reason.code === 'window' && !reason.met);
  const title = eligibility.eligible
    ? 'Vous pouvez candidater'
    : (windowReason?.message.replace(/\.$/, '') ?? 'Vous ne pouvez pas candidater à ce logement');
  return (
    <section className="card" aria-labelledby="verdict-titre">
      <h2 id="verdict-titre">{title}</h2>
      <ul className="plain-list">
        {eligibility.reasons.map((reason) => (
          <li key={reason.code}>
            <span className={reason.met ? 'verdict-met' : 'verdict-unmet'}>{reason.met ? '✓ Rempli' : '✗ Non rempli'}</span> —{' '}
            {reason.message}
            {!reason.met && reason.fixAt && (
              <>
                {' '}
                <Link to={reason.fixAt}>Corriger</Link>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Apply({ offerId }: { offerId: string }) {
  const apply = useApply(offerId);
  if (apply.isSuccess) {
    return (
      <Notice kind="success" title={apply.data.message}>
        <p>
          {apply.data.application.provisionalPosition && <>Position provisoire : {apply.data.application.provisionalPosition.text}. </>}
          <Link to={pagePaths.applications}>Voir mes candidatures</Link>
        </p>
      </Notice>
    );
  }
  return (
    <div className="actions">
      {apply.isError && <ErrorNotice error={apply.error} />}
      <button type="button" className="button" onClick={() => apply.mutate()} disabled={apply.isPending}>
        Je postule
      </button>
    </div>
  );
}

/** An offer: the dwelling, its ceiling, the verdict criterion by criterion, the provisional score, "Je postule". */
export function OfferPage() {
  const { offer } = usePageOffer();
  if (offer.isPending) return <PageLoading title="Offre de logement" />;
  if (offer.isError)
    return <PageLoadError title="Offre de logement" error={offer.error} back={{ to: pagePaths.offers, label: 'Retour aux offres' }} />;
  const details = offer.data;
  const ceiling = details.eligibility.ceiling ?? details.ceiling;
  const rent = details.rentWithChargesEuros ?? details.rentEuros + details.chargesEuros;
  return (
    <Page title={offerTitle(details)}>
      <p>
        <Link to={pagePaths.offers}>← Retour aux offres</Link>
      </p>
      <section className="card" aria-labelledby="logement-titre">
        <h2 id="logement-titre">Le logement</h2>
        {details.description && <p>{details.description}</p>}
        <dl className="facts">
          <dt>Logement</dt>
          <dd>
            {housingKindLabels[details.kind] ?? details.kind} {details.typology}, {details.rooms} pièce{details.rooms > 1 ? 's' : ''} dont{' '}
            {details.bedrooms} chambre{details.bedrooms > 1 ? 's' : ''}, {details.surfaceM2} m²
          </dd>
          <dt>Adresse</dt>
          <dd>
            {details.address}, {details.postalCode} {details.communeName ?? details.commune}
          </dd>
          {details.floor !== undefined && (
            <>
              <dt>Étage</dt>
              <dd>
                {details.floor === 0 ? 'rez-de-chaussée' : `${details.floor}e`}
                {details.elevator === undefined ? '' : details.elevator ? ', avec ascenseur' : ', sans ascenseur'}
              </dd>
            </>
          )}
          {details.accessibility && (
            <>
              <dt>Accessibilité</dt>
              <dd>{accessibilityLabels[details.accessibility]}</dd>
            </>
          )}
          <dt>Loyer</dt>
          <dd>
            {formatEuros(details.rentEuros)} + {formatEuros(details.chargesEuros)} de charges, soit {formatEuros(rent)} par mois
          </dd>
          {details.depositEuros !== undefined && (
            <>
              <dt>Dépôt de garantie</dt>
              <dd>{formatEuros(details.depositEuros)}</dd>
            </>
          )}
          {details.energyClass && (
            <>
              <dt>Classe énergie</dt>
              <dd>{details.energyClass}</dd>
            </>
          )}
          <dt>Financement</dt>
          <dd>{details.financing}</dd>
          {details.availableFrom && (
            <>
              <dt>Disponible le</dt>
              <dd>{formatDate(details.availableFrom)}</dd>
            </>
          )}
          <dt>Candidatures jusqu’au</dt>
          <dd>{formatDateTime(details.closesAt)}</dd>
          <dt>Candidats</dt>
          <dd>{details.applicantCount}</dd>
        </dl>
        {details.reserved && <p>Logement réservé aux salariés de certaines entreprises.</p>}
        {ceiling && <Ceiling ceiling={ceiling} />}
      </section>
      {details.eligibility.missing.length > 0 && <MissingSteps steps={details.eligibility.missing} />}
      <Verdict eligibility={details.eligibility} />
      {details.provisionalScore && (
        <section className="card" aria-labelledby="score-titre">
          <h2 id="score-titre">Votre score provisoire</h2>
          <p>
            Calculé pour la clôture du {formatDateTime(details.provisionalScore.scoredAt)}, avec la grille{' '}
            {details.provisionalScore.gridVersion}
            {details.provisionalScore.basis === 'application' ? ', sur votre candidature' : ', sur votre dossier tel qu’il est aujourd’hui'}
            .
          </p>
          <ScoreBreakdown caption="Détail du score" total={details.provisionalScore.total} lines={details.provisionalScore.breakdown} />
        </section>
      )}
      {details.eligibility.eligible && <Apply offerId={details.offerId} />}
    </Page>
  );
}
