import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';

/** Import jobs of a landlord: `PK = LANDLORD#<landlordId>`, `SK = IMPORT#<importId>`; listed with one Query. */
export const importKey = (landlordId: string, importId: string) => ({
  PK: `LANDLORD#${landlordId}`,
  SK: `IMPORT#${importId}`,
});

export const importFormatSchema = z.enum(['csv', 'json']);

export interface ReceivedImport {
  readonly landlordId: string;
  readonly importId: string;
  readonly format: z.infer<typeof importFormatSchema>;
  readonly objectKey: string;
  readonly sizeBytes: number;
  readonly receivedAt: string;
}

export interface ImportStore {
  /** Records a received file once; false when this import was already recorded (event replay). */
  recordReceived(received: ReceivedImport): Promise<boolean>;
}

export function importStore(db: DynamoDBDocumentClient, tableName: string): ImportStore {
  return {
    async recordReceived(received) {
      try {
        await db.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...importKey(received.landlordId, received.importId), entity: 'ImportJob', status: 'RECEIVED', ...received },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}
