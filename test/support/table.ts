import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { cloud } from './api.ts';

/** Direct access to the local cloud's table, to check what a route stored (or did not). */
export function localTable() {
  const env = cloud().environment;
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
      region: env.AWS_REGION,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }),
  );
  const tableName = env.TABLE_NAME!;
  return {
    client,
    tableName,
    get: async (key: { PK: string; SK: string }) =>
      (await client.send(new GetCommand({ TableName: tableName, Key: key }))).Item,
  };
}
