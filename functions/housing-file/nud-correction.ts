import { newNotification } from '#notifications/outbox.ts';
import type { Principal } from '#shared/auth.ts';
import { calendarDayIn, frenchDate } from '#shared/calendar.ts';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '#shared/errors.ts';
import { NudCorrectionConflict, type NudCorrection, type NudCorrectionStore } from './nud-correction-store.ts';
import { nudExpiresOn } from './nud-validity.ts';
import type { SituationRules } from './situation-rules.ts';
import type { NudCorrectionInput, NudCorrectionView } from './situation-schemas.ts';
import { nudView } from './situation-view.ts';
import { pagePath, pagePaths, pageUrl } from '#shared/page-paths.ts';

export interface NudCorrectionDeps {
  readonly corrections: NudCorrectionStore;
  readonly rules: SituationRules;
  readonly appUrl: string;
  readonly now: () => Date;
}

/**
 * The operator corrects the first-registration date of an employee's NUD, as the NUD
 * certificate shows it (the seniority of the request counts from it).
 * 1. Read the employee's item; none is a 404.
 * 2. The date may not be in the future nor before the platform's earliest (400), nor after the
 *    last renewal (422). The same date as stored: nothing is written (`correction: null`).
 * 3. One transaction: the new date (and the NUD-expiry index when the validity runs from it),
 *    guarded by the date as read (a concurrent change: 409), the history entry (who, when, from,
 *    to, why) and the e-mail to the employee.
 * 4. Answer the NUD with its validity, and the correction.
 * Applications already made keep the date of their snapshot; the commission sees both.
 */
export async function correctNudDate(
  deps: NudCorrectionDeps,
  employeeId: string,
  input: NudCorrectionInput,
  operator: Principal,
): Promise<NudCorrectionView> {
  const now = deps.now();
  const today = calendarDayIn(deps.rules.timeZone, now);
  const read = await deps.corrections.read(employeeId);
  if (!read) throw new NotFoundError('Aucun salarié ne porte cet identifiant.');
  const { employee, record } = read;
  const to = input.firstRegisteredOn;
  const field = 'body.firstRegisteredOn';
  if (to > today) throw new ValidationError([{ field, message: 'La date de première inscription ne peut pas être dans le futur.' }]);
  if (to < deps.rules.nudEarliestFirstRegistration) {
    throw new ValidationError([
      { field, message: `La date de première inscription ne peut pas précéder le ${frenchDate(deps.rules.nudEarliestFirstRegistration)}.` },
    ]);
  }
  const { lastRenewedOn, firstRegisteredOn } = record.nudDates;
  if (lastRenewedOn !== undefined && to > lastRenewedOn) {
    const message = `La première inscription ne peut pas suivre le dernier renouvellement (${frenchDate(lastRenewedOn)}).`;
    throw new UnprocessableError('NUD_REGISTRATION_AFTER_RENEWAL', message, [{ field, message }]);
  }
  if (to === firstRegisteredOn) return { employeeId, nud: nudView(record, now, deps.rules), correction: null };

  const at = now.toISOString();
  const correction: NudCorrection = {
    employeeId,
    at,
    by: operator.userId,
    field: 'firstRegisteredOn',
    from: firstRegisteredOn ?? null,
    to,
    reason: input.reason,
  };
  const notification = newNotification({
    template: 'nud-date-corrected',
    to: employee.email,
    params: {
      firstName: employee.firstName,
      nud: employee.nud,
      ...(firstRegisteredOn && { from: frenchDate(firstRegisteredOn) }),
      to: frenchDate(to),
      reason: input.reason,
      link: pageUrl(deps.appUrl, pagePath(pagePaths.situation)),
    },
    createdAt: at,
  });
  try {
    await deps.corrections.correct(correction, lastRenewedOn === undefined ? nudExpiresOn(to, deps.rules) : undefined, notification);
  } catch (error) {
    if (error instanceof NudCorrectionConflict) {
      throw new ConflictError(
        'NUD_DATES_CHANGED',
        'Les dates de cette demande ont changé pendant la correction ; relisez-les et réessayez.',
      );
    }
    throw error;
  }
  const corrected = { ...record, nudDates: { ...record.nudDates, firstRegisteredOn: to } };
  return { employeeId, nud: nudView(corrected, now, deps.rules), correction };
}
