import { Link, useParams } from 'react-router';
import { pagePaths } from '#shared/page-paths.ts';
import { Page } from '#web/components/ui/page.tsx';
import { ScrollRegion } from '#web/components/ui/scroll-region.tsx';
import { PageLoadError, PageLoading } from '#web/components/ui/page-states.tsx';
import { formatDate, formatDateTime } from '#web/lib/format.ts';
import { type LandlordDetail, useLandlord } from '../api/use-operator.ts';
import { InviteUser } from '../components/invite-user.tsx';
import { landlordRoleLabels } from '../components/labels.ts';

/** `/operateur/bailleurs/:landlordId`: a landlord, its invited users (offer managers, commission) and a new invitation. */
export function OperatorLandlordPage() {
  const landlordId = useParams().landlordId ?? '';
  const landlord = useLandlord(landlordId);
  if (landlord.isPending) return <PageLoading title="Bailleur" />;
  if (landlord.isError) return <PageLoadError title="Bailleur" error={landlord.error} />;
  return (
    <Page title={landlord.data.name}>
      <p>
        <Link to={pagePaths.operatorLandlords}>Tous les bailleurs</Link>
      </p>
      <dl className="facts">
        <dt>SIREN</dt>
        <dd>{landlord.data.siren ?? 'non renseigné'}</dd>
        <dt>Créé le</dt>
        <dd>{formatDate(landlord.data.createdAt)}</dd>
        <dt>Identifiant</dt>
        <dd>
          <code>{landlord.data.landlordId}</code>
        </dd>
      </dl>
      <Users users={landlord.data.users} />
      <InviteUser landlordId={landlordId} fixed title="Inviter un utilisateur de ce bailleur" />
    </Page>
  );
}

/** The invitations: who, in which role, and until when the last password link is valid. */
function Users({ users }: { users: LandlordDetail['users'] }) {
  return (
    <section className="card" aria-labelledby="utilisateurs">
      <h2 id="utilisateurs">Utilisateurs invités</h2>
      {users.length === 0 ? (
        <p>Aucun utilisateur invité : invitez au moins un gestionnaire des offres et un membre de la commission.</p>
      ) : (
        <ScrollRegion label="Tableau des utilisateurs invités">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">E-mail</th>
                <th scope="col">Rôle</th>
                <th scope="col">Invité le</th>
                <th scope="col">Lien de mot de passe valable jusqu’au</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.email}>
                  <th scope="row">{user.email}</th>
                  <td>{landlordRoleLabels[user.role]}</td>
                  <td>{formatDateTime(user.invitedAt)}</td>
                  <td>{formatDateTime(user.linkValidUntil)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
