import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { companyKey } from '#companies/company-store.ts';
import { compareMedians, httpGet, ratioFigure, tokenFor, type BenchTarget, type Figure } from './harness.ts';

/**
 * `GET /companies/{siret}` through HTTP (gateway, JWT check, handler, one GetItem) against a
 * raw GetItem of the same item on the same DynamoDB Local.
 */
export async function companyGetBenchmark(cloud: BenchTarget): Promise<Figure> {
  const token = await tokenFor(cloud, 'operateur@demo.alin.local');
  const siret = '43219876500013';
  const env = cloud.environment;
  const raw = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: env.AWS_ENDPOINT_URL_DYNAMODB, region: env.AWS_REGION }));
  const url = `${cloud.api}/companies/${siret}`;
  const viaApi = async () => {
    const response = await httpGet(url, { authorization: `Bearer ${token}` });
    if (response.status !== 200) throw new Error(`GET company answered ${response.status}`);
  };
  const viaGetItem = async () => {
    const { Item } = await raw.send(new GetCommand({ TableName: env.TABLE_NAME, Key: companyKey(siret) }));
    if (!Item) throw new Error('seeded company missing');
  };
  // A warm function is measured (cold starts have their own figures): both paths JIT-compiled first.
  const { subjectMs, baselineMs } = await compareMedians(300, viaApi, viaGetItem, 200);
  raw.destroy();
  return ratioFigure('company-get-vs-raw-getitem', subjectMs, baselineMs, { apiMedianMs: subjectMs, getItemMedianMs: baselineMs });
}
