import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { pagePath, pagePaths } from '#shared/page-paths.ts';
import { ErrorSummary } from '#web/components/form/error-summary.tsx';
import { TextField } from '#web/components/form/text-field.tsx';
import { Notice } from '#web/components/ui/notice.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { ScrollRegion } from '#web/components/ui/scroll-region.tsx';
import { LoadStatus } from '#web/components/ui/page-states.tsx';
import { formErrorsOf, noErrors, textOf } from '#web/lib/form-errors.ts';
import { formatDateTime } from '#web/lib/format.ts';
import { type LandlordView, useCreateLandlord, useLandlordList } from '../api/use-operator.ts';
import { InviteUser } from '../components/invite-user.tsx';

const createLabels = { name: 'Nom du bailleur', siren: 'SIREN (facultatif)' };

/**
 * `/operateur/bailleurs`: the social landlords with their users counted by role (each linked to
 * its page, its users and invitations), a new one created, its users invited.
 */
export function LandlordsPage() {
  const [created, setCreated] = useState<LandlordView | undefined>();
  return (
    <Page title="Bailleurs sociaux">
      <LandlordList />
      <CreateLandlord onCreated={setCreated} />
      <InviteUser landlordId={created?.landlordId} />
    </Page>
  );
}

function LandlordList() {
  const list = useLandlordList();
  const landlords = list.data?.pages.flatMap((page) => page.landlords) ?? [];
  return (
    <section className="card" aria-labelledby="liste-bailleurs">
      <h2 id="liste-bailleurs">Bailleurs de la plateforme</h2>
      <LoadStatus query={list} />
      {list.isSuccess && landlords.length === 0 && <p>Aucun bailleur pour l’instant.</p>}
      {landlords.length > 0 && (
        <ScrollRegion label="Tableau des bailleurs">
          <table className="table">
            <caption>Par ordre alphabétique, avec leurs utilisateurs invités</caption>
            <thead>
              <tr>
                <th scope="col">Bailleur</th>
                <th scope="col">SIREN</th>
                <th scope="col" className="table__number">
                  Gestionnaires des offres
                </th>
                <th scope="col" className="table__number">
                  Membres de la commission
                </th>
              </tr>
            </thead>
            <tbody>
              {landlords.map((landlord) => (
                <tr key={landlord.landlordId}>
                  <th scope="row">
                    <Link to={pagePath(pagePaths.operatorLandlord, { landlordId: landlord.landlordId })}>{landlord.name}</Link>
                  </th>
                  <td>{landlord.siren ?? '—'}</td>
                  <td className="table__number">{landlord.users.landlord}</td>
                  <td className="table__number">{landlord.users.commission}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {list.hasNextPage && (
        <button type="button" className="button button--secondary" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          Afficher plus de bailleurs
        </button>
      )}
    </section>
  );
}

function CreateLandlord({ onCreated }: { onCreated: (landlord: LandlordView) => void }) {
  const create = useCreateLandlord();
  const [formKey, setFormKey] = useState(0);
  const errors = create.isError ? formErrorsOf(create.error) : noErrors;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const siren = textOf(form, 'siren').trim();
    create.mutate(
      { name: textOf(form, 'name'), ...(siren && { siren }) },
      {
        onSuccess: (landlord) => {
          onCreated(landlord);
          setFormKey((key) => key + 1);
        },
      },
    );
  };
  return (
    <section className="card" aria-labelledby="creer-bailleur">
      <h2 id="creer-bailleur">Créer un bailleur</h2>
      {create.data && (
        <Notice kind="success">
          <p>
            Bailleur « {create.data.name} » créé le {formatDateTime(create.data.createdAt)}. Son identifiant :{' '}
            <code>{create.data.landlordId}</code>. Invitez ci-dessous ses utilisateurs.
          </p>
        </Notice>
      )}
      <ErrorSummary items={errors.items} labels={createLabels} />
      <form key={formKey} onSubmit={onSubmit} noValidate>
        <TextField name="name" label={createLabels.name} error={errors.fields.name} />
        <TextField name="siren" label={createLabels.siren} inputMode="numeric" hint="9 chiffres." error={errors.fields.siren} />
        <div className="actions">
          <button type="submit" className="button" disabled={create.isPending}>
            Créer le bailleur
          </button>
        </div>
      </form>
    </section>
  );
}
