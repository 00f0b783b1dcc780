import type { HistoryView } from '#lifecycle/lifecycle-schemas.ts';
import { formatDateTime } from '#web/lib/format.ts';

type HistoryEvent = HistoryView['events'][number];

const titles: Record<HistoryEvent['kind'], string> = {
  WINDOW_CLOSED: 'Période de candidature close',
  ROBOT_SELECTION: 'Sélection des dossiers par le robot',
  ROUND_STARTED: 'Nouveau tour : dossiers suivants présentés',
  RESERVE_SET_ASIDE: 'Dossiers en réserve écartés : conditions non remplies avant le tour suivant',
  COMMISSION_REMINDED: 'Relance de la commission (délai dépassé)',
  COMMISSION_DECISION: 'Décision de la commission',
  ROBOT_ORDER_KEPT: 'Ordre du robot retenu (pas de décision de la commission)',
  CANDIDATE_OFFERED: 'Logement proposé à un candidat',
  CANDIDATE_ACCEPTED: 'Proposition acceptée',
  CANDIDATE_DECLINED: 'Proposition refusée',
  CANDIDATE_EXPIRED: 'Proposition restée sans réponse',
  CANDIDATE_SKIPPED: 'Candidat passé (dossier retiré)',
  OFFER_ATTRIBUTED: 'Logement attribué',
  OFFER_UNFILLED: 'Offre non pourvue',
  OFFER_REPUBLISHED: 'Offre republiée',
  LIFECYCLE_FAILED: 'Incident de traitement',
  LIFECYCLE_RESUMED: 'Traitement repris',
};

const actors: Record<HistoryEvent['actor'], string> = {
  robot: 'robot',
  commission: 'commission',
  timer: 'délai',
  candidate: 'candidat',
  reconciler: 'contrôle automatique',
  workflow: 'traitement',
  landlord: 'bailleur',
};

const count = (value: unknown) => (Array.isArray(value) ? value.length : typeof value === 'number' ? value : undefined);

/** What an event's details say, in a sentence; nothing personal (the details name applications by id only). */
function detailOf(event: HistoryEvent): string | undefined {
  const d = event.details;
  const parts: string[] = [];
  if (typeof d.round === 'number') parts.push(`tour ${d.round}`);
  if (typeof d.applicants === 'number')
    parts.push(d.applicants ? `${d.applicants} candidature${d.applicants > 1 ? 's' : ''}` : 'aucune candidature');
  const selected = count(d.selected);
  if (selected !== undefined)
    parts.push(selected ? `${selected} dossier${selected > 1 ? 's' : ''} retenu${selected > 1 ? 's' : ''}` : 'aucun dossier retenu');
  const ineligible = count(d.ineligible);
  if (ineligible) parts.push(`${ineligible} dossier${ineligible > 1 ? 's' : ''} ne remplissant plus les conditions`);
  const ranked = count(d.ranking);
  if (ranked !== undefined) parts.push(`${ranked} dossier${ranked > 1 ? 's' : ''} classé${ranked > 1 ? 's' : ''}`);
  const excluded = count(d.exclusions);
  if (excluded) parts.push(`${excluded} écarté${excluded > 1 ? 's' : ''}`);
  if (typeof d.position === 'number') parts.push(`rang ${d.position}`);
  if (typeof d.offeredUntil === 'string') parts.push(`réponse attendue avant le ${formatDateTime(d.offeredUntil)}`);
  if (typeof d.reason === 'string') parts.push(d.reason);
  return parts.length ? parts.join(' · ') : undefined;
}

/** An offer's history, oldest first, as an ordered list of dated steps; the rounds are named. */
export function OfferTimeline({ history }: { history: HistoryView }) {
  if (!history.events.length) return <p>Aucun événement pour l’instant : la période de candidature est ouverte.</p>;
  return (
    <ol className="timeline">
      {history.events.map((event) => {
        const detail = detailOf(event);
        return (
          <li key={`${event.at}-${event.kind}-${String(event.details.applicationId ?? '')}`} className="timeline__item">
            <time dateTime={event.at} className="muted">
              {formatDateTime(event.at)}
            </time>{' '}
            · <strong>{titles[event.kind]}</strong>
            <span className="muted"> ({actors[event.actor]})</span>
            {detail && <p>{detail}</p>}
          </li>
        );
      })}
    </ol>
  );
}
