import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { pagePaths } from '#shared/page-paths.ts';
import { Page } from '#web/components/ui/page.tsx';
import { autoPages, type CompanyEmployee, useCompanyEmployees } from '../api/use-company-hr.ts';
import { PageLoadError, PageLoading } from '#web/components/ui/page-states.tsx';
import { WithCompanySiret } from '../components/company-siret.tsx';
import { ConfirmedEmployee, PendingEmployee, RejectedEmployee } from '../components/employee-item.tsx';

const title = 'Salariés de l’entreprise';

/** `/entreprise/salaries` (the HR digest e-mail's link): employees awaiting confirmation first, then the others. */
export function EmployeesPage() {
  return <WithCompanySiret title={title}>{(siret) => <Employees siret={siret} />}</WithCompanySiret>;
}

function Employees({ siret }: { siret: string }) {
  const employees = useCompanyEmployees(siret);
  const [announcement, setAnnouncement] = useState<string | undefined>();
  const announcementRef = useRef<HTMLDivElement>(null);
  // After a decision the employee's row is gone: focus goes to what happened, not to the page's top.
  useEffect(() => {
    if (announcement) announcementRef.current?.focus();
  }, [announcement]);
  if (employees.isPending) return <PageLoading title={title} />;
  if (employees.isError) return <PageLoadError title={title} error={employees.error} />;
  const all = employees.data.pages.flatMap((page) => page.employees);
  const byStatus = (status: CompanyEmployee['employment']['status']) => all.filter((employee) => employee.employment.status === status);
  const pending = byStatus('PENDING');
  const confirmed = byStatus('CONFIRMED');
  const rejected = byStatus('REJECTED');
  return (
    <Page title={title}>
      <p className="lead">
        Les salariés inscrits avec le SIRET {siret}. Confirmez l’emploi de ceux qui travaillent dans l’entreprise : leur dossier n’est
        complet qu’à cette condition. <Link to={pagePaths.company}>Données de l’entreprise</Link>
      </p>
      <div role="status" tabIndex={-1} ref={announcementRef}>
        {announcement && (
          <div className="notice notice--success">
            <p>{announcement}</p>
          </div>
        )}
      </div>
      <section aria-labelledby="en-attente">
        <h2 id="en-attente">En attente de confirmation ({pending.length})</h2>
        {pending.length === 0 ? (
          <p>Aucun salarié n’attend de confirmation.</p>
        ) : (
          <ul className="plain-list">
            {pending.map((employee) => (
              <PendingEmployee key={employee.employeeId} siret={siret} employee={employee} onDecided={setAnnouncement} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="confirmes">
        <h2 id="confirmes">Emploi confirmé ({confirmed.length})</h2>
        {confirmed.length === 0 ? (
          <p>Aucun salarié confirmé pour l’instant.</p>
        ) : (
          <ul className="plain-list">
            {confirmed.map((employee) => (
              <ConfirmedEmployee key={employee.employeeId} siret={siret} employee={employee} />
            ))}
          </ul>
        )}
      </section>
      {rejected.length > 0 && (
        <section aria-labelledby="non-confirmes">
          <h2 id="non-confirmes">Emploi non confirmé ({rejected.length})</h2>
          <ul className="plain-list">
            {rejected.map((employee) => (
              <RejectedEmployee key={employee.employeeId} siret={siret} employee={employee} />
            ))}
          </ul>
        </section>
      )}
      {employees.hasNextPage && employees.data.pages.length >= autoPages && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void employees.fetchNextPage()}
            disabled={employees.isFetchingNextPage}
          >
            Afficher plus de salariés
          </button>
        </p>
      )}
    </Page>
  );
}
