import { ConflictError, NotFoundError } from '#shared/errors.ts';
import { defaultTabs, type AlertSettingsInput, type AlertSettingsView } from './alert-schemas.ts';
import { AlertEmployeeNotFound, AlertSubscriptionChanged, type AlertStore, type AlertSubscription } from './alert-store.ts';

export interface AlertDeps {
  readonly alerts: Pick<AlertStore, 'read' | 'save'>;
  readonly now: () => Date;
}

const noEmployee = () =>
  new NotFoundError('Aucun dossier salarié n’est associé à ce compte : inscrivez-vous comme salarié pour recevoir des alertes.');

const changedMeanwhile = () =>
  new ConflictError('ALERTS_CHANGED', 'Vos alertes ont été modifiées en même temps par une autre requête ; réessayez.');

function alertView(subscription: AlertSubscription | undefined): AlertSettingsView {
  if (!subscription) return { enabled: false, tabs: [...defaultTabs], since: null, lastDigestAt: null };
  return {
    enabled: subscription.enabled,
    tabs: subscription.tabs,
    since: subscription.enabled ? subscription.coveredUntil : null,
    lastDigestAt: subscription.lastDigestAt ?? null,
  };
}

const sameTabs = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((tab) => b.includes(tab));

/**
 * The caller's alert settings, also before any opt-in.
 * 1. Read the profile and the subscription (one BatchGetItem); no employee file is a 404.
 * 2. No subscription reads as "disabled, requested communes".
 */
export async function getAlerts(deps: AlertDeps, employeeId: string): Promise<AlertSettingsView> {
  const { employeeExists, subscription } = await deps.alerts.read(employeeId);
  if (!employeeExists) throw noEmployee();
  return alertView(subscription);
}

/**
 * The employee opts in or out of the new-offer digest, and chooses its tabs.
 * 1. Read the profile and the subscription (one BatchGetItem); no employee file is a 404.
 * 2. Nothing changes (same switch, same tabs): answer without writing, so a repeated request is free.
 * 3. Opting in (from nothing or from disabled) starts the watermark now: only offers published
 *    from now on are "new"; the offers already sent stay recorded, so none is sent twice.
 *    Staying enabled keeps the watermark; opting out leaves the index (the job no longer sees it).
 * 4. One transaction: the profile still exists, and the subscription is still the one read
 *    (a concurrent request or digest in between is a 409).
 */
export async function putAlerts(deps: AlertDeps, employeeId: string, input: AlertSettingsInput): Promise<AlertSettingsView> {
  const { employeeExists, subscription: current } = await deps.alerts.read(employeeId);
  if (!employeeExists) throw noEmployee();
  const tabs = input.tabs ?? current?.tabs ?? [...defaultTabs];
  if (current && current.enabled === input.enabled && sameTabs(current.tabs, tabs)) return alertView(current);
  if (!current && !input.enabled && sameTabs(tabs, defaultTabs)) return alertView(undefined);

  const now = deps.now().toISOString();
  const next: AlertSubscription = {
    employeeId,
    enabled: input.enabled,
    tabs,
    updatedAt: now,
    coveredUntil: input.enabled && !current?.enabled ? now : (current?.coveredUntil ?? now),
    sentOffers: current?.sentOffers ?? {},
    ...(current?.handledOn ? { handledOn: current.handledOn } : {}),
    ...(current?.lastDigestAt ? { lastDigestAt: current.lastDigestAt } : {}),
  };
  try {
    await deps.alerts.save(next, current);
  } catch (error) {
    if (error instanceof AlertEmployeeNotFound) throw noEmployee();
    if (error instanceof AlertSubscriptionChanged) throw changedMeanwhile();
    throw error;
  }
  return alertView(next);
}
