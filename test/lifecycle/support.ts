import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { activeApplicationsOf as activeAfterOutcomes } from '#applications/robot-outcome.ts';
import { afterAll, beforeAll } from 'vitest';
import { employeeKey } from '#identity/employee-store.ts';
import type { LocalCloudOptions } from '#local/cloud.ts';
import { employeeWithCompleteFile, publishedOffer } from '../applications/support.ts';
import { type ApiResponse, api, eventually, tokenOf } from '../support/api.ts';
import { type TestEmployee, updateEmployeeItem } from '../support/employees.ts';
import { localTable } from '../support/table.ts';
import { startOwnCloud } from '../support/own-cloud.ts';
import { mailsTo } from '../support/registration.ts';

/**
 * A local cloud of the test file's own, with lifecycle durations in seconds: the run's shared
 * cloud keeps the production durations (7 days to apply) that the other files rely on.
 */
export function startLifecycleCloud(durations: NonNullable<LocalCloudOptions['durations']>, selectionRounds?: number) {
  return startOwnCloud({ durations, selectionRounds });
}

/**
 * Starts the file's lifecycle cloud before its tests and stops it after them; the getter gives it to a test.
 * `selectionRounds`: the stage's configured rounds (issue #13 item 6), 2 when absent.
 */
export function lifecycleCloudOfFile(durations: NonNullable<LocalCloudOptions['durations']>, selectionRounds?: number) {
  let cloud: Awaited<ReturnType<typeof startLifecycleCloud>> | undefined;
  beforeAll(async () => {
    cloud = await startLifecycleCloud(durations, selectionRounds);
  }, 120_000);
  afterAll(() => cloud?.stop());
  return () => {
    if (!cloud) throw new Error('The lifecycle cloud of this file is not started.');
    return cloud;
  };
}

export interface MyApplication {
  applicationId: string;
  status: string;
  position?: number;
  score?: number;
  scoreBreakdown?: { criterion: string; points: number; detail: string }[];
  gridVersion?: string;
  offeredUntil?: string;
  /** The selection round the file went to the commission in, or was set aside before. */
  round?: number;
  /** Why the re-check (at the close, or before a later round) left the file out. */
  closeCheckReasons?: { code: string; message: string }[];
  /** The offer as the application keeps it: its window's end decides the grid the robot scores with. */
  offer: { closesAt: string };
}

/** The employee's application to the offer, as "Mes candidatures" shows it. */
export async function myApplication(token: string, offerId: string): Promise<MyApplication | undefined> {
  const response = await api('GET', '/me/applications?limit=50', { token });
  if (response.status !== 200) throw new Error(`Mes candidatures: ${response.status}`);
  return (response.body.applications as MyApplication[]).find((application) => application.applicationId === offerId);
}

/** Waits until the employee's application to the offer has one of the statuses. */
export function statusOf(token: string, offerId: string, statuses: readonly string[], timeoutMs = 60_000) {
  return eventually(
    `application ${offerId} in ${statuses.join('|')}`,
    async () => {
      const application = await myApplication(token, offerId);
      return application && statuses.includes(application.status) ? application : undefined;
    },
    timeoutMs,
  );
}

export interface HistoryEvent {
  at: string;
  kind: string;
  actor: string;
  details: Record<string, unknown>;
}

export async function historyOf(offerId: string, account = 'landlord'): Promise<{ stage?: string; events: HistoryEvent[] }> {
  const response = await api('GET', `/landlord/offers/${offerId}/history`, { token: await tokenOf(account) });
  if (response.status !== 200) throw new Error(`history: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Waits until the offer's history holds an event of that kind. */
export function eventOf(offerId: string, kind: string, timeoutMs = 60_000) {
  return eventually(`${kind} on ${offerId}`, async () => (await historyOf(offerId)).events.find((event) => event.kind === kind), timeoutMs);
}

/** Subjects of the e-mails sent to an address so far (no wait: drain the outbox first, or poll). */
export async function subjectsTo(address: string): Promise<string[]> {
  return (await mailsTo(address)).map((mail) => mail.subject);
}

/** Employees with complete files whose requests differ in age (seniority points), oldest first. */
export async function applicants(count: number): Promise<TestEmployee[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => employeeWithCompleteFile({ nudRegisteredDaysAgo: 330 - index * 90 })));
}

/** Each employee applies to the offer, all at once; throws unless every answer is 201. */
export async function applyAll(offerId: string, employees: readonly TestEmployee[]) {
  const answers = await Promise.all(employees.map((employee) => api('POST', `/offers/${offerId}/applications`, { token: employee.token })));
  const statuses = answers.map((answer) => answer.status);
  if (statuses.some((status) => status !== 201)) throw new Error(`applications: ${statuses.join(', ')}`);
}

/** The commission's decision on the offer, sent by that account once it can be (no answer is left pending). */
export const sendDecision = async (offerId: string, body: unknown, account = 'commission') =>
  api('POST', `/landlord/offers/${offerId}/commission-decision`, { token: await tokenOf(account), body });

/**
 * A commission call sent as the commission's page sends it: while the API answers 409
 * SELECTION_NOT_READY, asked again. The robot moves the files to SELECTED before it writes the
 * offer's record, so a candidate already seen SELECTED does not mean the files can be read or ranked.
 */
const onceSelectionWritten = (what: string, send: () => Promise<ApiResponse>) =>
  eventually(
    what,
    async () => {
      const answer = await send();
      return answer.status === 409 && answer.body.error?.code === 'SELECTION_NOT_READY' ? undefined : answer;
    },
    60_000,
  );

/** The commission's page of the offer's files (`GET …/candidates`), once the robot's selection is written. */
export const candidatesPage = (offerId: string, account = 'commission') =>
  onceSelectionWritten(`the files of ${offerId}`, async () =>
    api('GET', `/landlord/offers/${offerId}/candidates`, { token: await tokenOf(account) }),
  );

/** The commission's decision, once the robot's selection is written. */
export const decide = (offerId: string, body: unknown, account = 'commission') =>
  onceSelectionWritten(`the commission stage of ${offerId}`, () => sendDecision(offerId, body, account));

/**
 * The employee's count of applications in progress, read from the table as applying reads it:
 * the profile's count less the places the robot freed at a close (its outcome items).
 */
export async function activeApplicationsOf(employeeId: string): Promise<number> {
  const table = localTable();
  const { Items = [] } = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': employeeKey(employeeId).PK },
      ConsistentRead: true,
    }),
  );
  const profile = Items.find((item) => item.SK === employeeKey(employeeId).SK);
  return activeAfterOutcomes(Number(profile?.activeApplications ?? 0), Items);
}

/** The commission's decision that excludes every file given. */
export const excludeAll = (files: readonly TestEmployee[]) => ({
  ranking: [],
  exclusions: files.map((employee) => ({ applicationId: employee.id, reason: 'Ressources insuffisantes pour ce loyer' })),
});

/**
 * An offer whose only reserve file (rank 4 of 4) no longer has its employment confirmed after the
 * close, and whose first round the commission excludes whole: round 2 finds nobody to present.
 */
export async function reserveThatLapses(): Promise<{ offerId: string; employees: TestEmployee[]; reserve: TestEmployee }> {
  const employees = await applicants(4);
  const offerId = await publishedOffer();
  await applyAll(offerId, employees);
  const reserve = employees[3]!;
  await statusOf(reserve.token, offerId, ['NOT_SELECTED']);
  await updateEmployeeItem(reserve.id, 'SET employment = :pending', { ':pending': { status: 'PENDING' } });
  const decision = await decide(offerId, excludeAll(employees.slice(0, 3)));
  if (decision.status !== 200) throw new Error(`commission decision: ${decision.status}`);
  return { offerId, employees, reserve };
}
