import { type FormEvent, useState } from 'react';
import { RadioField } from '#web/components/form/choice-field.tsx';
import { ErrorSummary } from '#web/components/form/error-summary.tsx';
import { TextField } from '#web/components/form/text-field.tsx';
import { Notice } from '#web/components/ui/notice.tsx';
import { formErrorsOf, noErrors, textOf } from '#web/lib/form-errors.ts';
import { formatDateTime } from '#web/lib/format.ts';
import { type LandlordInvitation, useInviteLandlordUser } from '../api/use-operator.ts';
import { landlordRoleLabels } from './labels.ts';

const inviteLabels = { landlordId: 'Identifiant du bailleur', email: 'E-mail de l’utilisateur', role: 'Rôle' };

/**
 * Invites a user of a landlord. On this page, the landlord's id comes from the one just created
 * (or is typed); on a landlord's page it is that landlord's, and not asked (`fixed`).
 */
export function InviteUser({
  landlordId,
  fixed = false,
  title = 'Inviter un utilisateur d’un bailleur',
}: {
  landlordId?: string;
  fixed?: boolean;
  title?: string;
}) {
  const invite = useInviteLandlordUser();
  const [sent, setSent] = useState<string[]>([]);
  const errors = invite.isError ? formErrorsOf(invite.error) : noErrors;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const role = textOf(form, 'role') as LandlordInvitation['role'];
    invite.mutate(
      { landlordId: fixed && landlordId ? landlordId : textOf(form, 'landlordId').trim(), email: textOf(form, 'email'), role },
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
      <h2 id="inviter-utilisateur">{title}</h2>
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
      <form key={landlordId ?? 'aucun'} onSubmit={onSubmit} noValidate>
        {!fixed && (
          <TextField
            name="landlordId"
            label={inviteLabels.landlordId}
            hint="Donné à la création du bailleur."
            defaultValue={landlordId ?? ''}
            error={errors.fields.landlordId}
          />
        )}
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
