import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * The client's address, as the limits by address count it. Behind CloudFront, API Gateway's
 * `sourceIp` is the edge server's: every viewer of one edge would share a budget. CloudFront
 * names the viewer in `CloudFront-Viewer-Address` (`address:port`, IPv6 unbracketed), but a
 * caller of the execute-api URL could send that header too; it is believed only on a request
 * that carries the origin secret, which the distribution adds to every request it forwards
 * (overwriting a viewer's header of that name) and which only the deployment knows.
 */

/** Added by the distribution to each request it sends to the API (lib/constructs/web-hosting.ts). */
export const originSecretHeader = 'x-origin-secret';
/** The variable holding that secret, given to the functions that count by address. */
export const originSecretVariable = 'ORIGIN_SECRET';
/** Set by CloudFront (origin request policy AllViewerExceptHostHeader): the viewer's address and port. */
export const viewerAddressHeader = 'cloudfront-viewer-address';

/** What the address is read from: a payload 2.0 event (lower-case header names). */
export interface AddressedRequest {
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly requestContext: { readonly http: { readonly sourceIp: string } };
}

/**
 * The viewer's address when the request came through the distribution (the origin secret
 * matches), the connection's address otherwise: a forged viewer header without the secret is
 * ignored, and so is a malformed one.
 */
export function clientAddress(request: AddressedRequest, originSecret: string | undefined): string {
  const sourceIp = request.requestContext.http.sourceIp;
  if (!originSecret || !sameSecret(request.headers?.[originSecretHeader], originSecret)) return sourceIp;
  return viewerIp(request.headers?.[viewerAddressHeader]) ?? sourceIp;
}

/** The address of `address:port`, or undefined when it is not one. */
function viewerIp(viewer: string | undefined): string | undefined {
  const port = viewer?.lastIndexOf(':') ?? -1;
  if (!viewer || port < 0 || !/^\d+$/.test(viewer.slice(port + 1))) return undefined;
  const address = viewer.slice(0, port);
  return isIP(address) ? address : undefined;
}

/** Compared in constant time: the answer's timing tells nothing of the secret. */
function sameSecret(sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
