import type { Application } from '#applications/application-store.ts';
import { landlordEmails, type LandlordTemplate } from '#notifications/lifecycle-emails.ts';
import type { Notification } from '#notifications/outbox.ts';
import type { Offer } from '#offers/offer-store.ts';
import { calendarDayIn, frenchDate, timeZone } from '#shared/calendar.ts';
import type { LifecycleDeps } from '../lifecycle-context.ts';
import type { LifecycleEventKind } from '../lifecycle-schemas.ts';
import type { LifecycleEvent, LifecycleRecord } from '../lifecycle-store.ts';

/**
 * What the lifecycle's tasks (DESIGN §4, one per Task state, one file each) share. Each task
 * reads the stored state first and is a no-op when its change is already there, so a retried
 * task, a duplicate delivery or a resumed execution changes nothing twice; a state it cannot act
 * on yet throws `LifecycleNotReady`, which the state machine retries.
 */
export class LifecycleNotReady extends Error {
  override readonly name = 'LifecycleNotReady';
}

export const deadlineText = (iso: string) => frenchDate(calendarDayIn(timeZone, new Date(iso)));
export const addSeconds = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000).toISOString();
/** Seconds from now to a stored deadline, at least 1: a callback's timeout follows the deadline its party was given. */
export const secondsUntil = (deadline: string, now: Date) => Math.max(1, Math.ceil((Date.parse(deadline) - now.getTime()) / 1000));

export function event(
  offerId: string,
  at: string,
  kind: LifecycleEventKind,
  actor: LifecycleEvent['actor'],
  details: Record<string, unknown>,
): LifecycleEvent {
  return { offerId, at, kind, actor, details };
}

export async function publishedOffer(deps: LifecycleDeps, offerId: string): Promise<Offer & { closesAt: string }> {
  const offer = await deps.store.offer(offerId);
  if (offer?.status !== 'PUBLISHED' || !offer.closesAt) throw new LifecycleNotReady(`Offer ${offerId} is not published`);
  return { ...offer, closesAt: offer.closesAt };
}

export async function recordOf(deps: LifecycleDeps, offerId: string): Promise<LifecycleRecord> {
  const record = await deps.store.record(offerId);
  if (!record) throw new LifecycleNotReady(`Offer ${offerId} has not been scored`);
  return record;
}

/** The e-mails to the offer's landlord users, read now. */
export async function toLandlord(
  deps: LifecycleDeps,
  offer: Offer,
  template: LandlordTemplate,
  params: Record<string, string>,
  at: string,
): Promise<Notification[]> {
  return landlordEmails(await deps.store.landlordRecipients(offer.landlordId), offer, template, params, at, deps.appUrl);
}

/** Ranked candidates still waiting when the offer ends; they were selected without attribution. */
export function stillWaiting(record: LifecycleRecord, applications: Map<string, Application>, except?: string): Application[] {
  return [...new Set([...(record.ranking ?? []), ...record.selected])]
    .filter((id) => id !== except)
    .flatMap((id) => {
      const application = applications.get(id);
      return application && ['SELECTED', 'RANKED'].includes(application.status) ? [application] : [];
    });
}

/** A refused ending (a candidate erased between the read and the write) is retried from a new read. */
export async function unlessEnded(deps: LifecycleDeps, offerId: string, written: boolean): Promise<void> {
  if (written) return;
  const { stage } = await recordOf(deps, offerId);
  if (stage !== 'ATTRIBUTED' && stage !== 'UNFILLED') throw new LifecycleNotReady(`Offer ${offerId} changed while ending; retrying`);
}
