import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/**
 * The trust policy of a role EventBridge Scheduler assumes: the service, for schedules of this account only
 * (`aws:SourceAccount`, as Scheduler's guide sets up its execution role against the confused deputy:
 * docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role).
 */
export function schedulerPrincipal(scope: Construct): iam.IPrincipal {
  return new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } } });
}
