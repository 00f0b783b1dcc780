import { describe, expect, it } from 'vitest';
import {
  activeApplicationsOf,
  robotOutcomeFromItem,
  robotOutcomeToItem,
  withRobotOutcome,
  type RobotOutcome,
} from '#applications/robot-outcome.ts';

const outcome: RobotOutcome = {
  offerId: 'offer-1',
  employeeId: 'employee-1',
  status: 'NOT_SELECTED',
  score: 42,
  scoreBreakdown: [{ criterion: 'seniority', points: 42, detail: 'Ancienneté de la demande : 42 mois' }],
  gridVersion: 'v2',
  position: 5,
  decidedAt: '2026-12-03T10:00:00.000Z',
};

describe('the robot’s outcome of a file it did not select (issue 15 item 3)', () => {
  it('is what a SUBMITTED application shows, with the score, its breakdown, the grid and the position', () => {
    const application = { status: 'SUBMITTED' as const, updatedAt: '2026-12-01T08:00:00.000Z' };
    expect(withRobotOutcome(application, outcome)).toEqual({
      status: 'NOT_SELECTED',
      score: 42,
      scoreBreakdown: outcome.scoreBreakdown,
      gridVersion: 'v2',
      position: 5,
      updatedAt: outcome.decidedAt,
    });
  });

  it('leaves a status written on the application itself (a later round, an older offer) and one without outcome', () => {
    const selectedLater = { status: 'SELECTED' as const, position: 5, round: 2 };
    expect(withRobotOutcome(selectedLater, outcome)).toBe(selectedLater);
    const open = { status: 'SUBMITTED' as const };
    expect(withRobotOutcome(open, undefined)).toBe(open);
  });

  it('frees one active place per outcome in the applicant’s partition, whatever else the partition holds', () => {
    const items = [
      { entity: 'Employee' },
      { entity: 'Document' },
      robotOutcomeToItem(outcome),
      robotOutcomeToItem({ ...outcome, offerId: 'offer-2' }),
    ];
    expect(activeApplicationsOf(3, items)).toBe(1);
    expect(activeApplicationsOf(3, [{ entity: 'Employee' }])).toBe(3);
    expect(robotOutcomeToItem(outcome)).toMatchObject({ PK: 'EMPLOYEE#employee-1', SK: 'ROBOT_OUTCOME#offer-1', entity: 'RobotOutcome' });
    // Stored with its breakdown as one string, read back whole.
    expect(robotOutcomeFromItem(robotOutcomeToItem(outcome))).toEqual(outcome);
  });
});
