import { createHash, createHmac } from 'node:crypto';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { config } from './config.ts';

/**
 * Presigned URLs for the uploads bucket without the S3 client: a function that only hands out
 * links does not load the client's operations, endpoint rules and XML (about 135 KB of its bundle,
 * issue 15). The URL is the one the client's `getSignedUrl` gives: the same address (path style when
 * `S3_FORCE_PATH_STYLE`, as the local cloud sets it, else the bucket's virtual host), the same
 * SigV4 query signature, from the same credentials, region and `AWS_ENDPOINT_URL_S3`.
 */
export interface BucketPresigner {
  /**
   * A URL for one operation on `key`; `signedHeaders` must then be sent exactly (they are part of
   * the signature). The operation is named as the SDK command it stands for, which the declared
   * needs' check (test/infra/reachable-calls.ts) reads as the call a presigned URL carries.
   */
  presign(input: {
    operation: 'GetObject' | 'PutObject';
    key: string;
    expiresInSeconds: number;
    signedHeaders?: Record<string, string>;
  }): Promise<string>;
}

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytesOf = (data: SourceData): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

/** SHA-256 (and its HMAC) as the signer asks for it, from Node's crypto. */
class Sha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytesOf(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
}

/** A key's path segments escaped as the S3 client does (RFC 3986, `/` kept). */
const escapeKey = (key: string) =>
  key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');

export function bucketPresigner(
  bucketName: string,
  options: { forcePathStyle: boolean; region?: string; endpoint?: string } = {
    forcePathStyle: config.s3ForcePathStyle,
    region: process.env.AWS_REGION,
    endpoint: process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL,
  },
): BucketPresigner {
  const region = options.region ?? 'us-east-1';
  const base = new URL(options.endpoint ?? `https://s3.${region}.amazonaws.com`);
  const pathStyle = options.forcePathStyle;
  const hostname = pathStyle ? base.hostname : `${bucketName}.${base.hostname}`;
  const basePath = base.pathname.replace(/\/$/, '');
  const signer = new S3RequestPresigner({ credentials: defaultProvider(), region, sha256: Sha256 });
  return {
    async presign({ operation, key, expiresInSeconds, signedHeaders = {} }) {
      const path = `${basePath}${pathStyle ? `/${bucketName}` : ''}/${escapeKey(key)}`;
      const port = base.port ? Number(base.port) : undefined;
      const signed = await signer.presign(
        {
          method: operation === 'PutObject' ? 'PUT' : 'GET',
          protocol: base.protocol,
          hostname,
          port,
          path,
          query: {},
          headers: { ...signedHeaders },
        },
        { expiresIn: expiresInSeconds, signableHeaders: new Set(Object.keys(signedHeaders).map((name) => name.toLowerCase())) },
      );
      const query = Object.entries(signed.query ?? {}).flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((one) => `${encodeURIComponent(name)}=${encodeURIComponent(one ?? '')}`),
      );
      return `${base.protocol}//${hostname}${port ? `:${port}` : ''}${signed.path}?${query.join('&')}`;
    },
  };
}
