import { DeleteObjectsCommand, ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';
import { employeeDocumentsPrefix } from '#housing-file/document-store.ts';
import { NotFoundError } from '#shared/errors.ts';
import { WithdrawRefused, type ApplicationStore } from '#applications/application-store.ts';
import { isRobotOutcomeItem, robotOutcomeFromItem, withRobotOutcome } from '#applications/robot-outcome.ts';
import type { Accounts } from '#identity/accounts.ts';
import type { EmployeeStore } from '#identity/employee-store.ts';
import type { PasswordLinkStore } from '#identity/password-link.ts';
import type { LifecycleStore } from '#lifecycle/lifecycle-store.ts';
import type { NotificationStore } from '#notifications/notification-store.ts';

export interface PersonalDataDeps {
  readonly employees: EmployeeStore;
  readonly applications: Pick<ApplicationStore, 'allOf' | 'withdraw' | 'remove'>;
  readonly lifecycle: Pick<LifecycleStore, 'forgetReasons'>;
  readonly notifications: Pick<NotificationStore, 'forgetPendingTo'>;
  readonly passwordLinks: Pick<PasswordLinkStore, 'forgetIssuedTo'>;
  readonly accounts: Accounts;
  readonly s3: S3Client;
  readonly bucketName: string;
  readonly now: () => Date;
}

/** What the export reads: no S3 nor Cognito client, so that its bundle carries neither. */
export type PersonalDataExportDeps = Pick<PersonalDataDeps, 'employees' | 'applications' | 'now'>;

/** An item as the employee may read it: no storage keys, and sets as lists (JSON has no sets). */
const withoutKeys = (item: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(item)
      .filter(([name]) => !/^(PK|SK|GSI\d(PK|SK))$/.test(name))
      .map(([name, value]) => [name, value instanceof Set ? [...value] : value]),
  );

/**
 * GDPR access: everything the platform keeps about the employee, as JSON.
 * 1. Read the employee's partition (profile with situation, documents...) and his applications
 *    (in the offers' partitions: status, score, breakdown, position, commission reason).
 * 2. Answer it grouped by kind, without storage keys.
 */
export async function exportPersonalData(deps: PersonalDataExportDeps, employeeId: string) {
  const [items, applications] = await Promise.all([deps.employees.itemsOf(employeeId), deps.applications.allOf(employeeId)]);
  if (!items.some((item) => item.entity === 'Employee')) throw new NotFoundError('Aucun dossier pour ce compte.');
  // An application the robot did not select is exported as the applicant sees it: NOT_SELECTED, its score and position.
  const outcomes = new Map(items.filter(isRobotOutcomeItem).map((item) => [item.offerId, robotOutcomeFromItem(item)]));
  const byKind: Record<string, Record<string, unknown>[]> = {
    Application: applications.map((application) => ({ ...withRobotOutcome(application, outcomes.get(application.offerId)) })),
  };
  for (const item of items.filter((each) => !isRobotOutcomeItem(each))) {
    const kind = String(item.entity);
    const group = byKind[kind] ?? [];
    byKind[kind] = group;
    group.push(withoutKeys(item));
  }
  return { exportedAt: deps.now().toISOString(), data: byKind };
}

/**
 * Every version and delete marker under the employee's documents prefix (the bucket is
 * versioned: deleting the current objects would leave their older versions).
 */
async function deleteDocuments(deps: PersonalDataDeps, employeeId: string): Promise<number> {
  let deleted = 0;
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  do {
    const page = await deps.s3.send(
      new ListObjectVersionsCommand({
        Bucket: deps.bucketName,
        Prefix: employeeDocumentsPrefix(employeeId),
        KeyMarker: keyMarker,
        VersionIdMarker: versionMarker,
      }),
    );
    const versions = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].flatMap((version) =>
      version.Key ? [{ Key: version.Key, VersionId: version.VersionId }] : [],
    );
    if (versions.length) {
      const result = await deps.s3.send(new DeleteObjectsCommand({ Bucket: deps.bucketName, Delete: { Objects: versions, Quiet: true } }));
      if (result.Errors?.length) throw new Error(`Erasure: ${result.Errors.length} document version(s) not deleted`);
      // Documents counted once, by their current version.
      deleted += (page.Versions ?? []).filter((version) => version.IsLatest).length;
    }
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker);
  return deleted;
}

async function eraseApplications(deps: PersonalDataDeps, employeeId: string) {
  const now = deps.now().toISOString();
  for (const application of await deps.applications.allOf(employeeId)) {
    if (application.status === 'SUBMITTED') {
      // A closed window refuses the withdrawal: the count then stays, as for any closed offer.
      await deps.applications.withdraw(application, now).catch((error: unknown) => {
        if (!(error instanceof WithdrawRefused)) throw error;
      });
    }
    // Before the application goes: a retry finds the offer again from it.
    await deps.lifecycle.forgetReasons(application.offerId, employeeId);
    await deps.applications.remove(application.offerId, employeeId);
  }
}

/**
 * GDPR erasure of the caller's account. Safe to retry: each step skips what is already gone.
 * 1. Delete every version and delete marker of the uploaded documents (S3, versioned bucket).
 * 2. Withdraw the applications still open (the offers' counts go down), replace the
 *    commission's reasons about him in the offers' lifecycle records and events, then delete
 *    every application item: they name the employee. They are found from the offers recorded
 *    on the profile, read strongly consistently (the applications index could lag). The
 *    lifecycle treats a missing application as withdrawn and keeps only his id, which names
 *    nobody once the account is gone.
 * 3. Delete the notifications still pending to his address, and strip the password links issued
 *    to it and never used of it (a link renewed at registration leaves the older one unused).
 * 4. Delete the file (profile, alerts subscription, documents' records...) and its uniqueness
 *    guards, recording the erasure with its date and counts only.
 * 5. Delete the Cognito account last, so a failed attempt can be retried with the same session.
 */
export async function erasePersonalData(deps: PersonalDataDeps, caller: { employeeId: string; email?: string }) {
  const documentsDeleted = await deleteDocuments(deps, caller.employeeId);
  await eraseApplications(deps, caller.employeeId);
  const employee = await deps.employees.get(caller.employeeId);
  // Mail not yet sent would carry the name and address after the erasure; the profile still names the address.
  if (employee) await deps.notifications.forgetPendingTo(employee.email);
  if (employee) await deps.passwordLinks.forgetIssuedTo(employee.email);
  if (employee) {
    const items = await deps.employees.itemsOf(caller.employeeId);
    const keys = items.map((item) => ({ PK: String(item.PK), SK: String(item.SK) }));
    await deps.employees.erase(employee, keys, deps.now().toISOString());
  }
  // By its immutable sub (the caller's id), never by an e-mail, which could name another account.
  await deps.accounts.remove(caller.employeeId);
  return { erased: true as const, documentsDeleted };
}
