import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { routeList } from '#definitions/routes.ts';
import { webSecurityHeaders } from '#definitions/web.ts';
import { originSecretHeader, originSecretVariable } from '#shared/client-address.ts';
import { pagePaths } from '#shared/page-paths.ts';
import { createStacks, readSettings } from '#lib/housing-app.ts';
import { apiPathPatterns, spaFallbackCode } from '#lib/constructs/web-hosting.ts';
import { inlineNestedStacks, onlyResource, referencedId, resourcesOf, synthesize, testSettings, type Resource } from './synth.ts';

const { stacks, stateless, entryOf } = synthesize();
const web = Template.fromStack(stacks.web);

/** CloudFront's managed policies, by their documented ids. */
const cachingDisabled = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const allViewerExceptHost = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

interface CacheBehavior {
  PathPattern: string;
  TargetOriginId: string;
  AllowedMethods: string[];
  CachePolicyId: string;
  OriginRequestPolicyId: string;
  ResponseHeadersPolicyId: unknown;
  ViewerProtocolPolicy: string;
  FunctionAssociations?: { EventType: string; FunctionARN: unknown }[];
}
interface DistributionConfig {
  DefaultRootObject: string;
  Aliases?: string[];
  ViewerCertificate?: { AcmCertificateArn?: string; MinimumProtocolVersion?: string; SslSupportMethod?: string };
  DefaultCacheBehavior: Omit<CacheBehavior, 'PathPattern'>;
  CacheBehaviors: CacheBehavior[];
  Origins: { Id: string; DomainName: unknown; OriginAccessControlId?: unknown; S3OriginConfig?: unknown; CustomOriginConfig?: unknown }[];
}

const [, distribution] = onlyResource(stateless, 'AWS::CloudFront::Distribution');
const config = (distribution.Properties as { DistributionConfig: DistributionConfig }).DistributionConfig;
const originOf = (id: string) => config.Origins.find((origin) => origin.Id === id)!;
const apiOrigin = config.Origins.find((origin) => origin.CustomOriginConfig)!;

/** CloudFront's path pattern matching: `*` any characters (slashes too), `?` one, case-sensitive. */
function matches(pattern: string, path: string): boolean {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${escaped}$`).test(path);
}
const behaviourFor = (path: string) => config.CacheBehaviors.find((behaviour) => matches(behaviour.PathPattern, path));
const filled = (path: string) => path.replace(/\{\w+\}|:\w+/g, 'ab12');

/** The SPA fallback function as CloudFront runs it, on a request for `uri`. */
function rewrite(uri: string): string {
  const handler = new Function(`${spaFallbackCode}; return handler;`)() as (event: unknown) => { uri: string };
  return handler({ request: { uri } }).uri;
}

describe('the web app bucket (web stack)', () => {
  const [bucketId, bucket] = onlyResource(web, 'AWS::S3::Bucket');

  it('is private: every public access blocked, objects owned by the bucket, TLS only', () => {
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
  });

  it('is read by this distribution only, through origin access control (not an identity)', () => {
    const [oacId, oac] = onlyResource(stateless, 'AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties).toMatchObject({
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    expect(resourcesOf(stateless, 'AWS::CloudFront::CloudFrontOriginAccessIdentity')).toEqual([]);
    const s3Origin = originOf(config.DefaultCacheBehavior.TargetOriginId);
    // The bucket by its name (the web stack comes after this one): the same name as the web stack's bucket.
    type Join = { 'Fn::Join': [string, unknown[]] };
    const nameParts = (bucket.Properties.BucketName as Join)['Fn::Join'][1];
    const domainParts = (s3Origin.DomainName as Join)['Fn::Join'][1];
    expect(domainParts.slice(0, nameParts.length)).toEqual(nameParts);
    expect(domainParts[nameParts.length]).toBe('.s3.');
    expect(s3Origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect((s3Origin.OriginAccessControlId as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]).toBe(oacId);

    const [, policy] = onlyResource(web, 'AWS::S3::BucketPolicy');
    expect(referencedId(policy.Properties.Bucket)).toBe(bucketId);
    const statements = (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
    const allows = statements.filter((statement) => statement.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' });
    // Only the stateless stack's distribution: its id, imported from that stack.
    const condition = JSON.stringify(allows[0]!.Condition);
    expect(condition).toContain('AWS:SourceArn');
    expect(condition).toContain(':distribution/');
    expect(condition).toContain(`Ref${onlyResource(stateless, 'AWS::CloudFront::Distribution')[0]}`);
  });

  it('receives the build in two deployments: hashed assets cached a year, index.html revalidated', () => {
    const deployments = resourcesOf(web, 'Custom::CDKBucketDeployment').map(([, d]) => d.Properties as Record<string, unknown>);
    expect(deployments).toHaveLength(2);
    for (const deployment of deployments) expect(referencedId(deployment.DestinationBucketName)).toBe(bucketId);
    const cacheControls = deployments.map((deployment) => (deployment.SystemMetadata as Record<string, string>)['cache-control']).sort();
    expect(cacheControls).toEqual(['no-cache', 'public, max-age=31536000, immutable']);
    const pages = deployments.find((deployment) => (deployment.SystemMetadata as Record<string, string>)['cache-control'] === 'no-cache')!;
    expect(pages.DistributionPaths).toEqual(['/index.html']);
    expect(deployments.map((deployment) => deployment.Prune)).toEqual([false, false]);
  });
});

describe('the distribution', () => {
  it('serves index.html at the root and redirects HTTP to HTTPS', () => {
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
  });

  it('answers every page address with index.html (the e-mail links too), files keep their path', () => {
    const [functionId, fn] = onlyResource(stateless, 'AWS::CloudFront::Function');
    expect((fn.Properties as { FunctionCode: string }).FunctionCode).toBe(spaFallbackCode);
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } },
    ]);
    for (const page of Object.values(pagePaths)) expect(rewrite(filled(page)), page).toBe('/index.html');
    expect(rewrite('/')).toBe('/index.html');
    expect(rewrite('/assets/index-MYhF6Woi.js')).toBe('/assets/index-MYhF6Woi.js');
    expect(rewrite('/favicon.svg')).toBe('/favicon.svg');
  });

  it('sends every API route, and no page, to the API origin (the fallback never hides an API answer)', () => {
    for (const route of routeList) {
      expect(behaviourFor(filled(route.path))?.TargetOriginId, `${route.method} ${route.path}`).toBe(apiOrigin.Id);
    }
    for (const page of Object.values(pagePaths)) expect(behaviourFor(filled(page)), page).toBeUndefined();
    expect(config.CacheBehaviors.map((behaviour) => behaviour.PathPattern).sort()).toEqual(apiPathPatterns(routeList));
    // One behaviour per prefix, within CloudFront's default quota of 25 per distribution.
    expect(config.CacheBehaviors.length).toBeLessThanOrEqual(25);
  });

  it('reaches API Gateway by its own name, over HTTPS, caching nothing, all methods, all viewer headers but Host', () => {
    const [apiId] = onlyResource(stateless, 'AWS::ApiGatewayV2::Api');
    expect((apiOrigin.DomainName as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1].slice(0, 2)).toEqual([
      { Ref: apiId },
      '.execute-api.',
    ]);
    expect(apiOrigin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
    for (const behaviour of config.CacheBehaviors) {
      expect(behaviour).toMatchObject({
        TargetOriginId: apiOrigin.Id,
        CachePolicyId: cachingDisabled,
        OriginRequestPolicyId: allViewerExceptHost,
        ViewerProtocolPolicy: 'https-only',
      });
      expect([...behaviour.AllowedMethods].sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
      expect(behaviour.FunctionAssociations).toBeUndefined();
    }
  });

  it('adds the security headers of definitions/web.ts to every answer', () => {
    const [policyId, policy] = onlyResource(stateless, 'AWS::CloudFront::ResponseHeadersPolicy');
    const { SecurityHeadersConfig: security, CustomHeadersConfig: custom } = (
      policy.Properties as { ResponseHeadersPolicyConfig: Record<string, Record<string, unknown>> }
    ).ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: Record<string, Record<string, unknown>>;
      CustomHeadersConfig: { Items: unknown[] };
    };
    const expected = webSecurityHeaders(['https://uploads.example']);
    const csp = JSON.stringify(security.ContentSecurityPolicy!.ContentSecurityPolicy);
    // The CSP is the definition's, with the uploads bucket's regional address as the one other origin.
    for (const directive of expected['content-security-policy'].split('; ').filter((d) => !d.startsWith('connect-src'))) {
      expect(csp).toContain(directive);
    }
    expect(csp).toContain("connect-src 'self' https://");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(security.StrictTransportSecurity).toEqual({
      AccessControlMaxAgeSec: 63072000,
      IncludeSubdomains: true,
      Preload: false,
      Override: true,
    });
    expect(expected['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    expect(security.ReferrerPolicy).toEqual({ ReferrerPolicy: expected['referrer-policy'], Override: true });
    expect(security.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(custom.Items).toEqual([
      { Header: 'cross-origin-opener-policy', Value: expected['cross-origin-opener-policy'], Override: true },
      { Header: 'permissions-policy', Value: expected['permissions-policy'], Override: true },
    ]);
    const policyIds = [config.DefaultCacheBehavior, ...config.CacheBehaviors].map((behaviour) =>
      referencedId(behaviour.ResponseHeadersPolicyId),
    );
    expect(new Set(policyIds)).toEqual(new Set([policyId]));
  });

  it("links the e-mails to the distribution's address when no domain is configured", () => {
    const [distributionId] = onlyResource(stateless, 'AWS::CloudFront::Distribution');
    const appUrls = resourcesOf(stateless, 'AWS::Lambda::Function')
      .map(([, fn]) => (fn as Resource<'AWS::Lambda::Function'>).Properties.Environment?.Variables?.APP_URL)
      .filter((value) => value !== undefined);
    expect(appUrls.length).toBeGreaterThan(10);
    for (const appUrl of appUrls)
      expect(appUrl).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] });
  });
});

describe('the client address behind the distribution', () => {
  const secrets = resourcesOf(stateless, 'AWS::SecretsManager::Secret');
  const [secretId, secret] = secrets[0]!;
  const dynamicReference = { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']] };

  it('sends a generated secret to the API with every request, and to the API only', () => {
    expect(secrets).toHaveLength(1);
    expect(secret.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 48, ExcludePunctuation: true });
    expect(secret.Properties.SecretString).toBeUndefined();
    const apiHeaders = (apiOrigin as { OriginCustomHeaders?: unknown }).OriginCustomHeaders;
    expect(apiHeaders).toEqual([{ HeaderName: originSecretHeader, HeaderValue: dynamicReference }]);
    const s3Origin = originOf(config.DefaultCacheBehavior.TargetOriginId) as { OriginCustomHeaders?: unknown };
    expect(s3Origin.OriginCustomHeaders).toBeUndefined();
  });

  it('gives the secret to the functions that count by address, and to no other', () => {
    const byAddress = routeList.filter((route) => route.limits?.some((limit) => limit.by === 'ip')).map((route) => route.handler);
    expect(byAddress).toEqual(expect.arrayContaining(['identity/handlers/login.ts', 'identity/handlers/register.ts']));
    const holders = resourcesOf(stateless, 'AWS::Lambda::Function').filter(
      ([, fn]) => fn.Properties.Environment?.Variables?.[originSecretVariable] !== undefined,
    );
    expect(holders.map(([id]) => entryOf(id)).sort()).toEqual([...byAddress].sort());
    for (const [, fn] of holders) expect(fn.Properties.Environment.Variables[originSecretVariable]).toEqual(dynamicReference);
  });
});

describe('with a domain of its own', () => {
  process.env.CDK_VALIDATION = 'false';
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/abcd-1234';
  const { stateless: stack } = createStacks(app, { ...testSettings, domain: { name: 'logement.example.org', certificateArn } });
  const template = inlineNestedStacks(stack);
  const [, own] = onlyResource(template, 'AWS::CloudFront::Distribution');
  const ownConfig = (own.Properties as { DistributionConfig: DistributionConfig }).DistributionConfig;

  it('answers on the domain with its certificate, TLS 1.2 at least, and links the e-mails there', () => {
    expect(ownConfig.Aliases).toEqual(['logement.example.org']);
    expect(ownConfig.ViewerCertificate).toEqual({
      AcmCertificateArn: certificateArn,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    const appUrls = new Set(
      resourcesOf(template, 'AWS::Lambda::Function').map(
        ([, fn]) => (fn as Resource<'AWS::Lambda::Function'>).Properties.Environment?.Variables?.APP_URL,
      ),
    );
    appUrls.delete(undefined);
    expect([...appUrls]).toEqual(['https://logement.example.org']);
  });
});

describe('the domain settings (cdk -c domainName=… -c certificateArn=…)', () => {
  const settingsOf = (context: Record<string, string>) => readSettings(new App({ context }));
  const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/abcd-1234';

  it("takes both, or neither (the distribution's address then)", () => {
    expect(settingsOf({}).domain).toBeUndefined();
    expect(settingsOf({ domainName: 'logement.example.org', certificateArn }).domain).toEqual({
      name: 'logement.example.org',
      certificateArn,
    });
    expect(() => settingsOf({ domainName: 'logement.example.org' })).toThrow(/go together/);
    expect(() => settingsOf({ certificateArn })).toThrow(/go together/);
  });

  it('refuses a certificate outside us-east-1, where CloudFront cannot read it', () => {
    expect(() =>
      settingsOf({ domainName: 'logement.example.org', certificateArn: certificateArn.replace('us-east-1', 'eu-west-3') }),
    ).toThrow(/us-east-1/);
  });
});
