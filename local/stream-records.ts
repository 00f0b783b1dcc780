import type { AttributeValue as SdkAttributeValue, _Record as SdkRecord } from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';

/**
 * DynamoDB Local's stream records (as the DynamoDB Streams SDK returns them) turned into the
 * records Lambda hands a stream-fed function.
 */

/** The record as Lambda hands it over: JSON types (epoch seconds, base64 binaries) and the stream ARN. */
export function toLambdaRecord(record: SdkRecord, streamArn: string): DynamoDBRecord {
  const change = record.dynamodb;
  return withoutUndefined({
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource,
    awsRegion: record.awsRegion,
    dynamodb: change
      ? withoutUndefined({
          ApproximateCreationDateTime: change.ApproximateCreationDateTime
            ? Math.floor(change.ApproximateCreationDateTime.getTime() / 1000)
            : undefined,
          Keys: toLambdaImage(change.Keys),
          NewImage: toLambdaImage(change.NewImage),
          OldImage: toLambdaImage(change.OldImage),
          SequenceNumber: change.SequenceNumber,
          SizeBytes: change.SizeBytes,
          StreamViewType: change.StreamViewType,
        })
      : undefined,
    eventSourceARN: streamArn,
    // TTL deletions carry the DynamoDB service as identity.
    userIdentity: record.userIdentity ? { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId } : undefined,
  });
}

function toLambdaImage(image: Record<string, SdkAttributeValue> | undefined): Record<string, AttributeValue> | undefined {
  if (!image) return undefined;
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toLambdaAttribute(value)]));
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function toLambdaAttribute(value: SdkAttributeValue): AttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaAttribute) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) ?? {} };
  throw new Error(`Unknown DynamoDB attribute type in stream record: ${Object.keys(value).join(', ')}`);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
