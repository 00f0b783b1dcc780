import { Fragment } from 'react';
import { documentRules } from '#housing-file/document-rules.ts';
import { ScoreBreakdown } from '#web/components/ui/score-breakdown.tsx';
import { formatDate, formatDateTime, formatEuros, formatPoints } from '#web/lib/format.ts';
import type { Candidate } from '../api/use-commission.ts';
import { nameOf } from './names.ts';

const documentLabel = (type: string) => (documentRules.types as Record<string, { label: string } | undefined>)[type]?.label ?? type;
const contractLabels: Record<string, string> = { CDI: 'CDI', CDD: 'CDD', other: 'autre contrat' };
const relationshipLabels: Record<string, string> = {
  applicant: 'demandeur',
  spouse: 'conjoint',
  child: 'enfant',
  'other-dependant': 'autre personne à charge',
  other: 'autre personne',
};
const statusLabels: Record<string, string> = {
  SELECTED: 'retenu par le robot',
  RANKED: 'classé par la commission',
  EXCLUDED: 'écarté par la commission',
  OFFERED: 'logement proposé',
  ACCEPTED: 'a accepté',
  DECLINED: 'a refusé',
  EXPIRED: 'sans réponse dans le délai',
  ATTRIBUTED: 'attributaire',
};

interface StoredSituation {
  household?: { members?: { relationship: string; birthDate: string; disability: boolean }[] };
  income?: { yearN2?: number; rfrN2?: number; incomeN1?: number; incomeLast12Months?: number };
  employment?: { kind: string; startDate: string; endDate?: string; trialPeriod?: { ongoing: boolean } };
  mainResidence?: boolean;
}

function SituationFacts({ situation }: { situation: Record<string, unknown> | undefined }) {
  const s = (situation ?? {}) as StoredSituation;
  const members = s.household?.members ?? [];
  const facts: [string, string][] = [
    [
      'Ménage',
      members.length
        ? `${members.length} personne${members.length > 1 ? 's' : ''} : ${members
            .map(
              (member) =>
                `${relationshipLabels[member.relationship] ?? member.relationship} né(e) le ${formatDate(member.birthDate)}${member.disability ? ' (handicap)' : ''}`,
            )
            .join(' ; ')}`
        : 'non renseigné',
    ],
    [
      'Revenu fiscal de référence',
      s.income?.rfrN2 === undefined ? 'non renseigné' : `${formatEuros(s.income.rfrN2)}${s.income.yearN2 ? ` (${s.income.yearN2})` : ''}`,
    ],
    [
      'Contrat',
      s.employment
        ? `${contractLabels[s.employment.kind] ?? s.employment.kind} depuis le ${formatDate(s.employment.startDate)}${s.employment.endDate ? `, jusqu’au ${formatDate(s.employment.endDate)}` : ''}${s.employment.trialPeriod?.ongoing ? ', en période d’essai' : ''}`
        : 'non renseigné',
    ],
    ['Résidence principale', s.mainResidence === undefined ? 'non renseigné' : s.mainResidence ? 'oui' : 'non'],
  ];
  return (
    <dl className="facts">
      {facts.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** One selected file: who, the robot's score line by line, the situation, the priority proofs and the documents. */
export function CandidateCard({ candidate }: { candidate: Candidate }) {
  const id = `dossier-${candidate.applicationId}`;
  const seniority = candidate.seniority;
  return (
    <section className="card" aria-labelledby={`${id}-titre`}>
      <h3 id={`${id}-titre`}>
        {candidate.position ? `${candidate.position}. ` : ''}
        {nameOf(candidate)}
      </h3>
      <p>
        {statusLabels[candidate.status] ?? candidate.status}
        {candidate.score !== undefined && (
          <>
            {' '}
            · score <strong>{formatPoints(candidate.score)}</strong> points
          </>
        )}{' '}
        · candidature du {formatDateTime(candidate.appliedAt)}
        {candidate.applicant && (
          <>
            {' '}
            · {candidate.applicant.email} · {candidate.applicant.phone}
          </>
        )}
      </p>
      {candidate.commissionReason && <p>Motif de la commission : {candidate.commissionReason}</p>}
      {candidate.scoreBreakdown && candidate.scoreBreakdown.length > 0 && (
        <ScoreBreakdown caption={`Détail du score de ${nameOf(candidate)}`} total={candidate.score ?? 0} lines={candidate.scoreBreakdown} />
      )}
      <h4>Situation</h4>
      <SituationFacts situation={candidate.situation} />
      <h4>Critères prioritaires et ancienneté</h4>
      <ul>
        {candidate.priorityCriteria.length === 0 && <li>Aucun critère prioritaire déclaré.</li>}
        {candidate.priorityCriteria.map((criterion) => (
          <li key={criterion.criterion}>
            {criterion.label} : justificatif « {documentLabel(criterion.proofType)} »{' '}
            {criterion.proofReceivedAt ? `reçu le ${formatDateTime(criterion.proofReceivedAt)}` : 'non reçu'}
            {criterion.provenAtApplication ? ' (présent à la candidature)' : ' (absent à la candidature : non compté)'}
          </li>
        ))}
        <li>
          Première inscription déclarée :{' '}
          {seniority.firstRegisteredOnAtApplication ? formatDate(seniority.firstRegisteredOnAtApplication) : 'non renseignée'}
          {seniority.firstRegisteredOn && seniority.firstRegisteredOn !== seniority.firstRegisteredOnAtApplication
            ? ` (corrigée depuis : ${formatDate(seniority.firstRegisteredOn)})`
            : ''}{' '}
          · attestation NUD {seniority.certificateReceivedAt ? `reçue le ${formatDateTime(seniority.certificateReceivedAt)}` : 'non reçue'}
        </li>
      </ul>
      <h4>Pièces du dossier</h4>
      {candidate.documents.length === 0 ? (
        <p>Aucune pièce.</p>
      ) : (
        <ul>
          {candidate.documents.map((document) => (
            <li key={document.type}>
              {document.downloadUrl ? (
                <a href={document.downloadUrl} target="_blank" rel="noreferrer">
                  {documentLabel(document.type)}
                  {document.filename ? ` (${document.filename})` : ''}
                  <span className="visually-hidden"> — s’ouvre dans un nouvel onglet</span>
                </a>
              ) : (
                <>
                  {documentLabel(document.type)}
                  {document.filename ? ` (${document.filename})` : ''} — lien fermé
                </>
              )}
              {document.receivedAt ? <span className="muted"> · reçue le {formatDateTime(document.receivedAt)}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
