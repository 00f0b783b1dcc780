import { Stack } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { bucketPrefixes } from '#definitions/bucket-notifications.ts';
import type { ServiceFunction } from './constructs/service-function.ts';

/** The resources a function may be granted access to. */
export interface AccessTargets {
  readonly table: ITable;
  readonly bucket: IBucket;
  readonly userPool: IUserPool;
  /** SES may only send from this address. */
  readonly emailFrom: string;
  /** The offer-lifecycle state machine (by name, so that granting it creates no dependency). */
  readonly offerLifecycleArn: string;
}

type Grant = (fn: ServiceFunction, targets: AccessTargets) => void;

/**
 * Item reads and writes on the table and its indexes (transactions are authorized item by item).
 * Narrower than `grantReadWriteData`: no Scan, since no request path may scan, and no stream reads.
 */
const readWriteItems: Grant = (fn, { table }) => {
  table.grant(
    fn,
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
  );
};

/** Registration, role assignment and server-side login against the user pool. */
const administerUsers: Grant = (fn, { userPool }) => {
  userPool.grant(
    fn,
    'cognito-idp:AdminCreateUser',
    'cognito-idp:AdminGetUser',
    'cognito-idp:AdminListGroupsForUser',
    'cognito-idp:AdminUpdateUserAttributes',
    'cognito-idp:AdminAddUserToGroup',
    'cognito-idp:AdminSetUserPassword',
    'cognito-idp:AdminInitiateAuth',
  );
};

const sendEmail: Grant = (fn, { emailFrom }) => {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['ses:SendEmail'],
      // Any identity, because in the SES sandbox the recipients' identities are authorized too;
      // the sender is pinned by the condition instead.
      resources: [Stack.of(fn).formatArn({ service: 'ses', resource: 'identity', resourceName: '*' })],
      conditions: { StringEquals: { 'ses:FromAddress': emailFrom } },
    }),
  );
};

const readImports: Grant = (fn, { bucket }) => {
  bucket.grantRead(fn, `${bucketPrefixes.imports}*`);
};

/** Signs presigned uploads of supporting documents: the URL carries this function's rights. */
const putDocuments: Grant = (fn, { bucket }) => {
  bucket.grantPut(fn, `${bucketPrefixes.documents}*`);
};

/** The commission reads the selected candidates' documents through short-lived links. */
const readDocuments: Grant = (fn, { bucket }) => {
  bucket.grantRead(fn, `${bucketPrefixes.documents}*`);
};

/** Signs presigned uploads of offer files: the URL carries this function's rights, for import files only. */
const putImportFiles: Grant = (fn, { bucket }) => {
  for (const extension of ['csv', 'json']) bucket.grantPut(fn, `${bucketPrefixes.imports}*.${extension}`);
};

/** The import writes its report next to the file, and no other object. */
const putImportReports: Grant = (fn, { bucket }) => {
  bucket.grantPut(fn, `${bucketPrefixes.imports}*.report.json`);
};

/** Erasure lists and deletes an employee's documents, and nothing else of the bucket. */
const eraseDocuments: Grant = (fn, { bucket }) => {
  bucket.grantDelete(fn, `${bucketPrefixes.documents}*`);
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': `${bucketPrefixes.documents}*` } },
    }),
  );
};

/** Erasure (GDPR) removes the account itself. */
const deleteUsers: Grant = (fn, { userPool }) => {
  userPool.grant(fn, 'cognito-idp:AdminDeleteUser');
};

/** The health check probes each dependency with a read-only, data-free call. */
const describeDependencies: Grant = (fn, { table, bucket, userPool }) => {
  fn.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:DescribeTable'], resources: [table.tableArn] }));
  // HeadBucket is authorized by s3:ListBucket.
  fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
  userPool.grant(fn, 'cognito-idp:DescribeUserPool');
  // GetAccount has no resource-level permissions.
  fn.addToRolePolicy(new PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] }));
};

/** Publication starts an offer's execution; the reconciler resumes one. */
const startLifecycle: Grant = (fn, { offerLifecycleArn }) => {
  fn.addToRolePolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: [offerLifecycleArn] }));
};

/** Commission decisions and candidates' answers hand the waiting task its result. */
const answerLifecycle: Grant = (fn, { offerLifecycleArn }) => {
  fn.addToRolePolicy(
    new PolicyStatement({ actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'], resources: [offerLifecycleArn] }),
  );
};

/**
 * The reconciler reads and stops the lifecycle's executions (by ARN: their names are derived from
 * the offer, so it never lists them) and starts the resumed ones.
 */
const reconcileLifecycle: Grant = (fn, { offerLifecycleArn }) => {
  fn.addToRolePolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: [offerLifecycleArn] }));
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['states:DescribeExecution', 'states:StopExecution'],
      resources: [`${offerLifecycleArn.replace(':stateMachine:', ':execution:')}:*`],
    }),
  );
};

/** What every handler of an area (top folder under `functions/`) may do. */
const accessByArea: Readonly<Record<string, readonly Grant[]>> = {
  companies: [readWriteItems],
  platform: [readWriteItems],
  identity: [readWriteItems, administerUsers],
  privacy: [readWriteItems],
  'company-hr': [readWriteItems],
  scoring: [readWriteItems],
  notifications: [readWriteItems, sendEmail],
  imports: [readWriteItems, readImports],
  'housing-file': [readWriteItems],
  landlords: [readWriteItems],
  offers: [readWriteItems],
  applications: [readWriteItems],
  jobs: [readWriteItems],
  lifecycle: [readWriteItems],
  alerts: [readWriteItems],
};

/** Extra rights of single handlers that do more than the rest of their area. */
const accessByEntry: Readonly<Record<string, readonly Grant[]>> = {
  'platform/handlers/health.ts': [describeDependencies],
  'housing-file/handlers/request-document-upload.ts': [putDocuments],
  'imports/handlers/request-landlord-import.ts': [putImportFiles],
  'imports/handlers/receive-import.ts': [putImportReports, startLifecycle],
  'privacy/handlers/erase-me.ts': [eraseDocuments, deleteUsers],
  'company-hr/handlers/invite-hr-user.ts': [administerUsers],
  'landlords/handlers/invite-landlord-user.ts': [administerUsers],
  'offers/handlers/publish-landlord-offer.ts': [startLifecycle],
  'lifecycle/handlers/decide-commission.ts': [answerLifecycle],
  'lifecycle/handlers/accept-offer.ts': [answerLifecycle],
  'lifecycle/handlers/decline-offer.ts': [answerLifecycle],
  // A callback task that finds its answer already given (it came before the token was stored) answers its own token.
  'lifecycle/handlers/await-commission.ts': [answerLifecycle],
  'lifecycle/handlers/await-answer.ts': [answerLifecycle],
  'lifecycle/handlers/get-offer-candidates.ts': [readDocuments],
  'jobs/handlers/lifecycle-reconciler.ts': [reconcileLifecycle],
};

/**
 * Grants a function what its area needs. An area without an entry stops the synthesis, so that a
 * new area gets its rights decided on purpose rather than failing with AccessDenied once deployed.
 */
export function grantAccess(fn: ServiceFunction, targets: AccessTargets): void {
  const areaGrants = accessByArea[fn.area];
  if (!areaGrants) {
    throw new Error(`No access declared for area "${fn.area}" (handler ${fn.entryPath}); add it to lib/access.ts`);
  }
  for (const grant of [...areaGrants, ...(accessByEntry[fn.entryPath] ?? [])]) grant(fn, targets);
}
