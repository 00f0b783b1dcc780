import { productionDurations } from '#definitions/lifecycle.ts';

/**
 * Numbers of the offers area (DESIGN §2 R8), as configuration: code receives them as arguments
 * so that tests and operators can use other values.
 */
export interface OfferRules {
  /**
   * How long an offer stays open for applications after publication, as an ISO 8601 duration: the
   * lifecycle's configured `applicationWindow` (`APPLICATION_WINDOW`), which every publisher passes in.
   */
  readonly applicationWindow: string;
  /** Default and maximum page sizes of the landlord's offer list. */
  readonly pageSize: { readonly default: number; readonly max: number };
}

export const offerRules: OfferRules = {
  applicationWindow: productionDurations.applicationWindow,
  pageSize: { default: 20, max: 100 },
};

const durationPattern = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/**
 * Milliseconds of an ISO 8601 duration made of weeks, days, hours, minutes and seconds. Years and
 * months are refused: their length depends on the calendar, and a window is counted in days.
 */
export function durationMs(duration: string): number {
  const match = durationPattern.exec(duration);
  if (!match || duration === 'P' || duration.endsWith('T')) {
    throw new Error(`Unsupported ISO 8601 duration: ${duration} (use weeks, days, hours, minutes, seconds)`);
  }
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return ((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
}

/** When an offer published at `publishedAt` stops accepting applications. */
export const closingTime = (publishedAt: Date, rules: Pick<OfferRules, 'applicationWindow'>) =>
  new Date(publishedAt.getTime() + durationMs(rules.applicationWindow));
