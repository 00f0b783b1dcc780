import { Page } from '#web/components/ui/page.tsx';
import type { Role } from '#shared/roles.ts';
import type { Session } from '#web/lib/session.ts';

const roleLabels: Record<Role, string> = {
  employee: 'Salarié',
  company: 'Ressources humaines de l’entreprise',
  landlord: 'Bailleur',
  commission: 'Commission d’attribution',
  operator: 'Opérateur de la plateforme',
};

const roleIntroductions: Record<Role, string> = {
  employee: 'Décrivez votre situation, déposez vos justificatifs, puis candidatez aux logements proposés.',
  company: 'Confirmez l’emploi des salariés qui s’inscrivent et tenez à jour les données de l’entreprise.',
  landlord: 'Publiez vos logements, importez-les en masse et suivez les candidatures.',
  commission: 'Classez les dossiers retenus et transmettez la décision de la commission.',
  operator: 'Gérez les entreprises, les bailleurs, la grille de cotation et les tâches planifiées.',
};

/** "Mon espace": who is signed in, in which role(s), and what each role does here. */
export function DashboardPage({ session }: { session: Session }) {
  return (
    <Page title={session.givenName ? `Bonjour ${session.givenName}` : 'Mon espace'}>
      <p className="lead">Vous êtes connecté avec l’adresse {session.email}.</p>
      {session.roles.map((role) => (
        <section className="card" key={role} aria-labelledby={`role-${role}`}>
          <h2 id={`role-${role}`}>{roleLabels[role]}</h2>
          <p>{roleIntroductions[role]}</p>
        </section>
      ))}
    </Page>
  );
}
