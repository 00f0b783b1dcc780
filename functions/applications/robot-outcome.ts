import * as z from 'zod';
import { employeeKey } from '#identity/employee-store.ts';
import { scoreLineSchema, type ApplicationStatus } from './application-schemas.ts';

/**
 * The robot's outcome for a file it did not select (issue 15, item 3), the one module that builds
 * its key. At the close, the robot writes one item per not-selected file instead of moving each
 * application in a transaction: unconditional BatchWriteItem puts, with a key of the employee
 * and the offer, so a retried run writes the same items again.
 * - Item: `PK = EMPLOYEE#<employeeId>`, `SK = ROBOT_OUTCOME#<offerId>`, in the applicant's own
 *   partition: the Query of the partition that applying (and the re-check at the close) already
 *   makes sees it, and erasing the account deletes it with the partition.
 * - It frees the file's active place: the applicant's count of active applications is the
 *   profile's `activeApplications` less the outcomes in the partition (`activeApplicationsOf`).
 * - The application item stays SUBMITTED; an application SUBMITTED with an outcome is read as
 *   the outcome says (`withRobotOutcome`): "Mes candidatures" and the next selection round.
 */
const robotOutcomeSortPrefix = 'ROBOT_OUTCOME#';
const robotOutcomeEntity = 'RobotOutcome';

export const robotOutcomeKey = (employeeId: string, offerId: string) => ({
  PK: employeeKey(employeeId).PK,
  SK: `${robotOutcomeSortPrefix}${offerId}`,
});

const robotOutcomeSchema = z.object({
  offerId: z.string(),
  employeeId: z.string(),
  status: z.literal('NOT_SELECTED'),
  score: z.number(),
  scoreBreakdown: z.array(scoreLineSchema),
  gridVersion: z.string(),
  /** The robot's rank of the file (4, 5…): the applicant's relative position. */
  position: z.int().min(1),
  decidedAt: z.string(),
});
export type RobotOutcome = z.output<typeof robotOutcomeSchema>;

/**
 * The item. The breakdown is kept as one JSON string: it is read whole and never filtered on, and
 * one string costs the robot's 2,000 puts less than a list of maps (measured on DynamoDB Local:
 * about half the time of the same puts).
 */
export const robotOutcomeToItem = (outcome: RobotOutcome) => ({
  ...robotOutcomeKey(outcome.employeeId, outcome.offerId),
  entity: robotOutcomeEntity,
  ...outcome,
  scoreBreakdown: JSON.stringify(outcome.scoreBreakdown),
});

export const isRobotOutcomeItem = (item: Record<string, unknown>) => item.entity === robotOutcomeEntity;

export const robotOutcomeFromItem = (item: Record<string, unknown>): RobotOutcome =>
  robotOutcomeSchema.parse({
    ...item,
    scoreBreakdown: typeof item.scoreBreakdown === 'string' ? JSON.parse(item.scoreBreakdown) : item.scoreBreakdown,
  });

/**
 * The application as its applicant is told: one still SUBMITTED that the robot did not select
 * (an outcome exists) is NOT_SELECTED with the robot's score, breakdown, grid and position. Any
 * other status was written on the application itself (selected, later rounds, older offers) and stands.
 */
export function withRobotOutcome<A extends { readonly status: ApplicationStatus }>(application: A, outcome: RobotOutcome | undefined): A {
  if (application.status !== 'SUBMITTED' || !outcome) return application;
  return {
    ...application,
    status: outcome.status,
    score: outcome.score,
    scoreBreakdown: outcome.scoreBreakdown,
    gridVersion: outcome.gridVersion,
    position: outcome.position,
    updatedAt: outcome.decidedAt,
  };
}

/** The employee's active applications from the items of his partition: the profile's count less the places the robot freed. */
export function activeApplicationsOf(counter: number, partitionItems: readonly Record<string, unknown>[]): number {
  return counter - partitionItems.filter(isRobotOutcomeItem).length;
}
