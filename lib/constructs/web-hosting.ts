import { Annotations, CfnOutput, Duration, type SecretValue, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { webSecurityHeaders } from '#definitions/web.ts';
import { originSecretHeader } from '#shared/client-address.ts';
import type { RouteDefinition } from '#shared/route.ts';

/** A domain of one's own for the web app; its certificate is in us-east-1 (CloudFront's rule). */
export interface WebDomain {
  readonly name: string;
  readonly certificateArn: string;
}

export interface WebHostingProps {
  /** The web stack's bucket of the built app, by name (lib/web-stack.ts). */
  readonly bucketName: string;
  /** The API, reached through the same origin under its own path prefixes. */
  readonly api: HttpApi;
  /** Sent to the API with every request (`originSecretHeader`): the functions then believe CloudFront's viewer address. */
  readonly originSecret: SecretValue;
  readonly routes: readonly Pick<RouteDefinition, 'path'>[];
  /** The bucket of the presigned uploads: the only other origin the pages may send to (CSP connect-src). */
  readonly uploads: IBucket;
  readonly domain?: WebDomain;
}

/**
 * CloudFront path patterns that send a request to the API, from the route table: `/me` and `/me/*`
 * for `/me/...` routes, never `/me*`, which would take the page `/mes-documents` too.
 */
export function apiPathPatterns(routes: readonly Pick<RouteDefinition, 'path'>[]): string[] {
  const patterns = new Set<string>();
  for (const route of routes) {
    const [first, ...rest] = route.path.split('/').filter(Boolean);
    if (!first) throw new Error(`Route path without a segment: ${route.path}`);
    patterns.add(rest.length === 0 ? `/${first}` : `/${first}/*`);
  }
  return [...patterns].sort();
}

/**
 * SPA fallback, as the local gateway does (local/web-files.ts): an address whose last segment has
 * no file extension is a page of the app, answered with `index.html`; files keep their path. Runs
 * on the app's behaviour only, so the API's own 404s and 403s reach the browser unchanged.
 */
export const spaFallbackCode = `function handler(event) {
  var request = event.request;
  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

const referrerPolicies = Object.values(HeadersReferrerPolicy) as string[];

/** The response headers policy, read from the one definition the local gateway sends too. */
function securityHeadersPolicy(scope: Construct, uploadOrigins: readonly string[]): ResponseHeadersPolicy {
  const {
    'content-security-policy': contentSecurityPolicy,
    'strict-transport-security': hsts,
    'referrer-policy': referrerPolicy,
    'x-frame-options': frameOptions,
    'x-content-type-options': contentTypeOptions,
    ...custom
  } = webSecurityHeaders(uploadOrigins);
  const maxAge = /max-age=(\d+)/.exec(hsts)?.[1];
  if (!maxAge) throw new Error(`strict-transport-security without max-age: ${hsts}`);
  if (!referrerPolicies.includes(referrerPolicy)) throw new Error(`Unknown referrer policy: ${referrerPolicy}`);
  if (frameOptions !== 'DENY' || contentTypeOptions !== 'nosniff')
    throw new Error('Frame and content-type options must be DENY and nosniff');
  return new ResponseHeadersPolicy(scope, 'SecurityHeaders', {
    comment: 'En-têtes de sécurité de definitions/web.ts',
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy, override: true },
      strictTransportSecurity: {
        accessControlMaxAge: Duration.seconds(Number(maxAge)),
        includeSubdomains: /includeSubDomains/i.test(hsts),
        preload: /preload/i.test(hsts),
        override: true,
      },
      referrerPolicy: { referrerPolicy: referrerPolicy as HeadersReferrerPolicy, override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      contentTypeOptions: { override: true },
    },
    customHeadersBehavior: {
      customHeaders: Object.entries(custom).map(([header, value]) => ({ header, value, override: true })),
    },
  });
}

/**
 * The web app's distribution: its build from a private bucket, read through origin access
 * control, and the API behind the same distribution under its path prefixes, so that the pages
 * call it on their own origin (no CORS, and the refresh cookie, `SameSite=Strict; Path=/auth`, is sent).
 * It lives beside the API (the functions' `APP_URL` is its address); the bucket and the files
 * are the web stack's, deployed after it.
 */
export class WebHosting extends Construct {
  readonly distribution: Distribution;
  /** The app's base URL, for the links of the e-mails. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // The bucket is the web stack's, by its name: no reference from this stack to that one.
    const files = Bucket.fromBucketName(this, 'Files', props.bucketName);
    const responseHeadersPolicy = securityHeadersPolicy(this, [`https://${props.uploads.bucketRegionalDomainName}`]);
    const spaFallback = new EdgeFunction(this, 'SpaFallback', {
      comment: 'Adresses de pages : index.html',
      code: FunctionCode.fromInline(spaFallbackCode),
      runtime: FunctionRuntime.JS_2_0,
    });
    const apiDomain = `${props.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
    const apiBehavior: BehaviorOptions = {
      origin: new HttpOrigin(apiDomain, {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        // CloudFront overwrites a viewer's header of the same name: only the distribution sends the secret.
        customHeaders: { [originSecretHeader]: props.originSecret.unsafeUnwrap() },
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // Authorization, cookies, query strings and the body go through, with CloudFront's viewer headers
      // (CloudFront-Viewer-Address, the client address the limits count); Host does not (API Gateway answers to its own name).
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy,
    };
    const certificate = props.domain && Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn);

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Application web et API sur une même origine',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(files),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy,
        functionAssociations: [{ function: spaFallback, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: Object.fromEntries(apiPathPatterns(props.routes).map((pattern) => [pattern, apiBehavior])),
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Users are in France: edge locations of Europe and North America are enough.
      priceClass: PriceClass.PRICE_CLASS_100,
      domainNames: props.domain ? [props.domain.name] : undefined,
      certificate,
      minimumProtocolVersion: certificate ? SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
    });
    this.url = props.domain ? `https://${props.domain.name}` : `https://${this.distribution.distributionDomainName}`;
    this.acknowledgeDistribution(Boolean(props.domain));
    // The web stack's bucket policy lets this distribution read it (lib/web-stack.ts).
    Annotations.of(this.distribution).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac',
      'the bucket and its policy (read by this distribution only) are in the web stack',
    );
    new CfnOutput(stack, 'WebUrl', { value: this.url });
  }

  private acknowledgeDistribution(ownDomain: boolean): void {
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'No geo restriction: employees of contributing companies may apply from abroad (mobility, posting)',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'No WAF: the API limits logins, registrations and resets per e-mail and per address itself; pages are static files',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason: 'No CloudFront access logs: they hold viewer IP addresses; the API keeps its own access logs without personal data',
      },
      ...(ownDomain
        ? []
        : [
            {
              id: 'AwsSolutions-CFR4',
              reason:
                'Default *.cloudfront.net certificate until a domain is configured (context domainName, certificateArn): TLS 1.2 then',
            },
          ]),
    );
  }
}
