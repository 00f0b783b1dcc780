import { pagePaths } from '#shared/page-paths.ts';
import { Link } from 'react-router';
import { Notice } from '#web/components/ui/notice.tsx';

export interface MissingStep {
  readonly code: string;
  readonly message: string;
  readonly fixAt: string;
}

const fixLabels: Record<string, string> = {
  [pagePaths.situation]: 'Compléter « Ma situation »',
  [pagePaths.documents]: 'Compléter « Mes documents »',
  [pagePaths.applications]: 'Voir « Mes candidatures »',
};

/** What the file lacks before any application, each with the page where it is fixed. */
export function MissingSteps({ steps, message }: { steps: readonly MissingStep[]; message?: string }) {
  return (
    <Notice title="Vous ne pouvez pas encore candidater">
      {message && <p>{message}</p>}
      <ul>
        {steps.map((step) => (
          <li key={`${step.code}-${step.message}`}>
            {step.message} <Link to={step.fixAt}>{fixLabels[step.fixAt] ?? 'Corriger'}</Link>
          </li>
        ))}
      </ul>
    </Notice>
  );
}
