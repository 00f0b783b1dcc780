import { Link } from 'react-router';
import { pagePath, pagePaths } from '#shared/page-paths.ts';
import { ErrorNotice } from '#web/components/ui/page-states.tsx';
import { ScoreBreakdown } from '#web/components/ui/score-breakdown.tsx';
import { daysLeft, formatDateTime, formatEuros } from '#web/lib/format.ts';
import { type Application, useAnswer } from '../api/use-applications.ts';
import { offerTitle, statusLabels } from './labels.ts';

const daysText = (days: number) => (days <= 0 ? 'moins d’un jour pour répondre' : `plus que ${days} jour${days > 1 ? 's' : ''}`);

/** Accept / decline while the dwelling is offered; withdraw while the window is open. */
function Answers({ application }: { application: Application }) {
  const answer = useAnswer(application.applicationId);
  const title = offerTitle(application.offer);
  const open = application.status === 'SUBMITTED' && Date.parse(application.offer.closesAt) > Date.now();
  if (application.status !== 'OFFERED' && !open) return null;
  return (
    <>
      {answer.isError && <ErrorNotice error={answer.error} />}
      <div className="actions">
        {application.status === 'OFFERED' ? (
          <>
            <button type="button" className="button" disabled={answer.isPending} onClick={() => answer.mutate('accept')}>
              J’accepte ce logement<span className="visually-hidden"> : {title}</span>
            </button>
            <button type="button" className="button button--secondary" disabled={answer.isPending} onClick={() => answer.mutate('decline')}>
              Je refuse ce logement<span className="visually-hidden"> : {title}</span>
            </button>
          </>
        ) : (
          <button type="button" className="button button--secondary" disabled={answer.isPending} onClick={() => answer.mutate('withdraw')}>
            Retirer ma candidature<span className="visually-hidden"> : {title}</span>
          </button>
        )}
      </div>
    </>
  );
}

/** One application: status, provisional position, deadlines, score after the close, reasons. */
export function ApplicationCard({ application }: { application: Application }) {
  const { offer } = application;
  const title = offerTitle(offer);
  return (
    <li className="card">
      <h2>
        <Link to={pagePath(pagePaths.offer, { offerId: offer.offerId })}>{title}</Link>
      </h2>
      <p>
        <strong>{statusLabels[application.status]}</strong>
      </p>
      <dl className="facts">
        <dt>Déposée le</dt>
        <dd>{formatDateTime(application.appliedAt)}</dd>
        <dt>Loyer charges comprises</dt>
        <dd>{formatEuros(offer.rentWithChargesEuros)} par mois</dd>
        <dt>Fin des candidatures</dt>
        <dd>{formatDateTime(offer.closesAt)}</dd>
        {application.provisionalPosition && (
          <>
            <dt>Position provisoire</dt>
            <dd>{application.provisionalPosition.text}</dd>
          </>
        )}
        {application.position !== undefined && (
          <>
            <dt>Rang</dt>
            <dd>{application.position}</dd>
          </>
        )}
        {application.round !== undefined && application.round > 1 && application.status !== 'NOT_ELIGIBLE_AT_ROUND' && (
          <>
            <dt>Tour de sélection</dt>
            <dd>{application.round}e tour</dd>
          </>
        )}
        {application.offeredUntil && (
          <>
            <dt>Répondre avant le</dt>
            <dd>
              {formatDateTime(application.offeredUntil)}
              {application.status === 'OFFERED' && <> ({daysText(daysLeft(application.offeredUntil))})</>}
            </dd>
          </>
        )}
        {application.answeredAt && (
          <>
            <dt>Réponse donnée le</dt>
            <dd>{formatDateTime(application.answeredAt)}</dd>
          </>
        )}
        {application.withdrawnAt && (
          <>
            <dt>Retirée le</dt>
            <dd>{formatDateTime(application.withdrawnAt)}</dd>
          </>
        )}
      </dl>
      {application.commissionReason && <p>Motif de la commission : {application.commissionReason}</p>}
      {application.closeCheckReasons && application.closeCheckReasons.length > 0 && (
        <div>
          <p>
            {application.status === 'NOT_ELIGIBLE_AT_ROUND' ? `Avant le tour ${application.round ?? 2}` : 'À la clôture'}, votre dossier ne
            remplissait plus les conditions :
          </p>
          <ul>
            {application.closeCheckReasons.map((reason) => (
              <li key={reason.code}>{reason.message}</li>
            ))}
          </ul>
        </div>
      )}
      {application.score !== undefined && application.scoreBreakdown && (
        <ScoreBreakdown
          caption={`Votre score : ${application.score} points${application.gridVersion ? ` (grille ${application.gridVersion})` : ''}`}
          total={application.score}
          lines={application.scoreBreakdown}
        />
      )}
      <Answers application={application} />
    </li>
  );
}
