import { ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { companyListKey } from '#companies/company-store.ts';
import { landlordListKey } from '#landlords/landlord-store.ts';

/**
 * Companies and landlords written before the operator's lists existed carry no GSI1 list key:
 * data kept from an earlier run (`npm start -- --persist`) gets it here, once, at seeding. A
 * one-off migration, so a Scan (filtered on the items still without the key); no request path
 * scans. Returns how many items it completed.
 */
export async function backfillListKeys(db: DynamoDBDocumentClient, tableName: string): Promise<number> {
  let completed = 0;
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '(entity = :company OR entity = :landlord) AND attribute_not_exists(GSI1PK)',
        ExpressionAttributeValues: { ':company': 'Company', ':landlord': 'Landlord' },
        ExclusiveStartKey: cursor,
      }),
    );
    for (const item of page.Items ?? []) {
      const keys =
        item.entity === 'Company'
          ? companyListKey({ name: String(item.name), siret: String(item.siret) })
          : landlordListKey({ name: String(item.name), landlordId: String(item.landlordId) });
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { PK: item.PK, SK: item.SK },
          UpdateExpression: 'SET GSI1PK = :pk, GSI1SK = :sk',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(GSI1PK)',
          ExpressionAttributeValues: { ':pk': keys.GSI1PK, ':sk': keys.GSI1SK },
        }),
      );
      completed += 1;
    }
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return completed;
}
