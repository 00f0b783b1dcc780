import type { FormEvent } from 'react';
import { CheckboxField, ChoiceGroupField } from '#web/components/form/choice-field.tsx';
import { ErrorSummary } from '#web/components/form/error-summary.tsx';
import { Notice } from '#web/components/ui/notice.tsx';
import { PageLoadError, PageLoading } from '#web/components/ui/page-states.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { formErrorsOf, noErrors } from '#web/lib/form-errors.ts';
import { formatDateTime } from '#web/lib/format.ts';
import { useAlerts, usePutAlerts } from '../api/use-alerts.ts';

const tabOptions = [
  { value: 'requested', label: 'Communes demandées' },
  { value: 'neighbouring', label: 'Communes limitrophes' },
  { value: 'department', label: 'Autres communes du département' },
] as const;
type TabValue = (typeof tabOptions)[number]['value'];
const isTab = (value: FormDataEntryValue): value is TabValue => tabOptions.some((option) => option.value === value);

const labels = { enabled: 'Recevoir les alertes', tabs: 'Onglets' };

/** "Mes alertes": a daily e-mail of the new offers that match "Ma situation", by tab. */
export function AlertsPage() {
  const alerts = useAlerts();
  const save = usePutAlerts();
  if (alerts.isPending) return <PageLoading title="Mes alertes" narrow />;
  if (alerts.isError) return <PageLoadError title="Mes alertes" error={alerts.error} narrow />;
  const errors = save.isError ? formErrorsOf(save.error) : noErrors;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const tabs = form.getAll('tabs').filter(isTab);
    const enabled = form.get('enabled') === 'oui';
    save.mutate({ enabled, ...(enabled || tabs.length ? { tabs } : {}) });
  };
  const settings = alerts.data;
  return (
    <Page title="Mes alertes" narrow>
      <p>Chaque jour, recevez par e-mail les nouvelles offres auxquelles vous pouvez candidater.</p>
      {save.isSuccess && (
        <Notice kind="success">
          <p>{save.data.enabled ? 'Vos alertes sont enregistrées.' : 'Vous ne recevrez plus d’alertes.'}</p>
        </Notice>
      )}
      <ErrorSummary items={errors.items} labels={labels} />
      <form onSubmit={submit} noValidate>
        <CheckboxField name="enabled" label={labels.enabled} defaultChecked={settings.enabled} error={errors.fields.enabled} />
        <ChoiceGroupField
          name="tabs"
          legend="Offres à m’envoyer"
          multiple
          options={tabOptions}
          defaultValues={settings.tabs}
          error={errors.fields.tabs}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={save.isPending}>
            Enregistrer
          </button>
        </div>
      </form>
      {settings.lastDigestAt && <p className="muted">Dernier envoi le {formatDateTime(settings.lastDigestAt)}.</p>}
    </Page>
  );
}
