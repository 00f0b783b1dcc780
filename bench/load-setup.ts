import autocannon from 'autocannon';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { applicationKey, applicationToItem, type Application } from '#applications/application-store.ts';
import { companyKey } from '#companies/company-store.ts';
import { applyingUpdate, employeeKey } from '#identity/employee-store.ts';
import { applicantEmail } from '#notifications/lifecycle-emails.ts';
import { notificationToItem } from '#notifications/outbox.ts';
import { planTabs } from '#offers/eligibility/tabs.ts';
import { offerKey, publishedOffersPartition } from '#offers/offer-store.ts';
import { loadGeography } from '#offers/reference/geography.ts';
import { applicationRules } from '#applications/application-rules.ts';
import { mapLimit } from '#shared/bounded.ts';
import { socketsPerClient } from '#shared/clients.ts';
import { queryAll } from '#shared/query-all.ts';
import { scoringGridKey } from '#scoring/grid-store.ts';
import { createDemoEmployee, demoOffer, demoSiret } from '#local/demo-scenario.ts';
import type { BenchTarget } from './harness.ts';
import { benchScoringFacts, seedOfferWithApplications } from './lifecycle-robot.bench.ts';

/**
 * What the load benchmarks (`apply-burst.bench.ts`, `mixed-load.bench.ts`) share: a population
 * of employees with complete files, open offers they all match, and the raw DynamoDB calls each
 * route makes, to send the same work straight to DynamoDB Local.
 */

export interface LoadEmployee {
  readonly id: string;
  readonly email: string;
  readonly token: string;
}

/** Employees in the population: the burst of 200. */
export const populationSize = 200;
/** Employees created at once (each is an account, a login and three API calls). */
const creationConcurrency = 8;
/** The communes every population file requests (`createDemoEmployee`'s search criteria). */
const requestedCommunes = ['75056'];

const pad = (value: number) => String(value).padStart(2, '0');

let population: Promise<LoadEmployee[]> | undefined;

/**
 * The population, created once per run: accounts and files as the demo creates them (profile and
 * documents written directly, "Ma situation" and the NUD renewal through the API), varied in
 * age, contract and NUD seniority so that their provisional scores differ.
 */
export function loadPopulation(target: BenchTarget): Promise<LoadEmployee[]> {
  population ??= mapLimit(
    Array.from({ length: populationSize }, (_, index) => index),
    creationConcurrency,
    async (index) => {
      const employee = await createDemoEmployee(
        target,
        {
          civility: index % 2 ? 'M' : 'Mme',
          firstName: `Charge${index}`,
          lastName: 'Banc',
          birthDate: `${1965 + (index % 35)}-${pad(1 + (index % 12))}-${pad(1 + (index % 28))}`,
          contract: index % 3 ? { kind: 'CDI' } : { kind: 'CDD', endDate: `2027-${pad(1 + (index % 12))}-15` },
          contractStart: `${2008 + (index % 17)}-${pad(1 + (index % 12))}-01`,
          nudFirstRegisteredOn: `${2016 + (index % 10)}-${pad(1 + ((index * 7) % 12))}-${pad(1 + (index % 28))}`,
          recommended: false,
        },
        new Date(),
      );
      return { id: employee.id, email: employee.email, token: employee.token };
    },
  );
  return population;
}

/**
 * Loads the three routes' handlers (module init, reference data, the grid's cache) with one call
 * each, as a deployed function is warm after its first request: a burst on a cold local cloud
 * would measure 200 module loads in one process, which Lambda never does.
 */
export async function warmRoutes(target: BenchTarget, db: DynamoDBDocumentClient, employee: LoadEmployee): Promise<void> {
  const offerId = await openOffer(target, db);
  const headers = { authorization: `Bearer ${employee.token}` };
  for (const [method, path, status] of [
    ['GET', '/offers?tab=requested', 200],
    ['GET', `/offers/${offerId}`, 200],
    ['POST', `/offers/${offerId}/applications`, 201],
  ] as const) {
    const response = await fetch(`${target.api}${path}`, { method, headers });
    if (response.status !== status) throw new Error(`warm-up ${method} ${path} answered ${response.status}`);
  }
}

/** A new published offer, window open, that every population file matches (`demoOffer`). */
export async function openOffer(target: BenchTarget, db: DynamoDBDocumentClient): Promise<string> {
  return (await seedOfferWithApplications(target, db, [], new Date())).offerId;
}

/** Capacity units DynamoDB Local reports for the raw calls (`ReturnConsumedCapacity: TOTAL`, indexes included). */
export interface CapacityMeter {
  units: number;
}

/**
 * The raw calls' client: the functions' pool (`socketsPerClient`), so that the raw calls have as
 * many connections to DynamoDB Local as the API's functions; with a `meter`, every call asks for
 * its consumed capacity and adds it there.
 */
export function rawClient(target: BenchTarget, meter?: CapacityMeter): DynamoDBDocumentClient {
  const env = target.environment;
  const requestHandler = new NodeHttpHandler({ httpAgent: { maxSockets: socketsPerClient } });
  const client = new DynamoDBClient({ endpoint: env.AWS_ENDPOINT_URL_DYNAMODB, region: env.AWS_REGION, requestHandler });
  if (meter) {
    client.middlewareStack.add(
      (next) => async (args) => {
        (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
        const result = await next(args);
        const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] })
          .ConsumedCapacity;
        for (const entry of [consumed ?? []].flat()) meter.units += entry.CapacityUnits ?? 0;
        return result;
      },
      { step: 'initialize', name: 'capacityMeter' },
    );
  }
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/**
 * Gives every employee his places back (`activeApplications` 0) between runs, so that each run's
 * applications are new ones under the cap; not measured.
 */
export async function freePlaces(db: DynamoDBDocumentClient, tableName: string, employees: readonly LoadEmployee[]): Promise<void> {
  await mapLimit(employees, 16, (employee) =>
    db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: employeeKey(employee.id),
        UpdateExpression: 'SET activeApplications = :zero',
        ExpressionAttributeValues: { ':zero': 0 },
      }),
    ),
  );
}

/** The offer's applications (strongly consistent count) and its `applicantCount`. */
export async function applicationsOf(db: DynamoDBDocumentClient, tableName: string, offerId: string) {
  const items = await queryAll(db, {
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :applications)',
    ExpressionAttributeValues: { ':pk': offerKey(offerId).PK, ':applications': 'APPLICATION#' },
    ConsistentRead: true,
    ProjectionExpression: 'SK',
  });
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: offerKey(offerId), ConsistentRead: true }));
  return { applications: items.length, applicantCount: Number(Item?.applicantCount ?? 0) };
}

/** The items "Je postule" writes for `employee` on `offerId`, built before a raw run (the route builds them from what it read). */
export function applyItems(employee: LoadEmployee, index: number, offerId: string) {
  const at = new Date().toISOString();
  const body = demoOffer();
  const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const application: Application = {
    offerId,
    employeeId: employee.id,
    status: 'SUBMITTED',
    appliedAt: at,
    updatedAt: at,
    contact: { firstName: `Charge${index}`, email: employee.email },
    scoringFacts: { ...benchScoringFacts(index, at), siret: demoSiret },
    rankingKey: `${String(index).padStart(10, '0')}#2020-01-01#${at}#${employee.id}`,
    offer: {
      offerId,
      residenceName: body.residenceName,
      commune: body.commune,
      communeName: 'Paris',
      typology: 'T3',
      rentEuros: body.rentEuros,
      chargesEuros: body.chargesEuros,
      closesAt,
    },
  };
  const notification = applicantEmail(application, 'application-submitted', { closesOn: closesAt }, at, 'http://localhost');
  return { application: applicationToItem(application), notification: notificationToItem(notification), at };
}

/**
 * The raw DynamoDB calls of the three routes of the load, as their use cases make them (same
 * keys, same consistency, same order and parallelism), without HTTP, token check, parsing or
 * business rules: the floor each route is compared with.
 */
export function rawRoutes(db: DynamoDBDocumentClient, tableName: string) {
  /** The offer with the caller's application (BatchGetItem) beside the caller's partition (Query). */
  const offerAndFile = (offerId: string, employeeId: string) =>
    Promise.all([
      db.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: [offerKey(offerId), applicationKey(offerId, employeeId)], ConsistentRead: true } },
        }),
      ),
      queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': employeeKey(employeeId).PK },
        ConsistentRead: true,
      }),
    ]);
  /**
   * The provisional score's inputs, in parallel: the employer, and the grids (`scoringGridStore`
   * reads them again for a later day than its read, so for every close in the future).
   */
  const employerAndGrids = () =>
    Promise.all([
      db.send(new GetCommand({ TableName: tableName, Key: companyKey(demoSiret) })),
      queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': scoringGridKey('').PK },
      }),
    ]);
  let departments: readonly string[] | undefined;

  return {
    /** "Je postule", new: the reads, the employer and the grids, the transaction. */
    async apply(offerId: string, employeeId: string, items: ReturnType<typeof applyItems>) {
      const [batch, file] = await offerAndFile(offerId, employeeId);
      await employerAndGrids();
      if ((batch.Responses?.[tableName] ?? []).length !== 1 || file.length === 0) throw new Error('raw apply read an unexpected state');
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: items.application,
                ConditionExpression: 'attribute_not_exists(PK) OR #status = :withdrawn',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':withdrawn': 'WITHDRAWN' },
              },
            },
            {
              Update: {
                TableName: tableName,
                Key: offerKey(offerId),
                UpdateExpression: 'ADD applicantCount :one',
                ConditionExpression: '#status = :published AND closesAt > :now AND attribute_not_exists(closedAt)',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':one': 1, ':published': 'PUBLISHED', ':now': items.at },
              },
            },
            applyingUpdate(tableName, employeeId, offerId, applicationRules.maxActiveApplications),
            { Put: { TableName: tableName, Item: items.notification } },
          ],
        }),
      );
    },
    /** "Je postule" again: the reads find the application and answer it. */
    async applyAgain(offerId: string, employeeId: string) {
      const [batch] = await offerAndFile(offerId, employeeId);
      if ((batch.Responses?.[tableName] ?? []).length !== 2) throw new Error('raw repeat found no application');
    },
    /** An offer's details: the reads, then the employer and the grids for the provisional score. */
    async detail(offerId: string, employeeId: string) {
      await offerAndFile(offerId, employeeId);
      await employerAndGrids();
    },
    /** The tabs: the caller's partition, then one Query per department of the plan, in parallel. */
    async tabs(employeeId: string) {
      departments ??= planTabs(requestedCommunes, await loadGeography()).departmentsToQuery;
      await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': employeeKey(employeeId).PK },
        ConsistentRead: true,
      });
      const at = `${new Date().toISOString()}#~`;
      await Promise.all(
        departments.map((department) =>
          db.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: 'GSI1',
              KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK > :at',
              ExpressionAttributeValues: { ':pk': publishedOffersPartition(department), ':at': at },
            }),
          ),
        ),
      );
    },
  };
}

/** Runs autocannon, telling each answer's status and latency to `onResponse`; resolves with its result. */
export function cannon(
  options: autocannon.Options,
  onResponse: (statusCode: number, latencyMs: number) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on('response', (_client, statusCode, _bytes, latencyMs) => onResponse(statusCode, latencyMs));
  });
}
