import { describe, expect, it } from 'vitest';
import { routeList } from '#definitions/routes.ts';
import { bucketPrefixes } from '#definitions/bucket-notifications.ts';
import { actionsOf, referencedId, statementsOf, synthesize, testSettings, type Statement } from './synth.ts';

const { stacks, stateless, functionEntries } = synthesize();
const functions = [...functionEntries].map(([id, entry]) => ({ id, entry }));

/** What every function's role holds whatever it declares: writing its own logs, and X-Ray traces. */
const baseline = ['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'];

/** The last literal piece of an ARN built with Fn::Join: `/index/GSI2`, `/documents/*`... */
function arnTail(resource: unknown): string {
  if (typeof resource === 'string') return resource === '*' ? '*' : resource.replace(/^.*:/, '');
  const join = (resource as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  const last = join?.[1].at(-1);
  return typeof last === 'string' && last.startsWith('/') ? last : '';
}

/**
 * A function's rights, one string per action and resource: `dynamodb:GetItem` on the table,
 * `dynamodb:Query@/index/GSI2` on an index, `s3:GetObject@/documents/*` on objects,
 * `s3:ListBucket?documents/` when listing is restricted to a prefix, `ses:GetAccount@*`.
 */
function rightsOf(statements: Statement[]): string[] {
  const rights = statements.flatMap((statement) => {
    expect(statement.Effect).toBe('Allow');
    const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
    const prefixes = statement.Condition?.StringLike?.['s3:prefix'];
    return actionsOf(statement).flatMap((action) =>
      resources.map((resource) => {
        const tail = arnTail(resource);
        if (prefixes) return `${action}?${[prefixes].flat().join(',')}`;
        return tail === '*' || tail.startsWith('/') ? `${action}@${tail}` : action;
      }),
    );
  });
  return [...new Set(rights)].filter((right) => !baseline.includes(right.replace(/@\*$/, ''))).sort();
}

const read = ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'];
const reads = (...indexes: string[]) => [...read, ...indexes.map((index) => `dynamodb:Query@/index/${index}`)];

/**
 * The proof of least privilege: each function's exact rights, as synthesized. A function that
 * only reads holds no write action; Cognito administration, S3 objects and the lifecycle are
 * granted to the few functions that call them, on their own prefixes.
 */
const expectedRights: Record<string, string[]> = {
  'platform/handlers/health.ts': ['cognito-idp:DescribeUserPool', 'dynamodb:DescribeTable', 's3:ListBucket', 'ses:GetAccount@*'],
  'platform/handlers/open-api.ts': [],
  'identity/handlers/login.ts': ['cognito-idp:AdminInitiateAuth', 'dynamodb:UpdateItem'],
  'identity/handlers/register.ts': ['cognito-idp:AdminGetUser', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  'identity/handlers/password-reset.ts': ['cognito-idp:AdminGetUser', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  // Refresh: server-side REFRESH_TOKEN_AUTH; logout: RevokeToken, which IAM does not govern.
  'identity/handlers/refresh-session.ts': ['cognito-idp:AdminInitiateAuth', 'dynamodb:UpdateItem'],
  'identity/handlers/logout.ts': ['dynamodb:UpdateItem'],
  'identity/handlers/set-password.ts': [
    'cognito-idp:AdminAddUserToGroup',
    'cognito-idp:AdminCreateUser',
    'cognito-idp:AdminDeleteUser',
    'cognito-idp:AdminGetUser',
    'cognito-idp:AdminListGroupsForUser',
    'cognito-idp:AdminSetUserPassword',
    'dynamodb:DeleteItem',
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
  ],
  'privacy/handlers/export-me.ts': [...reads('GSI1', 'GSI2')],
  'privacy/handlers/erase-me.ts': [
    ...reads('GSI1', 'GSI2', 'GSI3'),
    'cognito-idp:AdminDeleteUser',
    'dynamodb:BatchWriteItem',
    'dynamodb:DeleteItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    's3:DeleteObject@/documents/*',
    's3:DeleteObjectVersion@/documents/*',
    's3:ListBucket?documents/*',
    's3:ListBucketVersions?documents/*',
  ],
  'companies/handlers/create-company.ts': ['dynamodb:GetItem', 'dynamodb:PutItem'],
  'companies/handlers/get-company.ts': ['dynamodb:GetItem'],
  'companies/handlers/get-company-eligibility.ts': ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
  'companies/handlers/update-company.ts': ['dynamodb:GetItem', 'dynamodb:PutItem'],
  'companies/handlers/get-company-history.ts': ['dynamodb:GetItem', 'dynamodb:Query'],
  // The operator's lists read the list keys only.
  'companies/handlers/list-companies.ts': ['dynamodb:Query', 'dynamodb:Query@/index/GSI1'],
  'company-hr/handlers/invite-hr-user.ts': [
    'cognito-idp:AdminAddUserToGroup',
    'cognito-idp:AdminCreateUser',
    'cognito-idp:AdminGetUser',
    'cognito-idp:AdminListGroupsForUser',
    'dynamodb:GetItem',
    'dynamodb:PutItem',
  ],
  'company-hr/handlers/list-company-employees.ts': ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Query@/index/GSI2'],
  'company-hr/handlers/decide-employment.ts': ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  'company-hr/handlers/recommend-employee.ts': ['dynamodb:UpdateItem'],
  'company-hr/handlers/withdraw-recommendation.ts': ['dynamodb:UpdateItem'],
  'housing-file/handlers/get-situation.ts': ['dynamodb:GetItem', 'dynamodb:Query'],
  'housing-file/handlers/put-situation.ts': ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
  'housing-file/handlers/renew-nud.ts': ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
  'housing-file/handlers/correct-nud-date.ts': ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  // The communes are reference data bundled with the function: no AWS call.
  'housing-file/handlers/search-communes.ts': [],
  'housing-file/handlers/request-document-upload.ts': [
    'dynamodb:ConditionCheckItem',
    'dynamodb:PutItem',
    'dynamodb:Query',
    's3:PutObject@/documents/*',
  ],
  'housing-file/handlers/list-documents.ts': ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Query@/index/GSI2'],
  'landlords/handlers/create-landlord.ts': ['dynamodb:GetItem', 'dynamodb:PutItem'],
  'landlords/handlers/list-landlords.ts': ['dynamodb:Query', 'dynamodb:Query@/index/GSI1', 'dynamodb:Query@/index/GSI2'],
  'landlords/handlers/get-landlord.ts': ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Query@/index/GSI2'],
  'landlords/handlers/invite-landlord-user.ts': [
    'cognito-idp:AdminAddUserToGroup',
    'cognito-idp:AdminCreateUser',
    'cognito-idp:AdminGetUser',
    'cognito-idp:AdminListGroupsForUser',
    'dynamodb:GetItem',
    'dynamodb:PutItem',
  ],
  'offers/handlers/create-landlord-offer.ts': [
    'dynamodb:ConditionCheckItem',
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:Query',
    'dynamodb:Query@/index/GSI1',
    'dynamodb:Query@/index/GSI2',
    'dynamodb:UpdateItem',
  ],
  'offers/handlers/list-landlord-offers.ts': [
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:Query@/index/GSI1',
    'dynamodb:Query@/index/GSI2',
  ],
  'offers/handlers/get-landlord-offer.ts': [
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:Query@/index/GSI1',
    'dynamodb:Query@/index/GSI2',
  ],
  'offers/handlers/update-landlord-offer.ts': [
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:Query',
    'dynamodb:Query@/index/GSI1',
    'dynamodb:Query@/index/GSI2',
    'dynamodb:UpdateItem',
  ],
  'offers/handlers/publish-landlord-offer.ts': [
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:Query',
    'dynamodb:Query@/index/GSI1',
    'dynamodb:Query@/index/GSI2',
    'dynamodb:UpdateItem',
    'states:StartExecution',
  ],
  'applications/handlers/offer-tabs.ts': [...reads('GSI1')],
  'applications/handlers/offer-detail.ts': [...reads('GSI1')],
  'applications/handlers/apply-to-offer.ts': [...reads('GSI1'), 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  'applications/handlers/list-my-applications.ts': [...reads('GSI1', 'GSI2')],
  'results/handlers/list-results.ts': ['dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Query@/index/GSI1'],
  'applications/handlers/withdraw-my-application.ts': [...reads('GSI1'), 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  'lifecycle/handlers/get-offer-candidates.ts': [...reads('GSI1', 'GSI2'), 's3:GetObject@/documents/*'],
  'lifecycle/handlers/decide-commission.ts': [
    ...reads('GSI1', 'GSI2'),
    'dynamodb:DeleteItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'states:SendTaskSuccess',
  ],
  'lifecycle/handlers/get-offer-history.ts': [...reads('GSI2')],
  'lifecycle/handlers/accept-offer.ts': [...reads('GSI2'), 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'states:SendTaskSuccess'],
  'lifecycle/handlers/decline-offer.ts': [...reads('GSI2'), 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'states:SendTaskSuccess'],
  'lifecycle/handlers/republish-offer.ts': [...reads('GSI1', 'GSI2'), 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'states:StartExecution'],
  'jobs/handlers/list-job-runs.ts': ['dynamodb:GetItem'],
  'imports/handlers/request-landlord-import.ts': [
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:Query',
    'dynamodb:Query@/index/GSI2',
    'dynamodb:UpdateItem',
    's3:PutObject@/imports/*.csv',
    's3:PutObject@/imports/*.json',
  ],
  'imports/handlers/list-landlord-imports.ts': ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Query@/index/GSI2'],
  // The report's link is a presigned GET.
  'imports/handlers/get-landlord-import.ts': [
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:Query@/index/GSI2',
    's3:GetObject@/imports/*.report.json',
  ],
  'alerts/handlers/get-alerts.ts': ['dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Query@/index/GSI3'],
  'alerts/handlers/put-alerts.ts': [
    'dynamodb:BatchGetItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DeleteItem',
    'dynamodb:PutItem',
    'dynamodb:Query',
    'dynamodb:Query@/index/GSI3',
    'dynamodb:UpdateItem',
  ],
  'scoring/handlers/list-scoring-grids.ts': ['dynamodb:Query'],
  'scoring/handlers/publish-scoring-grid.ts': ['dynamodb:PutItem', 'dynamodb:Query'],
  'scoring/handlers/get-scoring-grid.ts': ['dynamodb:Query'],
  'notifications/handlers/sweep-outbox.ts': ['dynamodb:Query', 'dynamodb:Query@/index/GSI3', 'dynamodb:UpdateItem', 'ses:SendEmail'],
  'jobs/handlers/nud-expiry.ts': ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:Query@/index/GSI3'],
  'jobs/handlers/document-expiry.ts': [
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:Query',
    'dynamodb:Query@/index/GSI3',
    'dynamodb:UpdateItem',
  ],
  'jobs/handlers/hr-digest.ts': [
    'dynamodb:PutItem',
    'dynamodb:Query',
    'dynamodb:Query@/index/GSI1',
    'dynamodb:Query@/index/GSI2',
    'dynamodb:UpdateItem',
  ],
  'alerts/handlers/new-offer-alerts.ts': [
    ...reads('GSI1', 'GSI2', 'GSI3'),
    'dynamodb:ConditionCheckItem',
    'dynamodb:DeleteItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
  ],
  'jobs/handlers/lifecycle-reconciler.ts': [
    ...reads('GSI3'),
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'states:DescribeExecution',
    'states:StartExecution',
    'states:StopExecution',
  ],
  'imports/handlers/receive-import.ts': [
    ...reads('GSI1', 'GSI2'),
    'dynamodb:BatchWriteItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    's3:DeleteObject@/imports/*.csv',
    's3:DeleteObject@/imports/*.json',
    's3:DeleteObjectVersion@/imports/*.csv',
    's3:DeleteObjectVersion@/imports/*.json',
    's3:GetObject@/imports/*',
    's3:PutObject@/imports/*.report.json',
    'sqs:GetQueueAttributes',
    'sqs:GetQueueUrl',
    'sqs:SendMessage',
    'states:StartExecution',
  ],
  'housing-file/handlers/document-received.ts': [
    'dynamodb:GetItem',
    'dynamodb:UpdateItem',
    'sqs:GetQueueAttributes',
    'sqs:GetQueueUrl',
    'sqs:SendMessage',
  ],
  'notifications/handlers/send-notifications.ts': [
    'dynamodb:DescribeStream',
    'dynamodb:GetRecords',
    'dynamodb:GetShardIterator',
    'dynamodb:ListStreams@*',
    'dynamodb:Query',
    'dynamodb:Query@/index/GSI3',
    'dynamodb:UpdateItem',
    'ses:SendEmail',
    'sqs:GetQueueAttributes',
    'sqs:GetQueueUrl',
    'sqs:SendMessage',
  ],
  'lifecycle/handlers/close-and-score.ts': [
    ...reads('GSI2'),
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
  ],
  'lifecycle/handlers/await-commission.ts': [...reads('GSI2'), 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'states:SendTaskSuccess'],
  'lifecycle/handlers/commission-overdue.ts': [...reads('GSI2'), 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  'lifecycle/handlers/offer-next-candidate.ts': [...reads('GSI2'), 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  'lifecycle/handlers/await-answer.ts': [...reads('GSI2'), 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'states:SendTaskSuccess'],
  'lifecycle/handlers/answer-overdue.ts': [...reads('GSI2'), 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  'lifecycle/handlers/attribute.ts': [...reads('GSI2'), 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  'lifecycle/handlers/mark-unfilled.ts': [...reads('GSI2'), 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  'lifecycle/handlers/start-next-round.ts': [...reads('GSI2'), 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  'lifecycle/handlers/record-failure.ts': [...reads('GSI2'), 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
};

const allows = (statements: Statement[], action: string) => statements.filter((s) => s.Effect === 'Allow' && actionsOf(s).includes(action));
const holders = (right: string) =>
  functions
    .filter(({ id }) => rightsOf(statementsOf(stateless, id)).includes(right))
    .map(({ entry }) => entry)
    .sort();

describe('function permissions', () => {
  it('lists every function in the table of rights', () => {
    expect(Object.keys(expectedRights).sort()).toEqual(functions.map(({ entry }) => entry).sort());
  });

  it.each(functions)('$entry holds exactly the rights its declaration lists', ({ id, entry }) => {
    expect(rightsOf(statementsOf(stateless, id))).toEqual([...(expectedRights[entry] ?? ['(missing from the table)'])].sort());
  });

  it.each(functions)('$entry has its own role, with no managed policy, writing its own log group only', ({ id }) => {
    const fn = stateless.toJSON().Resources[id];
    const role = stateless.toJSON().Resources[referencedId(fn.Properties.Role)!];
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const logs = statementsOf(stateless, id).filter((s) => actionsOf(s).some((action) => action.startsWith('logs:')));
    expect(logs).toEqual([
      expect.objectContaining({ Resource: { 'Fn::GetAtt': [referencedId(fn.Properties.LoggingConfig.LogGroup), 'Arn'] } }),
    ]);
  });

  it('gives no write action to a function behind a GET route', () => {
    const writes = [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:ConditionCheckItem',
    ];
    for (const route of routeList.filter((r) => r.method === 'GET' && !r.limits?.length)) {
      const id = [...functionEntries].find(([, entry]) => entry === route.handler)![0];
      expect(rightsOf(statementsOf(stateless, id)).filter((right) => writes.includes(right) || right.startsWith('s3:Put'))).toEqual([]);
    }
  });

  it.each(functions)('$entry may send email only if it is a notifier, and only from the service address', ({ id, entry }) => {
    const sends = allows(statementsOf(stateless, id), 'ses:SendEmail');
    if (entry.startsWith('notifications/')) {
      expect(sends).toHaveLength(1);
      expect(sends[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': testSettings.emailFrom } });
    } else {
      expect(sends).toEqual([]);
    }
  });

  it.each(functions)('$entry may neither scan the table nor use wildcard actions', ({ id }) => {
    for (const statement of statementsOf(stateless, id)) {
      expect(actionsOf(statement)).not.toContain('dynamodb:Scan');
      expect(actionsOf(statement).filter((action) => action.includes('*'))).toEqual([]);
    }
  });

  it('administers users only where the flow needs it', () => {
    const inviters = ['company-hr/handlers/invite-hr-user.ts', 'landlords/handlers/invite-landlord-user.ts'];
    // Enough to make anyone an operator: the activation of a registration and the two invitations only.
    expect(holders('cognito-idp:AdminAddUserToGroup')).toEqual(['identity/handlers/set-password.ts', ...inviters].sort());
    expect(holders('cognito-idp:AdminCreateUser')).toEqual(['identity/handlers/set-password.ts', ...inviters].sort());
    expect(holders('cognito-idp:AdminSetUserPassword')).toEqual(['identity/handlers/set-password.ts']);
    expect(holders('cognito-idp:AdminUpdateUserAttributes')).toEqual([]);
    // The registration race (a NUD taken meanwhile) deletes the account it created: it holds the right.
    expect(holders('cognito-idp:AdminDeleteUser')).toEqual(['identity/handlers/set-password.ts', 'privacy/handlers/erase-me.ts']);
    expect(holders('cognito-idp:AdminInitiateAuth')).toEqual(['identity/handlers/login.ts', 'identity/handlers/refresh-session.ts']);
    const eraser = functions.find(({ entry }) => entry === 'privacy/handlers/erase-me.ts')!;
    expect(rightsOf(statementsOf(stateless, eraser.id)).filter((right) => right.startsWith('cognito-idp:'))).toEqual([
      'cognito-idp:AdminDeleteUser',
    ]);
  });

  it('writes objects only to sign uploads or write an import report, each on its own prefix', () => {
    expect(holders('s3:PutObject@/documents/*')).toEqual(['housing-file/handlers/request-document-upload.ts']);
    expect(holders('s3:PutObject@/imports/*.csv')).toEqual(['imports/handlers/request-landlord-import.ts']);
    expect(holders('s3:PutObject@/imports/*.report.json')).toEqual(['imports/handlers/receive-import.ts']);
    const putters = functions.filter(({ id }) => allows(statementsOf(stateless, id), 's3:PutObject').length > 0).map(({ entry }) => entry);
    expect(putters.sort()).toEqual(
      [
        'housing-file/handlers/request-document-upload.ts',
        'imports/handlers/request-landlord-import.ts',
        'imports/handlers/receive-import.ts',
      ].sort(),
    );
  });

  it('reads and deletes objects only where a flow does, never listing the whole bucket', () => {
    expect(holders('s3:GetObject@/documents/*')).toEqual(['lifecycle/handlers/get-offer-candidates.ts']);
    expect(holders('s3:GetObject@/imports/*')).toEqual(['imports/handlers/receive-import.ts']);
    expect(holders('s3:DeleteObject@/documents/*')).toEqual(['privacy/handlers/erase-me.ts']);
    for (const { id, entry } of functions) {
      const statements = statementsOf(stateless, id);
      const readers = ['s3:GetObject', 's3:DeleteObject'].flatMap((action) => allows(statements, action));
      for (const resource of readers.flatMap((s) => [s.Resource].flat())) {
        expect(arnTail(resource), entry).toMatch(/^\/(documents|imports)\//);
      }
      for (const list of allows(statements, 's3:ListBucket')) {
        if (entry === 'platform/handlers/health.ts') continue; // HeadBucket
        expect([list.Condition?.StringLike?.['s3:prefix']].flat()).toEqual([`${bucketPrefixes.documents}*`]);
        expect(entry).toBe('privacy/handlers/erase-me.ts');
      }
    }
  });

  it('lets the health check describe each dependency and nothing else does', () => {
    for (const action of ['cognito-idp:DescribeUserPool', 'dynamodb:DescribeTable', 'ses:GetAccount@*', 's3:ListBucket']) {
      expect(holders(action)).toEqual(['platform/handlers/health.ts']);
    }
  });

  it('drives the lifecycle only from publication (and republication), imports, answers and the reconciler', () => {
    expect(holders('states:StartExecution')).toEqual(
      [
        'imports/handlers/receive-import.ts',
        'jobs/handlers/lifecycle-reconciler.ts',
        'lifecycle/handlers/republish-offer.ts',
        'offers/handlers/publish-landlord-offer.ts',
      ].sort(),
    );
    expect(holders('states:SendTaskSuccess')).toEqual(
      [
        'lifecycle/handlers/accept-offer.ts',
        'lifecycle/handlers/await-answer.ts',
        'lifecycle/handlers/await-commission.ts',
        'lifecycle/handlers/decide-commission.ts',
        'lifecycle/handlers/decline-offer.ts',
      ].sort(),
    );
    // Executions are stopped and described by the reconciler only, on the lifecycle's executions.
    expect(holders('states:StopExecution@*')).toEqual([]);
    expect(holders('states:StopExecution')).toEqual(['jobs/handlers/lifecycle-reconciler.ts']);
  });

  it('refuses to synthesize a declaration of indexes without Query', () => {
    expect(() =>
      stacks.stateless.events.functions.add('Route', 'stray', {
        handler: 'platform/handlers/health.ts',
        description: 'indexes without Query',
        needs: { table: ['GetItem'], indexes: ['GSI1'] },
      }),
    ).toThrow(/declares indexes but not Query/);
  });
});
