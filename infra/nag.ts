import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag AwsSolutions findings this suite accepts, each with the reason, acknowledged on the construct
 * (and so its children) that causes it. infra/ test/infra/cdk-nag.test.ts fails on any other finding.
 */
export function acknowledge(scope: IConstruct, findings: Record<string, string>): void {
  for (const [id, reason] of Object.entries(findings)) {
    Validations.of(scope).acknowledge({ id: `AwsSolutions::AwsSolutions-${id}`, reason });
  }
}

export const RUNTIME_REASON =
  'The project targets the Node.js 22.x Lambda runtime (an owner decision; its LTS support runs to 2027); moving to a newer runtime is a deliberate upgrade, not a default.';
export const XRAY_REASON =
  'Resource::* only on X-Ray PutTraceSegments/PutTelemetryRecords (tracing), which support no resource-level permissions.';
