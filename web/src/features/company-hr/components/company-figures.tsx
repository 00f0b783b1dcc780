import { Notice } from '#web/components/ui/notice.tsx';
import { CompanyFacts, type CompanyView } from '#web/components/company/company-facts.tsx';

/** The company's figures as the platform holds them, under its name. */
export function CompanyFigures({ company }: { company: CompanyView }) {
  return (
    <section className="card" aria-labelledby="chiffres">
      <h2 id="chiffres">{company.name}</h2>
      <CompanyFacts company={company} />
    </section>
  );
}

/** Whether the employees may apply, and why: every criterion, met or not. */
export function CompanyEligibility({ eligibility }: { eligibility: CompanyView['eligibility'] }) {
  return (
    <Notice
      kind={eligibility.eligible ? 'success' : 'info'}
      title={eligibility.eligible ? 'Entreprise éligible' : 'Entreprise non éligible'}
    >
      <ul>
        {eligibility.reasons.map((reason) => (
          <li key={reason.criterion}>
            <strong>{reason.met ? 'Condition remplie' : 'Condition non remplie'}</strong> : {reason.message}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
