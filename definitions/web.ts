/**
 * The web app's response headers, defined once: the local gateway sends them with every file of
 * the app (local/web-files.ts); CloudFront's response headers policy is to read the same object.
 * The app loads nothing from elsewhere: scripts, styles and API calls are on its own origin; the
 * only other origin it may reach is the bucket's, to PUT a document to its presigned URL.
 */
export const webContentSecurityPolicy = (uploadOrigins: readonly string[] = []) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    ["connect-src 'self'", ...uploadOrigins].join(' '),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

export const webSecurityHeaders = (uploadOrigins: readonly string[] = []) => ({
  'content-security-policy': webContentSecurityPolicy(uploadOrigins),
  'x-content-type-options': 'nosniff',
  // The password link carries its token in the query: no page sends its address to another site.
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  // Browsers take it only over HTTPS (CloudFront); the local gateway's HTTP answers carry it unheeded.
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
});

/** Built files under this folder carry a content hash in their name: cached for a year. */
export const webImmutablePrefix = '/assets/';
