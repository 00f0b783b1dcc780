import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { employeeDocumentsPrefix } from '#housing-file/document-store.ts';
import { NotFoundError } from '#shared/errors.ts';
import { WithdrawRefused, type ApplicationStore } from '#applications/application-store.ts';
import type { Accounts } from '#identity/accounts.ts';
import type { EmployeeStore } from '#identity/employee-store.ts';

export interface PersonalDataDeps {
  readonly employees: EmployeeStore;
  readonly applications: Pick<ApplicationStore, 'allOf' | 'withdraw' | 'remove'>;
  readonly accounts: Accounts;
  readonly s3: S3Client;
  readonly bucketName: string;
  readonly now: () => Date;
}

/** An item as the employee may read it: no storage keys, and sets as lists (JSON has no sets). */
const withoutKeys = (item: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(item)
      .filter(([name]) => !/^(PK|SK|GSI\d(PK|SK))$/.test(name))
      .map(([name, value]) => [name, value instanceof Set ? [...value] : value]),
  );

/**
 * GDPR access: everything the platform keeps about the employee, as JSON.
 * 1. Read the employee's partition (profile with situation, documents...).
 * 2. Answer it grouped by kind, without storage keys.
 */
export async function exportPersonalData(deps: PersonalDataDeps, employeeId: string) {
  const items = await deps.employees.itemsOf(employeeId);
  if (!items.some((item) => item.entity === 'Employee')) throw new NotFoundError('Aucun dossier pour ce compte.');
  const byKind: Record<string, Record<string, unknown>[]> = {};
  for (const item of items) {
    const kind = String(item.entity);
    const group = byKind[kind] ?? [];
    byKind[kind] = group;
    group.push(withoutKeys(item));
  }
  return { exportedAt: deps.now().toISOString(), data: byKind };
}

async function deleteDocuments(deps: PersonalDataDeps, employeeId: string): Promise<number> {
  let deleted = 0;
  let token: string | undefined;
  do {
    const page = await deps.s3.send(
      new ListObjectsV2Command({ Bucket: deps.bucketName, Prefix: employeeDocumentsPrefix(employeeId), ContinuationToken: token }),
    );
    const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
    if (keys.length) {
      await deps.s3.send(new DeleteObjectsCommand({ Bucket: deps.bucketName, Delete: { Objects: keys, Quiet: true } }));
      deleted += keys.length;
    }
    token = page.NextContinuationToken;
  } while (token);
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
    await deps.applications.remove(application.offerId, employeeId);
  }
}

/**
 * GDPR erasure of the caller's account. Safe to retry: each step skips what is already gone.
 * 1. Delete the uploaded documents (S3).
 * 2. Delete the file, its documents' records and its uniqueness guards, recording the erasure
 *    with its date and counts only, in one transaction.
 * 3. Withdraw the applications still open (the offers' counts go down), then delete every
 *    application item: they name the employee. They are found from the offers recorded on the
 *    profile, read strongly consistently (the applications index could lag). The lifecycle
 *    treats a missing application as withdrawn.
 * 4. Delete the Cognito account last, so a failed attempt can be retried with the same session.
 */
export async function erasePersonalData(deps: PersonalDataDeps, caller: { employeeId: string; email?: string }) {
  const documentsDeleted = await deleteDocuments(deps, caller.employeeId);
  await eraseApplications(deps, caller.employeeId);
  const employee = await deps.employees.get(caller.employeeId);
  if (employee) {
    const items = await deps.employees.itemsOf(caller.employeeId);
    const keys = items.map((item) => ({ PK: String(item.PK), SK: String(item.SK) }));
    await deps.employees.erase(employee, keys, deps.now().toISOString());
  }
  // The token's e-mail names the account even when a previous attempt already erased the file.
  const email = employee?.email ?? caller.email;
  if (email) await deps.accounts.remove(email);
  return { erased: true as const, documentsDeleted };
}
