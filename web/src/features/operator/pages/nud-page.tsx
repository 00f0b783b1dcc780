import { type FormEvent, useState } from 'react';
import { ErrorSummary } from '#web/components/form/error-summary.tsx';
import { TextField } from '#web/components/form/text-field.tsx';
import { Notice } from '#web/components/ui/notice.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { formErrorsOf, noErrors, textOf } from '#web/lib/form-errors.ts';
import { formatDate } from '#web/lib/format.ts';
import { useCorrectNud } from '../api/use-operator.ts';

const labels = {
  employeeId: 'Identifiant du salarié',
  firstRegisteredOn: 'Date de première inscription (attestation)',
  reason: 'Motif (envoyé au salarié)',
};

/** `/operateur/nud`: corrects the first registration date of an employee's NUD, as its certificate shows it. */
export function NudCorrectionPage() {
  const correct = useCorrectNud();
  const [formKey, setFormKey] = useState(0);
  const errors = correct.isError ? formErrorsOf(correct.error) : noErrors;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    correct.mutate(
      {
        employeeId: textOf(form, 'employeeId').trim(),
        firstRegisteredOn: textOf(form, 'firstRegisteredOn'),
        reason: textOf(form, 'reason'),
      },
      { onSuccess: () => setFormKey((key) => key + 1) },
    );
  };
  const done = correct.data;
  return (
    <Page title="Corriger la date d’un NUD" narrow>
      <p>
        Au vu de l’attestation d’enregistrement de la demande de logement social, corrigez la date de première inscription déclarée. Le
        salarié reçoit un e-mail avec le motif ; la correction est gardée dans l’historique.
      </p>
      {done && (
        <Notice kind="success" title="Date corrigée">
          <p>
            NUD {done.nud.number} : première inscription le{' '}
            {done.nud.firstRegisteredOn ? formatDate(done.nud.firstRegisteredOn) : 'non renseignée'}
            {done.correction?.from ? ` (au lieu du ${formatDate(done.correction.from)})` : ''}. {done.nud.validity.message}
          </p>
        </Notice>
      )}
      <ErrorSummary items={errors.items} labels={labels} />
      <form key={formKey} onSubmit={onSubmit} noValidate>
        <TextField name="employeeId" label={labels.employeeId} autoComplete="off" error={errors.fields.employeeId} />
        <TextField name="firstRegisteredOn" type="date" label={labels.firstRegisteredOn} error={errors.fields.firstRegisteredOn} />
        <TextField name="reason" label={labels.reason} error={errors.fields.reason} />
        <div className="actions">
          <button type="submit" className="button" disabled={correct.isPending}>
            Corriger la date
          </button>
        </div>
      </form>
    </Page>
  );
}
