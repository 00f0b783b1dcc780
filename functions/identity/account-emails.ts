import { windowAt } from '#shared/rate-limit-rules.ts';
import type { LimitCounter } from '#shared/rate-limit-store.ts';
import type { RateLimit } from '#shared/route.ts';

/**
 * The daily allowance of account e-mails to one address: registration welcome and new links,
 * attempt warnings, password resets. One counter per address and day, kept by the shared
 * limiter's counters (`quotaTransactItem`) and written in the transaction of the e-mail it allows,
 * so a registration and a reset cannot together flood a mailbox.
 */
const accountEmailsScope = 'account e-mails';
const dayInSeconds = 86_400;

/** The address's counter for the day `now` falls in (UTC days, as every limiter window). */
export function accountEmailQuota(email: string, now: Date, maxPerDay: number): LimitCounter {
  const limit: RateLimit = { by: 'body.email', max: maxPerDay, windowSeconds: dayInSeconds };
  return { scope: accountEmailsScope, limit, subject: email.toLowerCase(), window: windowAt(now, dayInSeconds) };
}
