import { type FormEvent, useId, useState } from 'react';
import { TextAreaField } from '#web/components/form/text-field.tsx';
import { ErrorNotice } from '#web/components/ui/page-states.tsx';
import { formErrorsOf } from '#web/lib/form-errors.ts';
import { formatDateTime } from '#web/lib/format.ts';
import { type CompanyEmployee, useDecideEmployment, useRecommendation } from '../api/use-company-hr.ts';

const fullName = (employee: CompanyEmployee) => `${employee.firstName} ${employee.lastName}`;

/** Who the employee is, for the company: the name, the registration date, the account's state. */
function Identity({ employee }: { employee: CompanyEmployee }) {
  return (
    <>
      <h3>{fullName(employee)}</h3>
      <p className="muted">
        Inscrit le {formatDateTime(employee.registeredAt)}
        {employee.account === 'PENDING_PASSWORD' ? ' — mot de passe pas encore choisi' : ''}
      </p>
    </>
  );
}

/**
 * An employee awaiting confirmation: confirm in one step, or say no with an optional reason (sent
 * to the employee). `onDecided` announces the decision once the list no longer shows the employee.
 */
export function PendingEmployee({
  siret,
  employee,
  onDecided,
}: {
  siret: string;
  employee: CompanyEmployee;
  onDecided: (message: string) => void;
}) {
  const decide = useDecideEmployment(siret);
  const [rejecting, setRejecting] = useState(false);
  const reasonId = useId();
  const name = fullName(employee);
  const confirm = () =>
    decide.mutate(
      { employeeId: employee.employeeId, decision: 'confirmed' },
      { onSuccess: () => onDecided(`L’emploi de ${name} est confirmé. Un e-mail l’en informe.`) },
    );
  const reject = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('motif') ?? '').trim();
    decide.mutate(
      { employeeId: employee.employeeId, decision: 'rejected', ...(reason && { reason }) },
      { onSuccess: () => onDecided(`Vous n’avez pas confirmé l’emploi de ${name}. Un e-mail l’en informe.`) },
    );
  };
  const reasonError = decide.isError ? formErrorsOf(decide.error).fields.reason : undefined;
  return (
    <li className="card">
      <Identity employee={employee} />
      {decide.isError && !reasonError && <ErrorNotice error={decide.error} />}
      {rejecting ? (
        <form onSubmit={reject} noValidate>
          <TextAreaField
            name="motif"
            id={reasonId}
            label={`Motif du refus (facultatif, communiqué à ${name})`}
            rows={3}
            maxLength={500}
            error={reasonError}
          />
          <div className="actions">
            <button type="submit" className="button" disabled={decide.isPending}>
              Confirmer le refus<span className="visually-hidden"> pour {name}</span>
            </button>
            <button type="button" className="button button--secondary" onClick={() => setRejecting(false)}>
              Annuler
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          <button type="button" className="button" onClick={confirm} disabled={decide.isPending}>
            Confirmer l’emploi<span className="visually-hidden"> de {name}</span>
          </button>
          <button type="button" className="button button--secondary" onClick={() => setRejecting(true)} disabled={decide.isPending}>
            Ne pas confirmer<span className="visually-hidden"> l’emploi de {name}</span>
          </button>
        </div>
      )}
    </li>
  );
}

/** An employee whose employment is confirmed: the recommendation (a scoring criterion), given or withdrawn. */
export function ConfirmedEmployee({ siret, employee }: { siret: string; employee: CompanyEmployee }) {
  const recommendation = useRecommendation(siret);
  const name = fullName(employee);
  const recommended = employee.recommendedAt !== undefined;
  return (
    <li className="card">
      <Identity employee={employee} />
      <p>
        Emploi confirmé{employee.employment.decidedAt ? ` le ${formatDateTime(employee.employment.decidedAt)}` : ''}.{' '}
        {recommended && employee.recommendedAt ? (
          <strong>Recommandé par l’entreprise le {formatDateTime(employee.recommendedAt)}.</strong>
        ) : (
          'Non recommandé.'
        )}
      </p>
      {recommendation.isError && <ErrorNotice error={recommendation.error} />}
      <div className="actions">
        <button
          type="button"
          className={recommended ? 'button button--secondary' : 'button'}
          disabled={recommendation.isPending}
          onClick={() => recommendation.mutate({ employeeId: employee.employeeId, recommend: !recommended })}
        >
          {recommended ? 'Retirer la recommandation' : 'Recommander'}
          <span className="visually-hidden"> {recommended ? `de ${name}` : name}</span>
        </button>
      </div>
    </li>
  );
}

/** An employee whose employment the company did not confirm: it may still change its mind. */
export function RejectedEmployee({ siret, employee }: { siret: string; employee: CompanyEmployee }) {
  const decide = useDecideEmployment(siret);
  const name = fullName(employee);
  return (
    <li className="card">
      <Identity employee={employee} />
      <p>Emploi non confirmé{employee.employment.decidedAt ? ` le ${formatDateTime(employee.employment.decidedAt)}` : ''}.</p>
      {decide.isError && <ErrorNotice error={decide.error} />}
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={decide.isPending}
          onClick={() => decide.mutate({ employeeId: employee.employeeId, decision: 'confirmed' })}
        >
          Confirmer finalement l’emploi<span className="visually-hidden"> de {name}</span>
        </button>
      </div>
    </li>
  );
}
