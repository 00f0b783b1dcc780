import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { planTabs } from '#offers/eligibility/tabs.ts';
import { publishedOffersPartition } from '#offers/offer-store.ts';
import { loadGeography } from '#offers/reference/geography.ts';
import { compareMedians, httpGet, ratioFigure, tokenFor, type BenchTarget, type Figure } from './harness.ts';

const demoEmployee = 'camille.martin@demo.alin.local';
/** Communes requested by the seeded demo employee. */
const demoRequested = ['75056', '92012', '92040'];

/**
 * `GET /offers?tab=requested` through HTTP (gateway, JWT check, handler: GetItem of the employee,
 * one Query per department in parallel, classification and eligibility in memory) against the
 * same department Queries made raw, in parallel, with the document client.
 */
export async function offersTabsBenchmark(cloud: BenchTarget): Promise<Figure> {
  const env = cloud.environment;
  const employeeToken = await tokenFor(cloud, demoEmployee);
  const raw = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: env.AWS_ENDPOINT_URL_DYNAMODB, region: env.AWS_REGION }));
  const departments = planTabs(demoRequested, await loadGeography()).departmentsToQuery;
  const url = `${cloud.api}/offers?tab=requested`;
  const viaApi = async () => {
    const response = await httpGet(url, { authorization: `Bearer ${employeeToken}` });
    if (response.status !== 200) throw new Error(`GET /offers answered ${response.status}`);
  };
  const viaQueries = async () => {
    const at = `${new Date().toISOString()}#~`;
    const pages = await Promise.all(
      departments.map((department) =>
        raw.send(
          new QueryCommand({
            TableName: env.TABLE_NAME,
            IndexName: 'GSI1',
            KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK > :at',
            ExpressionAttributeValues: { ':pk': publishedOffersPartition(department), ':at': at },
          }),
        ),
      ),
    );
    if (pages.every((page) => (page.Items ?? []).length === 0)) throw new Error('no seeded offer');
  };
  // A warm function is measured (cold starts have their own figures): both paths JIT-compiled first.
  const { subjectMs, baselineMs } = await compareMedians(200, viaApi, viaQueries, 100);
  raw.destroy();
  return ratioFigure('offers-tabs-vs-raw-query', subjectMs, baselineMs, {
    apiMedianMs: subjectMs,
    rawQueriesMedianMs: baselineMs,
    departments: departments.length,
  });
}
