import { Stack, Validations } from 'aws-cdk-lib';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag's IAM5 (wildcard) finding for one resource of the policies under `scope`,
 * with the reason that resource needs its wildcard. The finding id is the resource as cdk-nag
 * prints it (`Resource::arn:<AWS::Partition>:s3:::<Uploads>/documents/*`), so only that resource is
 * acknowledged; a resource without a wildcard acknowledges nothing.
 */
export function acknowledgeWildcard(scope: IConstruct, resource: string, reason: string): void {
  const flat = flattenCfnReference(Stack.of(scope).resolve(resource));
  if (!flat.includes('*')) return;
  Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${flat}]`, reason });
}
