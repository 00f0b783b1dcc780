import { type FormEvent, useState } from 'react';
import { RadioField } from '#web/components/form/choice-field.tsx';
import { ErrorSummary } from '#web/components/form/error-summary.tsx';
import { TextField } from '#web/components/form/text-field.tsx';
import { Notice } from '#web/components/ui/notice.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { formErrorsOf, noErrors, textOf } from '#web/lib/form-errors.ts';
import { formatDateTime } from '#web/lib/format.ts';
import { type LandlordInvitation, type LandlordView, useCreateLandlord, useInviteLandlordUser } from '../api/use-operator.ts';
import { landlordRoleLabels } from '../components/labels.ts';

const createLabels = { name: 'Nom du bailleur', siren: 'SIREN (facultatif)' };
const inviteLabels = { landlordId: 'Identifiant du bailleur', email: 'E-mail de l’utilisateur', role: 'Rôle' };

/** `/operateur/bailleurs`: create a social landlord, then invite its offer managers and commission members. */
export function LandlordsPage() {
  const [created, setCreated] = useState<LandlordView | undefined>();
  return (
    <Page title="Bailleurs sociaux">
      <CreateLandlord onCreated={setCreated} />
      <InviteUser landlord={created} />
    </Page>
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

function InviteUser({ landlord }: { landlord?: LandlordView }) {
  const invite = useInviteLandlordUser();
  const [sent, setSent] = useState<string[]>([]);
  const errors = invite.isError ? formErrorsOf(invite.error) : noErrors;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const role = textOf(form, 'role') as LandlordInvitation['role'];
    invite.mutate(
      { landlordId: textOf(form, 'landlordId').trim(), email: textOf(form, 'email'), role },
      {
        onSuccess: (invitation) =>
          setSent((list) => [
            `${invitation.email} (${landlordRoleLabels[invitation.role]}) : ${
              invitation.emailSent
                ? `invitation envoyée, lien valable jusqu’au ${formatDateTime(invitation.linkValidUntil)}`
                : `déjà invité, lien encore valable jusqu’au ${formatDateTime(invitation.linkValidUntil)}`
            }`,
            ...list,
          ]),
      },
    );
  };
  return (
    <section className="card" aria-labelledby="inviter-utilisateur">
      <h2 id="inviter-utilisateur">Inviter un utilisateur d’un bailleur</h2>
      <p className="muted">Il reçoit un e-mail avec un lien pour choisir son mot de passe.</p>
      {sent.length > 0 && (
        <Notice kind="success" title="Invitations">
          <ul>
            {sent.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </Notice>
      )}
      <ErrorSummary items={errors.items} labels={inviteLabels} />
      <form key={landlord?.landlordId ?? 'aucun'} onSubmit={onSubmit} noValidate>
        <TextField
          name="landlordId"
          label={inviteLabels.landlordId}
          hint="Donné à la création du bailleur."
          defaultValue={landlord?.landlordId ?? ''}
          error={errors.fields.landlordId}
        />
        <TextField name="email" type="email" label={inviteLabels.email} autoComplete="off" error={errors.fields.email} />
        <RadioField
          name="role"
          legend={inviteLabels.role}
          options={Object.entries(landlordRoleLabels).map(([value, label]) => ({ value, label }))}
          defaultValues={['landlord']}
          error={errors.fields.role}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={invite.isPending}>
            Envoyer l’invitation
          </button>
        </div>
      </form>
    </section>
  );
}
