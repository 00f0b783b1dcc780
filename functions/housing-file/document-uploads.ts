import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

interface PresignedUpload {
  readonly url: string;
  /** Headers the client must send with its PUT, exactly (they are part of the signature). */
  readonly headers: Record<string, string>;
}

/** Hands out URLs that let a browser PUT one object, of one content type and one size, directly to S3. */
export interface UploadSigner {
  presignPut(input: { key: string; contentType: string; sizeBytes: number; expiresInSeconds: number }): Promise<PresignedUpload>;
}

export function s3UploadSigner(s3: S3Client, bucketName: string): UploadSigner {
  return {
    async presignPut({ key, contentType, sizeBytes, expiresInSeconds }) {
      const command = new PutObjectCommand({ Bucket: bucketName, Key: key, ContentType: contentType, ContentLength: sizeBytes });
      const url = await getSignedUrl(s3, command, {
        expiresIn: expiresInSeconds,
        // The presigner leaves Content-Type unsigned by default; signing it and the length makes
        // S3 refuse an upload of another type or size than the one validated here.
        signableHeaders: new Set(['content-type', 'content-length']),
      });
      // Browsers set Content-Length themselves from the body; only the type is the caller's to send.
      return { url, headers: { 'Content-Type': contentType } };
    },
  };
}
