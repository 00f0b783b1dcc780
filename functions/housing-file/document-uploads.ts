import { bucketPresigner } from '#shared/presign.ts';

interface PresignedUpload {
  readonly url: string;
  /** Headers the client must send with its PUT, exactly (they are part of the signature). */
  readonly headers: Record<string, string>;
}

/** Hands out URLs that let a browser PUT one object, of one content type and one size, directly to S3. */
export interface UploadSigner {
  presignPut(input: { key: string; contentType: string; sizeBytes: number; expiresInSeconds: number }): Promise<PresignedUpload>;
}

/** Signed without the S3 client, which the upload-request function does not load. */
export function s3UploadSigner(bucketName: string): UploadSigner {
  const presigner = bucketPresigner(bucketName);
  return {
    async presignPut({ key, contentType, sizeBytes, expiresInSeconds }) {
      // Signing the type and the length makes S3 refuse an upload of another type or size than
      // the one validated here.
      const url = await presigner.presign({
        operation: 'PutObject',
        key,
        expiresInSeconds,
        signedHeaders: { 'Content-Type': contentType, 'Content-Length': String(sizeBytes) },
      });
      // Browsers set Content-Length themselves from the body; only the type is the caller's to send.
      return { url, headers: { 'Content-Type': contentType } };
    },
  };
}
