import { describe, expect, it } from 'vitest';
import { bucketNotifications } from '#definitions/bucket-notifications.ts';
import { lifecycleFunctions } from '#definitions/lifecycle.ts';
import { routeList } from '#definitions/routes.ts';
import { schedules } from '#definitions/schedules.ts';
import { streamSubscriptions } from '#definitions/stream-subscriptions.ts';
import type { FunctionNeeds } from '#shared/route.ts';
import { reachableCalls } from './reachable-calls.ts';

/** Every function of the service, with its declaration; GET routes answer without writing. */
const declared = [
  ...routeList.map((route) => ({ id: route.id, handler: route.handler, needs: route.needs, readOnly: route.method === 'GET' })),
  ...[schedules, bucketNotifications, streamSubscriptions, lifecycleFunctions].flatMap((table) =>
    Object.entries(table).map(([id, entry]) => ({ id, handler: entry.handler, needs: entry.needs as FunctionNeeds, readOnly: false })),
  ),
];

const tableOperationOf: Record<string, string> = {
  Get: 'GetItem',
  BatchGet: 'BatchGetItem',
  Query: 'Query',
  Put: 'PutItem',
  'Transact:Put': 'PutItem',
  Update: 'UpdateItem',
  'Transact:Update': 'UpdateItem',
  Delete: 'DeleteItem',
  'Transact:Delete': 'DeleteItem',
  BatchWrite: 'BatchWriteItem',
  'Transact:ConditionCheck': 'ConditionCheckItem',
};
const readOperations = ['GetItem', 'BatchGetItem', 'Query'];
const otherNeedOf: Record<string, string> = {
  GetObject: 'bucket:read',
  PutObject: 'bucket:put',
  DeleteObject: 'bucket:delete',
  DeleteObjects: 'bucket:delete',
  ListObjectsV2: 'bucket:list',
  ListObjectVersions: 'bucket:list',
  StartExecution: 'lifecycle:StartExecution',
  SendTaskSuccess: 'lifecycle:SendTaskSuccess',
  DescribeExecution: 'lifecycle:DescribeExecution',
  StopExecution: 'lifecycle:StopExecution',
  SendEmail: 'email',
  DescribeTable: 'describeDependencies',
  HeadBucket: 'describeDependencies',
  DescribeUserPool: 'describeDependencies',
  GetAccount: 'describeDependencies',
};

/** The calls as needs: `table:GetItem`, `index:GSI2`, `cognito:AdminCreateUser`, `bucket:put`... */
function needsOfCalls(calls: Set<string>, readOnly: boolean): Set<string> {
  const needs = new Set<string>();
  for (const call of calls) {
    const operation = tableOperationOf[call];
    if (operation && (!readOnly || readOperations.includes(operation))) needs.add(`table:${operation}`);
    else if (call.startsWith('index:')) needs.add(call);
    else if (call.startsWith('Admin')) needs.add(`cognito:${call}`);
    else if (otherNeedOf[call]) needs.add(otherNeedOf[call]);
  }
  return needs;
}

function needsOfDeclaration(needs: FunctionNeeds): Set<string> {
  return new Set([
    ...(needs.table ?? []).map((operation) => `table:${operation}`),
    ...(needs.indexes ?? []).map((index) => `index:${index}`),
    ...(needs.cognito ?? []).map((action) => `cognito:${action}`),
    ...Object.keys(needs.bucket ?? {}).map((kind) => `bucket:${kind}`),
    ...(needs.lifecycle ?? []).map((action) => `lifecycle:${action}`),
    ...(needs.email ? ['email'] : []),
    ...(needs.describeDependencies ? ['describeDependencies'] : []),
  ]);
}

const scanned = await Promise.all(
  declared.map(async (fn) => ({ ...fn, reachable: needsOfCalls(await reachableCalls(fn.handler), fn.readOnly) })),
);

const cognito = (...actions: string[]) => actions.map((action) => `cognito:${action}`);
const anyAccountCall = cognito(
  'AdminAddUserToGroup',
  'AdminCreateUser',
  'AdminDeleteUser',
  'AdminGetUser',
  'AdminListGroupsForUser',
  'AdminSetUserPassword',
);

/**
 * Calls a function's bundle contains but the function never makes, reviewed one by one: an
 * area's deps module builds its clients (Cognito accounts, S3 links, the lifecycle starter) for
 * all the area's handlers. Everything else its code can reach outside the table is declared.
 */
const reachableNotCalled: Record<string, readonly string[]> = {
  // identity-deps: registration only asks whether an account exists; the account is made at the link.
  register: cognito('AdminAddUserToGroup', 'AdminCreateUser', 'AdminDeleteUser', 'AdminListGroupsForUser', 'AdminSetUserPassword'),
  // A password reset, likewise: the password is set when the e-mailed link is used.
  passwordReset: cognito('AdminAddUserToGroup', 'AdminCreateUser', 'AdminDeleteUser', 'AdminListGroupsForUser', 'AdminSetUserPassword'),
  // privacy-deps: erasure deletes the account by its id, nothing else.
  eraseMe: cognito('AdminAddUserToGroup', 'AdminCreateUser', 'AdminGetUser', 'AdminListGroupsForUser', 'AdminSetUserPassword'),
  // hr-deps and landlord-deps: only the invitations create and bind accounts (ensureBound).
  inviteHrUser: cognito('AdminDeleteUser', 'AdminSetUserPassword'),
  listCompanyEmployees: anyAccountCall,
  decideEmployment: anyAccountCall,
  recommendEmployee: anyAccountCall,
  withdrawRecommendation: anyAccountCall,
  createLandlord: anyAccountCall,
  inviteLandlordUser: cognito('AdminDeleteUser', 'AdminSetUserPassword'),
  // offer-deps: only publication starts the lifecycle.
  createLandlordOffer: ['lifecycle:StartExecution'],
  listLandlordOffers: ['lifecycle:StartExecution'],
  getLandlordOffer: ['lifecycle:StartExecution'],
  updateLandlordOffer: ['lifecycle:StartExecution'],
  // lifecycle-deps: only the answers (commission, candidate) and the callback tasks send task results;
  // only the candidates' list signs document links.
  getOfferCandidates: ['lifecycle:SendTaskSuccess'],
  getOfferHistory: ['lifecycle:SendTaskSuccess'],
  closeAndScore: ['lifecycle:SendTaskSuccess'],
  commissionOverdue: ['lifecycle:SendTaskSuccess'],
  offerNextCandidate: ['lifecycle:SendTaskSuccess'],
  answerOverdue: ['lifecycle:SendTaskSuccess'],
  attribute: ['lifecycle:SendTaskSuccess'],
  markUnfilled: ['lifecycle:SendTaskSuccess'],
  startNextRound: ['lifecycle:SendTaskSuccess'],
  // republish-deps: the offer is republished through the offers area (which starts it); nothing is answered.
  republishOffer: ['lifecycle:SendTaskSuccess'],
  recordFailure: ['lifecycle:SendTaskSuccess'],
  // import-route-deps: the routes' links, signed together: the upload request signs PUTs, the import's page the report's GET.
  requestLandlordImport: ['bucket:read'],
  listLandlordImports: ['bucket:put', 'bucket:read'],
  getLandlordImport: ['bucket:put'],
};

const isTableNeed = (need: string) => need.startsWith('table:') || need.startsWith('index:');

/**
 * Declarations checked against the code. Both ways for Cognito, S3, the lifecycle and SES; one
 * way for the table (nothing declared that the code cannot reach), since every route's bundle
 * reaches the rate-limit counters and each area's store serves all its handlers.
 */
describe('declared needs', () => {
  it.each(scanned)('$id declares nothing its code cannot call', ({ needs, reachable }) => {
    expect([...needsOfDeclaration(needs)].filter((need) => !reachable.has(need))).toEqual([]);
  });

  it.each(scanned)('$id declares every Cognito, S3, lifecycle and SES call its code makes', ({ id, needs, reachable }) => {
    const declaredNeeds = needsOfDeclaration(needs);
    const notCalled = reachableNotCalled[id] ?? [];
    expect([...reachable].filter((need) => !isTableNeed(need) && !declaredNeeds.has(need) && !notCalled.includes(need))).toEqual([]);
    // The review table stays true: what it says is not called is reachable, and not declared.
    expect(notCalled.filter((need) => !reachable.has(need) || declaredNeeds.has(need))).toEqual([]);
  });
});
