import { flatTemplate } from '../support/flat-template';
import { LIFECYCLE_RESULT_SOURCE } from '../../functions/lib/schemas/lifecycle-events';
import { App, Stack } from 'aws-cdk-lib';
import { E2E_EVENT_SOURCE } from '../../e2e/constants';
import { configFromContext } from '../../infra/config';
import { ENV } from '../../functions/lib/tokens/service-app-secret';
import { WebexProvisioningStack } from '../../infra/webex-provisioning-stack';

// The stack `npm run e2e` deploys (-c e2e=true): the simulator as the Webex, everything destroyed with the stack.
describe('the e2e stack', () => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new WebexProvisioningStack(app, 'WebexProvisioning-E2E', configFromContext(new App({ context: { e2e: 'true' } }).node).stackProps);
  const template = flatTemplate(stack);
  const json = template.toJSON();
  const simulatorFn = stack.node.findChild('E2eSimulator').node.findChild('Simulator');
  const simulatorId = Stack.of(stack).getLogicalId(simulatorFn.node.defaultChild as never);
  const [urlId] = Object.keys(template.findResources('AWS::Lambda::Url'));
  const baseUrl = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [urlId, 'FunctionUrl'] }, 'v1']] };

  it('deploys the simulator behind a function URL with one reserved environment (its org lives in memory)', () => {
    template.resourceCountIs('AWS::Lambda::Url', 1);
    template.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'NONE', TargetFunctionArn: { 'Fn::GetAtt': [simulatorId, 'Arn'] } });
    expect(json.Resources[simulatorId].Properties).toMatchObject({ ReservedConcurrentExecutions: 1, Handler: 'index.handler' });
    // The simulator holds no real secret and talks to no Webex.
    expect(json.Resources[simulatorId].Properties.Environment.Variables[ENV.secretArn]).toBeUndefined();
    template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunctionUrl', FunctionUrlAuthType: 'NONE' });
  });

  it('points every function that talks to Webex at the simulator, and outputs its URL', () => {
    const webexFunctions = Object.values(template.findResources('AWS::Lambda::Function')).filter((f) => f.Properties.Environment?.Variables?.[ENV.baseUrl]);
    expect(webexFunctions.length).toBeGreaterThan(10);
    for (const fn of webexFunctions) expect(fn.Properties.Environment.Variables[ENV.baseUrl]).toEqual(baseUrl);
    expect(json.Outputs.SimulatorUrl.Value).toEqual(baseUrl);
    expect(Object.keys(json.Outputs)).toEqual(expect.arrayContaining(['ApiUrl', 'WebexSecretArn', 'LifecycleEventBusName', 'BulkImportsBucketName']));
    // The teardown stops what still runs in every Standard machine before it empties the bucket.
    const listed = JSON.stringify(json.Outputs.StandardStateMachineArns.Value);
    for (const [id, machine] of Object.entries(stack.workflows.stateMachines)) {
      const ref = JSON.stringify({ Ref: Stack.of(stack).getLogicalId(machine.node.defaultChild as never) });
      expect([id, listed.includes(ref)]).toEqual([id, json.Resources[JSON.parse(ref).Ref].Properties.StateMachineType === 'STANDARD']);
    }
  });

  it("accepts lifecycle events from the scenario's source only: in the rules and in POST /events", () => {
    // The rules that start lifecycle flows; not those sending the suite's own outcomes to people.
    const rules = Object.values(template.findResources('AWS::Events::Rule')).filter(
      (r) => r.Properties.EventPattern?.['detail-type'] && JSON.stringify(r.Properties.EventPattern.source) !== JSON.stringify([LIFECYCLE_RESULT_SOURCE]),
    );
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) expect(r.Properties.EventPattern.source).toEqual([E2E_EVENT_SOURCE]);
    const fn = json.Resources[Stack.of(stack).getLogicalId(stack.api.functions.LifecycleEvents.node.defaultChild as never)];
    expect(fn.Properties.Environment.Variables.LIFECYCLE_ALLOWED_SOURCES).toBe(E2E_EVENT_SOURCE);
  });

  it('destroys everything with the stack (secret, bucket and log groups included) but the Region\'s API Gateway account setting and its role', () => {
    const resources = json.Resources as Record<string, { Type: string; DeletionPolicy?: string }>;
    const retained = Object.entries(resources).filter(([, r]) => r.DeletionPolicy && r.DeletionPolicy !== 'Delete');
    // One account setting per account and Region serves every REST API there: deleting its role would stop their logging.
    expect(retained.map(([, r]) => r.Type).sort()).toEqual(['AWS::ApiGateway::Account', 'AWS::IAM::Role']);
    const account = Object.values(template.findResources('AWS::ApiGateway::Account'))[0];
    expect(account.Properties.CloudWatchRoleArn).toEqual({ 'Fn::GetAtt': [retained.find(([, r]) => r.Type === 'AWS::IAM::Role')![0], 'Arn'] });
    for (const type of ['AWS::SecretsManager::Secret', 'AWS::S3::Bucket', 'AWS::Logs::LogGroup']) {
      for (const r of Object.values(template.findResources(type))) expect(r.DeletionPolicy).toBe('Delete');
    }
  });

  it('is opt-in: the default stack has no simulator and keeps its secret; an e2e stack takes no webexBaseUrl', () => {
    const plain = flatTemplate(new WebexProvisioningStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'WebexProvisioning'));
    plain.resourceCountIs('AWS::Lambda::Url', 0);
    expect(plain.toJSON().Outputs.SimulatorUrl).toBeUndefined();
    for (const r of Object.values(plain.findResources('AWS::SecretsManager::Secret'))) expect(r.DeletionPolicy).toBe('Retain');
    expect(() => new WebexProvisioningStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'X', { e2eSimulator: true, webexBaseUrl: 'https://webexapis.com/v1' })).toThrow(/e2e/);
  });
});
