import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { WebexProvisioningStack } from '../../infra/webex-provisioning-stack';

/** GET …/report: each role may read the HTML reports and nothing else of the bucket, and may not write. */
describe('report routes in the stack', () => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new WebexProvisioningStack(app, 'WebexProvisioning');
  const template = Template.fromStack(stack);
  const bucketId = Stack.of(stack).getLogicalId(stack.bulkImports.bucket.node.defaultChild as never);
  const statementsOf = (roleId: string) =>
    Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement) as { Action: string | string[]; Resource: unknown; Condition?: unknown }[];

  it.each(['GetReconcilePlanReport', 'GetBulkJoinersReport'])('%s: s3:GetObject on reports/*.html, plans/*.html and applies/*.html only, ListBucket on those prefixes', (routeId) => {
    const fn = stack.api.functions[routeId];
    expect(fn).toBeDefined();
    const roleId = Stack.of(stack).getLogicalId((fn.role as unknown as { node: { defaultChild: never } }).node.defaultChild);
    const s3 = statementsOf(roleId).filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    const get = s3.find((s) => [s.Action].flat().includes('s3:GetObject'))!;
    expect([get.Action].flat()).toEqual(['s3:GetObject']);
    expect(JSON.stringify(get.Resource)).toContain('/reports/*.html');
    expect(JSON.stringify(get.Resource)).toContain('/plans/*.html');
    expect(JSON.stringify(get.Resource)).toContain('/applies/*.html');
    expect(JSON.stringify(get.Resource)).not.toMatch(/\/\*"/);
    const list = s3.find((s) => [s.Action].flat().includes('s3:ListBucket'))!;
    expect(list.Condition).toEqual({ StringLike: { 's3:prefix': ['reports/*.html', 'plans/*.html', 'applies/*.html'] } });
    expect(s3.flatMap((s) => [s.Action].flat()).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(JSON.stringify(s3)).toContain(bucketId);
  });

  it("BulkJoinersSteps (a JSON run's report files): s3:PutObject on reports/bulk-k-* and reports/bulk-b-* only; no read, no list, no delete", () => {
    const fn = stack.workflows.taskFunctions.BulkJoinersSteps;
    const roleId = Stack.of(stack).getLogicalId((fn.role as unknown as { node: { defaultChild: never } }).node.defaultChild);
    const s3 = statementsOf(roleId).filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    expect(s3.flatMap((s) => [s.Action].flat())).toEqual(['s3:PutObject']);
    const resources = JSON.stringify(s3[0].Resource);
    expect(resources).toContain(bucketId);
    expect(resources).toContain('/reports/bulk-k-*');
    expect(resources).toContain('/reports/bulk-b-*');
    // Not a CSV run's report, a plan, an upload, or anything else in the bucket.
    expect([s3[0].Resource].flat()).toHaveLength(2);
    expect(resources).not.toMatch(/\/\*"|reports\/\*|bulk-csv/);
    // It is told which bucket.
    const fnId = Stack.of(stack).getLogicalId(fn.node.defaultChild as never);
    expect(template.toJSON().Resources[fnId].Properties.Environment.Variables.BULK_IMPORTS_BUCKET).toEqual({ Ref: bucketId });
  });
});
