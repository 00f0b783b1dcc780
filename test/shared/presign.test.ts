import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { describe, expect, it, vi } from 'vitest';

// The presigner reads the functions' configuration at import, as a deployed function does.
await vi.hoisted(async () => {
  const { useFunctionEnvironment } = await import('../support/function-environment.ts');
  useFunctionEnvironment({ AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' });
});

const { bucketPresigner } = await import('#shared/presign.ts');

const bucket = 'logement-uploads';
const key = 'imports/landlord-1/a file (1).csv';
const region = 'eu-west-3';

/** What identifies a presigned URL apart from its signature: address, signer's scope, signed headers, lifetime. */
const shapeOf = (url: string) => {
  const { origin, pathname, searchParams } = new URL(url);
  return {
    origin,
    pathname,
    credential: searchParams.get('X-Amz-Credential')?.replace(/\/\d{8}\//, '/<date>/'),
    signedHeaders: searchParams.get('X-Amz-SignedHeaders'),
    expires: searchParams.get('X-Amz-Expires'),
    algorithm: searchParams.get('X-Amz-Algorithm'),
  };
};

describe('presigned URLs without the S3 client', () => {
  it.each([
    { addressing: 'path style on the local endpoint', forcePathStyle: true, endpoint: 'http://127.0.0.1:4569' },
    { addressing: 'the bucket’s virtual host on AWS', forcePathStyle: false, endpoint: undefined },
  ])('are the client’s own URLs, $addressing', async ({ forcePathStyle, endpoint }) => {
    const s3 = new S3Client({ region, forcePathStyle, endpoint });
    const presigner = bucketPresigner(bucket, { forcePathStyle, region, endpoint });

    const put = await presigner.presign({
      operation: 'PutObject',
      key,
      expiresInSeconds: 900,
      signedHeaders: { 'Content-Type': 'text/csv', 'Content-Length': '12' },
    });
    const sdkPut = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: 'text/csv', ContentLength: 12 }), {
      expiresIn: 900,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    expect(shapeOf(put)).toEqual(shapeOf(sdkPut));
    expect(shapeOf(put).signedHeaders).toBe('content-length;content-type;host');

    const get = await presigner.presign({ operation: 'GetObject', key, expiresInSeconds: 300 });
    const sdkGet = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 300 });
    expect(shapeOf(get)).toEqual(shapeOf(sdkGet));
    expect(new URL(get).searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });
});
