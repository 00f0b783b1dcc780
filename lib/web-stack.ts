import { existsSync } from 'node:fs';
import path from 'node:path';
import { Aws, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { webImmutablePrefix } from '#definitions/web.ts';
import { acknowledgeWildcard } from './nag.ts';

/**
 * The name of the web app's bucket: known to the stateless stack's distribution without a
 * reference to this stack (which comes after it), unique per account, region and stage.
 */
export const webBucketName = (stage?: string): string => `alin-web-${Aws.ACCOUNT_ID}-${Aws.REGION}${stage ? `-${stage}` : ''}`;

export interface WebStackProps extends StackProps {
  readonly bucketName: string;
  /** The stateless stack's distribution, which alone may read the bucket. */
  readonly distribution: IDistribution;
  /** The built web app (`web/dist`). */
  readonly root: string;
}

/**
 * The web app's files: the build in a private bucket that only the distribution reads (origin
 * access control), deployed after the stateless stack. The bucket holds nothing but the build.
 */
export class WebStack extends Stack {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    // Templates only (tests: no stack is bundled): the build is neither copied nor required.
    if (!this.bundlingRequired) this.node.setContext('aws:cdk:disable-asset-staging', true);
    this.bucket = new Bucket(this, 'Files', {
      bucketName: props.bucketName,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // Rebuilt from the sources at each deployment; kept on deletion, as CDK would need a function of its own to empty it.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Holds only the public build of the web app (HTML, scripts, styles), read by CloudFront alone; no personal data to trace',
    });
    // Origin access control: CloudFront signs its requests, and only for this distribution.
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: { StringEquals: { 'AWS:SourceArn': this.distributionArn(props.distribution) } },
      }),
    );
    this.deploy(props.root, props.distribution);
  }

  private distributionArn(distribution: IDistribution): string {
    return this.formatArn({ service: 'cloudfront', region: '', resource: 'distribution', resourceName: distribution.distributionId });
  }

  /**
   * Two deployments: hashed files under `/assets/` cached for a year and never pruned (a page
   * opened before a deployment still loads its chunks); the other files (`index.html`) revalidated
   * on every load, and invalidated. The build's fingerprint (a dot file) is not shipped.
   */
  private deploy(root: string, distribution: IDistribution): void {
    const built = existsSync(path.join(root, 'index.html'));
    if (!built && this.bundlingRequired) {
      throw new Error(`${root} has no build: bin/app.ts builds it before synthesizing (npm run synth)`);
    }
    const placeholder = () => Source.data('index.html', '<!doctype html><title>Templates only</title>');
    const assetsFolder = webImmutablePrefix.replaceAll('/', '');
    // CDK's deployment handler, with a role of our own: exact objects and actions, not CDK's wildcard grants.
    const role = new Role(this, 'DeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: "Copie de l'application web dans son bucket",
    });
    const logGroup = new LogGroup(this, 'DeploymentLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    const common = { destinationBucket: this.bucket, prune: false, role: role.withoutPolicyUpdates(), logGroup };
    const assets = new BucketDeployment(this, 'DeployAssets', {
      ...common,
      sources: [built ? Source.asset(path.join(root, assetsFolder)) : placeholder()],
      destinationKeyPrefix: `${assetsFolder}/`,
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
    });
    const pages = new BucketDeployment(this, 'DeployPages', {
      ...common,
      sources: [built ? Source.asset(root, { exclude: [assetsFolder, '.*'] }) : placeholder()],
      cacheControl: [CacheControl.noCache()],
      distribution,
      distributionPaths: ['/index.html'],
    });
    // Pages after the chunks they load.
    pages.node.addDependency(assets);

    const zips = [assets, pages].flatMap((deployment) => deployment.node.findAll().filter((child) => child instanceof Asset));
    role.addToPolicy(new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
    role.addToPolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: zips.map((zip) => zip.bucket.arnForObjects(zip.s3ObjectKey)) }),
    );
    role.addToPolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }));
    role.addToPolicy(new PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [this.bucket.arnForObjects('*')] }));
    role.addToPolicy(
      new PolicyStatement({
        actions: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'],
        resources: [this.distributionArn(distribution)],
      }),
    );
    acknowledgeWildcard(
      role,
      this.bucket.arnForObjects('*'),
      'the deployment handler writes any file of the build into this bucket, nothing else',
    );
    const handler = this.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (handler) {
      Validations.of(handler).acknowledge({
        id: 'AwsSolutions-L1',
        reason: "CDK's own deployment handler (runs at deployment only); its runtime is chosen by aws-cdk-lib, not by this app",
      });
    }
  }
}
