import { afterEach, describe, expect, it, vi } from 'vitest';
import { schedules } from '#definitions/schedules.ts';
import { InvalidCronError, runJobNow, startScheduler, toCronerPattern, UnknownJobError, type LocalScheduler } from '#local/scheduler.ts';

function recorder() {
  const calls: { entry: string; event: unknown }[] = [];
  const invoke = async (entry: string, event: unknown) => {
    calls.push({ entry, event });
    return { handled: entry };
  };
  return { calls, invoke };
}

describe('toCronerPattern', () => {
  it.each([
    ['0/15 * * * ? *', '0 0-59/15 * * * * *'],
    ['*/5 * * * ? *', '0 */5 * * * * *'],
    ['0 8 ? * 2-6 *', '0 0 8 * * 1-5 *'],
    ['0 8 ? * MON-FRI *', '0 0 8 * * MON-FRI *'],
    ['30 6 1 * ? *', '0 30 6 1 * * *'],
    ['0 0 ? * 1 *', '0 0 0 * * 0 *'],
    ['0 0 ? * 7 *', '0 0 0 * * 6 *'],
    ['0 0 ? * 1,4,7 *', '0 0 0 * * 0,3,6 *'],
    ['0 0 ? * 2/2 *', '0 0 0 * * 1-6/2 *'],
    ['0 0 ? * */2 *', '0 0 0 * * 0-6/2 *'],
    ['0 12 ? * 6L *', '0 0 12 * * 5#L *'],
    ['0 12 ? * 2#1 *', '0 0 12 * * 1#1 *'],
    ['0 12 ? * fri#3 *', '0 0 12 * * FRI#3 *'],
    ['0 0 L * ? *', '0 0 0 L * * *'],
    ['0 9 15W * ? *', '0 0 9 15W * * *'],
    ['0 0 1 1/3 ? *', '0 0 0 1 1-12/3 * *'],
    ['0 0 1 JAN ? 2030', '0 0 0 1 JAN * 2030'],
    ['0 0 1 1 ? 2026/2', '0 0 0 1 1 * 2026-2199/2'],
    ['15,45 9-17 ? * MON-FRI *', '0 15,45 9-17 * * MON-FRI *'],
  ])('turns cron(%s) into "%s"', (eventBridge, croner) => {
    expect(toCronerPattern(eventBridge)).toBe(croner);
  });

  it.each([
    ['0 8 * * *', /6 fields/],
    ['0 8 1 * MON *', /needs "\?"/],
    ['0 8 ? * 8 *', /outside 1-7/],
    ['0 8 ? * 0 *', /outside 1-7/],
  ])('rejects cron(%s)', (expression, message) => {
    expect(() => toCronerPattern(expression)).toThrow(InvalidCronError);
    expect(() => toCronerPattern(expression)).toThrow(message);
  });

  it('converts every cron of the schedule table', () => {
    for (const definition of Object.values(schedules)) expect(() => toCronerPattern(definition.cron)).not.toThrow();
  });
});

describe('startScheduler', () => {
  let scheduler: LocalScheduler | undefined;
  afterEach(async () => {
    await scheduler?.stop();
    scheduler = undefined;
    vi.useRealTimers();
  });

  it('fires a job when its cron comes due, with the scheduled minute as event time', async () => {
    vi.useFakeTimers({ now: new Date('2025-01-15T10:14:58Z') });
    const { calls, invoke } = recorder();
    scheduler = startScheduler({ invoke });

    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2_000);

    expect(calls).toEqual([{ entry: schedules.outboxSweeper.handler, event: expect.objectContaining({ time: '2025-01-15T10:15:00Z' }) }]);
  });

  it('reports a failed scheduled run to onError and keeps the schedule going', async () => {
    vi.useFakeTimers({ now: new Date('2025-01-15T10:14:58Z') });
    const failures: { id: string; error: unknown }[] = [];
    let attempts = 0;
    scheduler = startScheduler({
      invoke: async () => {
        attempts += 1;
        throw new Error('table unavailable');
      },
      onError: (failure) => failures.push(failure),
    });

    await vi.advanceTimersByTimeAsync(15 * 60_000 + 5_000);

    expect(attempts).toBe(2);
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatchObject({ id: 'outboxSweeper', error: new Error('table unavailable') });
  });

  it('runs a job now with its handler and an EventBridge Scheduler event', async () => {
    const { calls, invoke } = recorder();
    const now = new Date('2025-01-15T10:07:31.250Z');
    scheduler = startScheduler({ invoke, now: () => now });

    await expect(scheduler.runNow('outboxSweeper')).resolves.toEqual({ handled: 'notifications/handlers/sweep-outbox.ts' });

    expect(calls).toHaveLength(1);
    expect(calls[0]?.entry).toBe(schedules.outboxSweeper.handler);
    expect(calls[0]?.event).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'Scheduled Event',
      source: 'aws.scheduler',
      account: '000000000000',
      time: '2025-01-15T10:07:31Z',
      region: expect.any(String),
      resources: [expect.stringMatching(/^arn:aws:scheduler:[\w-]+:000000000000:schedule\/default\/outboxSweeper$/)],
      detail: {},
    });
  });

  it('refuses an unknown job and lists the known ones', async () => {
    const { calls, invoke } = recorder();
    scheduler = startScheduler({ invoke });
    const attempt = scheduler.runNow('nope');
    await expect(attempt).rejects.toBeInstanceOf(UnknownJobError);
    await expect(attempt).rejects.toThrow('Unknown scheduled job "nope". Known jobs: outboxSweeper');
    // Inherited object keys are not jobs.
    await expect(runJobNow('toString', { invoke })).rejects.toBeInstanceOf(UnknownJobError);
    expect(calls).toHaveLength(0);
  });

  it('propagates the error of a job run now', async () => {
    scheduler = startScheduler({ invoke: () => Promise.reject(new Error('SES down')) });
    await expect(scheduler.runNow('outboxSweeper')).rejects.toThrow('SES down');
  });

  it('gives the next run of the outbox sweeper at the next quarter hour', () => {
    scheduler = startScheduler({ invoke: recorder().invoke, now: () => new Date('2025-01-15T10:07:00Z') });
    // Every job of the schedule table has a next run; the sweeper's is the next quarter hour.
    expect(Object.keys(scheduler.nextRuns()).sort()).toEqual(Object.keys(schedules).sort());
    expect(scheduler.nextRuns().outboxSweeper).toEqual(new Date('2025-01-15T10:15:00Z'));
  });

  it('reads crons in Paris time, summer and winter, with EventBridge weekday numbers', () => {
    let now = new Date('2025-01-18T12:00:00Z'); // a Saturday
    scheduler = startScheduler({
      invoke: recorder().invoke,
      now: () => now,
      schedules: {
        weekdayMorning: { cron: '0 8 ? * 2-6 *', handler: 'a.ts', description: 'MON-FRI 08:00', needs: {} },
        firstOfMonth: { cron: '30 6 1 * ? *', handler: 'b.ts', description: '1st 06:30', needs: {} },
        lastFriday: { cron: '0 12 ? * 6L *', handler: 'c.ts', description: 'last Friday 12:00', needs: {} },
      },
    });
    expect(scheduler.nextRuns()).toEqual({
      weekdayMorning: new Date('2025-01-20T07:00:00Z'), // Monday, UTC+1
      firstOfMonth: new Date('2025-02-01T05:30:00Z'),
      lastFriday: new Date('2025-01-31T11:00:00Z'),
    });
    now = new Date('2025-06-15T12:00:00Z');
    expect(scheduler.nextRuns()).toEqual({
      weekdayMorning: new Date('2025-06-16T06:00:00Z'), // UTC+2
      firstOfMonth: new Date('2025-07-01T04:30:00Z'),
      lastFriday: new Date('2025-06-27T10:00:00Z'),
    });
  });

  it('has no next runs once stopped', async () => {
    scheduler = startScheduler({ invoke: recorder().invoke });
    await scheduler.stop();
    await scheduler.stop();
    expect(Object.values(scheduler.nextRuns())).toEqual(Object.keys(schedules).map(() => null));
  });

  it('fails to start on a schedule whose cron EventBridge would reject, leaving no job behind', async () => {
    vi.useFakeTimers({ now: new Date('2025-01-15T10:14:58Z') });
    const { calls, invoke } = recorder();
    expect(() =>
      startScheduler({
        invoke,
        schedules: {
          fine: { cron: '0/15 * * * ? *', handler: 'a.ts', description: 'x', needs: {} },
          broken: { cron: '0 8 1 * MON *', handler: 'b.ts', description: 'x', needs: {} },
        },
      }),
    ).toThrow(InvalidCronError);
    await vi.advanceTimersByTimeAsync(20 * 60_000);
    expect(calls).toEqual([]);
  });
});
