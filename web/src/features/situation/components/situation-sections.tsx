import type { ReactNode } from 'react';
import { formatDate, formatEuros } from '#web/lib/format.ts';
import type { Situation } from '../api/use-situation.ts';
import { contractLabels, housingKindLabels, incomeBasisLabels, relationshipLabels } from './labels.ts';

function Section({ id, title, empty, children }: { id: string; title: string; empty: boolean; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {empty ? <p className="muted">Non renseigné.</p> : children}
    </section>
  );
}

export function HouseholdSection({ household }: { household: Situation['household'] }) {
  return (
    <Section id="menage-titre" title="Mon ménage" empty={!household}>
      {household && (
        <>
          <ul>
            {household.members.map((member, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: twins share relationship and birth date; the list is shown, never reordered
              <li key={`${member.relationship}-${member.birthDate}-${index}`}>
                {relationshipLabels[member.relationship] ?? member.relationship}, {member.age} ans (né(e) le {formatDate(member.birthDate)})
                {member.disability ? ', en situation de handicap' : ''}
              </li>
            ))}
          </ul>
          <p>
            Catégorie de ménage : <strong>{household.category.category}</strong> ({household.category.persons} personne(s))
          </p>
          <ul className="muted">
            {household.category.explanation.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

export function IncomeSection({ income }: { income: Situation['income'] }) {
  return (
    <Section id="revenus-titre" title="Mes revenus" empty={!income}>
      {income && (
        <>
          <dl className="facts">
            <dt>Revenu fiscal de référence {income.yearN2}</dt>
            <dd>{formatEuros(income.rfrN2)}</dd>
            {income.incomeN1 !== null && (
              <>
                <dt>Revenus {income.yearN1}</dt>
                <dd>{formatEuros(income.incomeN1)}</dd>
              </>
            )}
            {income.incomeLast12Months !== null && (
              <>
                <dt>Revenus des 12 derniers mois</dt>
                <dd>{formatEuros(income.incomeLast12Months)}</dd>
              </>
            )}
            <dt>Revenu retenu</dt>
            <dd>
              <strong>{formatEuros(income.retained.amount)}</strong> ({incomeBasisLabels[income.retained.basis] ?? income.retained.basis})
            </dd>
          </dl>
          <p className="muted">{income.retained.explanation}</p>
        </>
      )}
    </Section>
  );
}

export function EmploymentSection({ employment, mainResidence }: Pick<Situation, 'employment' | 'mainResidence'>) {
  return (
    <Section id="contrat-titre" title="Mon contrat de travail" empty={!employment}>
      {employment && (
        <dl className="facts">
          <dt>Contrat</dt>
          <dd>
            {contractLabels[employment.kind] ?? employment.kind}
            {employment.description ? ` (${employment.description})` : ''}
          </dd>
          <dt>Début</dt>
          <dd>{formatDate(employment.startDate)}</dd>
          {employment.endDate && (
            <>
              <dt>Fin</dt>
              <dd>{formatDate(employment.endDate)}</dd>
            </>
          )}
          <dt>Période d’essai</dt>
          <dd>
            {employment.trialPeriod.ongoing
              ? `en cours${employment.trialPeriod.endsOn ? ` jusqu’au ${formatDate(employment.trialPeriod.endsOn)}` : ''}`
              : 'terminée ou sans objet'}
          </dd>
          <dt>Résidence principale</dt>
          <dd>{mainResidence === null ? 'non renseigné' : mainResidence ? 'oui' : 'non'}</dd>
        </dl>
      )}
    </Section>
  );
}

export function SearchSection({ criteria }: { criteria: Situation['searchCriteria'] }) {
  return (
    <Section id="recherche-titre" title="Le logement que je recherche" empty={!criteria}>
      {criteria && (
        <dl className="facts">
          <dt>Type</dt>
          <dd>{criteria.kinds.map((kind) => housingKindLabels[kind] ?? kind).join(', ')}</dd>
          <dt>Typologies</dt>
          <dd>{criteria.typologies.join(', ')}</dd>
          <dt>Communes</dt>
          <dd>{criteria.communes.map((commune) => `${commune.name} (${commune.department})`).join(', ')}</dd>
          <dt>Surface minimum</dt>
          <dd>{criteria.minSurfaceM2} m²</dd>
          <dt>Loyer maximum</dt>
          <dd>{formatEuros(criteria.maxRentEuros)} par mois</dd>
        </dl>
      )}
    </Section>
  );
}

export function PrioritySection({ criteria }: { criteria: Situation['priorityCriteria'] }) {
  return (
    <Section id="priorite-titre" title="Critères de priorité" empty={false}>
      {criteria.length === 0 ? (
        <p className="muted">Aucun critère de priorité déclaré.</p>
      ) : (
        <ul>
          {criteria.map((criterion) => (
            <li key={criterion.criterion}>
              {criterion.label} — justificatif : {criterion.proof.label}
              {criterion.declared ? '' : ' (déduit de votre ménage)'}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
