import { describe, expect, it } from 'vitest';
import { maxResumeAttempts, phaseOf, repairOf } from '#jobs/lifecycle-reconciler-job.ts';

const now = new Date('2030-06-01T12:00:00.000Z');
const open = '2030-06-05T12:00:00.000Z';
const closedMinutesAgo = '2030-06-01T11:50:00.000Z';
const closedHoursAgo = '2030-06-01T09:00:00.000Z';
const grace = 3_600_000;

describe('where the reconciler resumes a lifecycle', () => {
  it('at the phase of the stored stage: the window while open, scoring once closed or closed unscored, commission and offering where they wait', () => {
    expect(phaseOf(undefined, open, now)).toBe('WINDOW');
    expect(phaseOf(undefined, closedMinutesAgo, now)).toBe('SCORING');
    expect(phaseOf('CLOSED', closedHoursAgo, now)).toBe('SCORING');
    expect(phaseOf('COMMISSION', closedHoursAgo, now)).toBe('COMMISSION');
    expect(phaseOf('OFFERING', closedHoursAgo, now)).toBe('OFFERING');
    expect(phaseOf('ATTRIBUTED', closedHoursAgo, now)).toBeUndefined();
    expect(phaseOf('UNFILLED', closedHoursAgo, now)).toBeUndefined();
  });

  it('leaves a running execution alone, unless the window closed more than the grace period ago with nothing scored', () => {
    expect(repairOf({ closesAt: open, resumeAttempts: 0, execution: 'RUNNING' }, now, grace)).toEqual({ kind: 'healthy' });
    expect(repairOf({ closesAt: closedMinutesAgo, resumeAttempts: 0, execution: 'RUNNING' }, now, grace)).toEqual({ kind: 'healthy' });
    expect(repairOf({ stage: 'COMMISSION', closesAt: closedHoursAgo, resumeAttempts: 0, execution: 'RUNNING' }, now, grace)).toEqual({
      kind: 'healthy',
    });
    expect(repairOf({ closesAt: closedHoursAgo, resumeAttempts: 0, execution: 'RUNNING' }, now, grace)).toEqual({
      kind: 'resume',
      phase: 'SCORING',
      reason: 'stalled',
      stopFirst: true,
    });
  });

  it('resumes a missing, failed, timed-out, aborted or finished execution at the stored phase', () => {
    expect(repairOf({ closesAt: open, resumeAttempts: 0, execution: 'ABSENT' }, now, grace)).toMatchObject({
      kind: 'resume',
      phase: 'WINDOW',
      reason: 'missing',
    });
    expect(repairOf({ closesAt: open, resumeAttempts: 0, execution: 'ABORTED' }, now, grace)).toMatchObject({
      kind: 'resume',
      phase: 'WINDOW',
      reason: 'aborted',
    });
    expect(repairOf({ stage: 'CLOSED', closesAt: closedHoursAgo, resumeAttempts: 1, execution: 'FAILED' }, now, grace)).toMatchObject({
      phase: 'SCORING',
      reason: 'failed',
      stopFirst: false,
    });
    expect(repairOf({ stage: 'OFFERING', closesAt: closedHoursAgo, resumeAttempts: 0, execution: 'TIMED_OUT' }, now, grace)).toMatchObject({
      phase: 'OFFERING',
      reason: 'timed-out',
    });
    expect(
      repairOf({ stage: 'COMMISSION', closesAt: closedHoursAgo, resumeAttempts: 0, execution: 'SUCCEEDED' }, now, grace),
    ).toMatchObject({ phase: 'COMMISSION', reason: 'succeeded' });
  });

  it('does nothing for an ended lifecycle, and gives up after the last allowed resume', () => {
    expect(repairOf({ stage: 'UNFILLED', closesAt: closedHoursAgo, resumeAttempts: 0, execution: 'FAILED' }, now, grace)).toEqual({
      kind: 'ended',
    });
    expect(
      repairOf({ stage: 'OFFERING', closesAt: closedHoursAgo, resumeAttempts: maxResumeAttempts - 1, execution: 'FAILED' }, now, grace),
    ).toMatchObject({ kind: 'resume' });
    expect(
      repairOf({ stage: 'OFFERING', closesAt: closedHoursAgo, resumeAttempts: maxResumeAttempts, execution: 'FAILED' }, now, grace),
    ).toEqual({ kind: 'gave-up' });
  });
});
