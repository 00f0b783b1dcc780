import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import type { ScheduledEvent } from 'aws-lambda';
import { effectiveSchedules, scheduleTimeoutSeconds, type ScheduleDefinition } from '#definitions/schedules.ts';
import { timeZone } from '#shared/calendar.ts';
import { localRegion } from './dynamodb.ts';
import { invokeLocal } from './lambda.ts';
import type { RunningService } from './service.ts';

/** How a stand-in calls a Lambda entry, within the job's timeout; `invokeLocal` in the local cloud, a recorder in tests. */
export type Invoke = (entry: string, event: unknown, timeoutSeconds: number) => Promise<unknown>;

const invokeJob: Invoke = (entry, event, timeoutSeconds) => invokeLocal(entry, event, { timeoutSeconds });

const localAccount = '000000000000';

export class InvalidCronError extends Error {
  override readonly name = 'InvalidCronError';
}

export class UnknownJobError extends Error {
  override readonly name = 'UnknownJobError';
  constructor(
    readonly jobId: string,
    readonly knownIds: readonly string[],
  ) {
    super(`Unknown scheduled job "${jobId}". Known jobs: ${knownIds.join(', ') || '(none)'}`);
  }
}

// Upper bounds of EventBridge fields, used to turn an open step `a/b` into croner's `a-max/b`.
const fieldMaxima = { minutes: 59, hours: 23, dayOfMonth: 31, month: 12, dayOfWeek: 7, year: 2199 } as const;

/**
 * Translates the body of an EventBridge `cron(...)` expression (`min hour dom month dow year`)
 * into a seven-part croner pattern (`sec min hour dom month dow year`). The differences handled:
 * - `?` (required in day-of-month or day-of-week) becomes `*`;
 * - EventBridge numbers weekdays 1-7 from Sunday, croner 0-6: numbers shift by one, names stay;
 * - `6L` (last Friday) becomes croner's `5#L`, and `#` keeps its occurrence number;
 * - an open step `0/15` becomes `0-59/15`, since croner only accepts steps over `*` or a range.
 */
export function toCronerPattern(expression: string): string {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new InvalidCronError(
      `EventBridge cron "${expression}" must have 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`,
    );
  }
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [string, string, string, string, string, string];
  if (dayOfMonth !== '?' && dayOfWeek !== '?') {
    throw new InvalidCronError(`EventBridge cron "${expression}" needs "?" in day-of-month or day-of-week`);
  }
  return [
    '0',
    convertField(minutes, fieldMaxima.minutes),
    convertField(hours, fieldMaxima.hours),
    convertField(dayOfMonth, fieldMaxima.dayOfMonth),
    convertField(month, fieldMaxima.month),
    convertDayOfWeek(dayOfWeek, expression),
    convertField(year, fieldMaxima.year),
  ].join(' ');
}

function convertField(field: string, max: number): string {
  if (field === '?') return '*';
  return field
    .split(',')
    .map((item) => item.replace(/^([^*\-/]+)\/(\d+)$/, `$1-${max}/$2`))
    .join(',');
}

function convertDayOfWeek(field: string, expression: string): string {
  if (field === '?' || field === '*') return '*';
  return field
    .split(',')
    .map((item) => convertWeekdayItem(item.toUpperCase(), expression))
    .join(',');
}

function convertWeekdayItem(item: string, expression: string): string {
  const day = (value: string) => shiftWeekday(value, expression);
  // Each pattern's first group is mandatory: it is defined exactly when the pattern matches.
  const [, nthDay, nthIndex] = /^(\w+)#(\d)$/.exec(item) ?? [];
  if (nthDay !== undefined) return `${day(nthDay)}#${nthIndex}`;
  if (item === 'L') return day('7');
  const [, lastDay] = /^(\w+)L$/.exec(item) ?? [];
  if (lastDay !== undefined) return `${day(lastDay)}#L`;
  const [, from, to, step] = /^(\*|\w+)(?:-(\w+))?(?:\/(\d+))?$/.exec(item) ?? [];
  if (from === undefined) throw new InvalidCronError(`Unsupported day-of-week "${item}" in EventBridge cron "${expression}"`);
  const start = from === '*' ? '0' : day(from);
  const end = to ? day(to) : step ? day(String(fieldMaxima.dayOfWeek)) : undefined;
  return `${start}${end === undefined ? '' : `-${end}`}${step ? `/${step}` : ''}`;
}

function shiftWeekday(value: string, expression: string): string {
  if (!/^\d+$/.test(value)) return value;
  const weekday = Number(value);
  if (weekday < 1 || weekday > 7) {
    throw new InvalidCronError(`Day-of-week ${value} is outside 1-7 (SUN-SAT) in EventBridge cron "${expression}"`);
  }
  return String(weekday - 1);
}

/** The event EventBridge Scheduler hands to a Lambda target, for the schedule `id` at `time`. */
export function scheduledEvent(id: string, time: Date): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    account: localAccount,
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: localRegion,
    resources: [`arn:aws:scheduler:${localRegion}:${localAccount}:schedule/default/${id}`],
    detail: {},
  };
}

export interface RunJobOptions {
  readonly invoke?: Invoke;
  readonly now?: () => Date;
  readonly schedules?: Readonly<Record<string, ScheduleDefinition>>;
}

/**
 * Runs one job of the schedule table now, outside its schedule: what `POST /_local/jobs/{id}`
 * and `npm run job -- <id>` do. Resolves with the handler's result, rejects with its error.
 */
export async function runJobNow(id: string, options: RunJobOptions = {}): Promise<unknown> {
  const table: Readonly<Record<string, ScheduleDefinition>> = options.schedules ?? effectiveSchedules();
  const definition = Object.hasOwn(table, id) ? table[id] : undefined;
  if (!definition) throw new UnknownJobError(id, Object.keys(table));
  const invoke = options.invoke ?? invokeJob;
  return invoke(definition.handler, scheduledEvent(id, (options.now ?? (() => new Date()))()), scheduleTimeoutSeconds(definition));
}

export interface ScheduledRunFailure {
  readonly id: string;
  readonly handler: string;
  readonly error: unknown;
}

export interface SchedulerOptions extends RunJobOptions {
  /** Told about a scheduled run that failed; printed to stderr when absent. */
  readonly onError?: (failure: ScheduledRunFailure) => void;
  /** False: the crons stay paused and jobs run only when asked (`runNow`). True when absent. */
  readonly cron?: boolean;
}

export interface LocalScheduler extends RunningService {
  /** Empty: the scheduler runs in-process and serves nothing (jobs are run through the gateway). */
  readonly url: string;
  /** Ids of the jobs, in the order of the schedule table. */
  readonly ids: readonly string[];
  runNow(id: string): Promise<unknown>;
  /** Next run of each job after `now()`; null once stopped or when the cron has no future run. */
  nextRuns(): Record<string, Date | null>;
  stop(): Promise<void>;
}

/**
 * Runs every job of the schedule table on its cron, in the Paris time zone, until `stop`.
 * Timers follow the real clock; `now` only dates the events and anchors `nextRuns`.
 */
export function startScheduler(options: SchedulerOptions = {}): LocalScheduler {
  const table: Readonly<Record<string, ScheduleDefinition>> = options.schedules ?? effectiveSchedules();
  const now = options.now ?? (() => new Date());
  const invoke = options.invoke ?? invokeJob;
  const onError = options.onError ?? reportFailure;
  const jobs = new Map<string, Cron>();
  const running = new Set<Promise<void>>();

  const trigger = (id: string, definition: ScheduleDefinition): Promise<void> => {
    const run = Promise.resolve()
      .then(() => invoke(definition.handler, scheduledEvent(id, startOfMinute(now())), scheduleTimeoutSeconds(definition)))
      .then(
        () => undefined,
        (error: unknown) => onError({ id, handler: definition.handler, error }),
      )
      .finally(() => running.delete(run));
    running.add(run);
    return run;
  };

  // Every cron is converted before any timer starts, so a bad entry leaves nothing running.
  const patterns = Object.entries(table).map(([id, definition]) => [id, definition, toCronerPattern(definition.cron)] as const);
  for (const [id, definition, pattern] of patterns) {
    // `protect` skips a tick while the previous run is still busy, so a slow local handler
    // does not pile up runs of itself.
    const job = new Cron(pattern, { timezone: timeZone, mode: '7-part', protect: true, paused: options.cron === false }, () =>
      trigger(id, definition),
    );
    jobs.set(id, job);
  }

  return {
    name: 'Scheduler',
    url: '',
    ids: [...jobs.keys()],
    runNow: (id) => runJobNow(id, { invoke, now, schedules: table }),
    nextRuns: () => Object.fromEntries([...jobs].map(([id, job]) => [id, job.nextRun(now())])),
    async stop() {
      for (const job of jobs.values()) job.stop();
      await Promise.allSettled([...running]);
    },
  };
}

function startOfMinute(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 60_000) * 60_000);
}

function reportFailure({ id, handler, error }: ScheduledRunFailure): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[scheduler] job ${id} (${handler}) failed: ${message}`);
}
