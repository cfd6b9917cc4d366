import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { configFromContext } from '../../infra/config';
import { DASHBOARD_WIDGETS } from '../../infra/constructs/operations-dashboard';
import { WebexProvisioningStack, type WebexProvisioningStackProps } from '../../infra/webex-provisioning-stack';
import { appAsDeployed } from '../support/cdk-app';

function synth(props: WebexProvisioningStackProps = {}, context: Record<string, unknown> = {}) {
  const app = appAsDeployed(context);
  const stack = new WebexProvisioningStack(app, 'WebexProvisioning', { ...configFromContext(app.node).stackProps, ...props });
  return { stack, template: Template.fromStack(stack) };
}

/** A dashboard body as CloudFormation will write it, references shown as `<Ref:Id>` / `<GetAtt:Id.Attr>`. */
function dashboardBody(template: Template): { widgets: { properties: { title: string; metrics?: unknown[][]; annotations?: unknown } }[] } {
  const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
  const flat = (v: unknown): string => {
    if (typeof v === 'string') return v;
    const o = v as Record<string, unknown>;
    if (o['Fn::Join']) return (o['Fn::Join'] as [string, unknown[]])[1].map(flat).join((o['Fn::Join'] as [string])[0]);
    if (o.Ref) return `<Ref:${o.Ref}>`;
    if (o['Fn::GetAtt']) return `<GetAtt:${(o['Fn::GetAtt'] as string[]).join('.')}>`;
    return JSON.stringify(v);
  };
  return JSON.parse(flat(dashboard.Properties.DashboardBody));
}

const widget = (template: Template, title: string) => {
  const found = dashboardBody(template).widgets.find((w) => w.properties.title === title);
  if (!found) throw new Error(`no widget ${title}`);
  return { ...found.properties, text: JSON.stringify(found.properties) };
};
const machineRef = (stack: WebexProvisioningStack, id: string) => `<Ref:${Stack.of(stack).getLogicalId(stack.workflows.stateMachines[id].node.defaultChild as never)}>`;

describe('the operations dashboard', () => {
  const { stack, template } = synth();

  it('exists once, with one widget for each thing to watch', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const titles = dashboardBody(template).widgets.map((w) => w.properties.title);
    expect(titles.sort()).toEqual(Object.values(DASHBOARD_WIDGETS).sort());
  });

  it('lifecycle outcomes by kind: each lifecycle machine\'s succeeded and failed executions', () => {
    const w = widget(template, DASHBOARD_WIDGETS.lifecycle);
    for (const id of ['Joiner', 'Mover', 'Leaver']) {
      expect(w.text).toContain(machineRef(stack, id));
      expect(w.text).toContain(`${id} failed`);
      expect(w.text).toContain(`${id} succeeded`);
    }
    expect(w.text).toContain('ExecutionsFailed');
  });

  it('Webex 429 / 5xx / no answer and latency, from the client\'s metrics (service webex-client)', () => {
    const errors = widget(template, DASHBOARD_WIDGETS.webexErrors).text;
    for (const name of ['WebexRateLimited', 'WebexServerError', 'WebexNoAnswer']) expect(errors).toContain(name);
    expect(errors).toContain('webex-client');
    const latency = widget(template, DASHBOARD_WIDGETS.webexLatency).text;
    expect(latency).toContain('WebexRequestLatency');
    expect(latency).toContain('p99');
  });

  it('token days left (the rotator\'s), the dead-letter queue, bulk and apply runs', () => {
    const tokens = widget(template, DASHBOARD_WIDGETS.tokens).text;
    expect(tokens).toContain('RefreshTokenDaysLeft');
    expect(tokens).toContain('AccessTokenDaysLeft');
    const dlq = widget(template, DASHBOARD_WIDGETS.dlq).text;
    expect(dlq).toContain('ApproximateNumberOfMessagesVisible');
    expect(dlq).toContain(Stack.of(stack).getLogicalId(stack.lifecycle.deadLetterQueue.node.defaultChild as never));
    const bulk = widget(template, DASHBOARD_WIDGETS.bulk).text;
    for (const id of ['BulkJoiners', 'BulkJoinersCsv', 'ReconcileApply']) expect(bulk).toContain(machineRef(stack, id));
    for (const metric of ['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed']) expect(bulk).toContain(metric);
  });

  it('free numbers per location: a SEARCH over every location\'s FreeNumbers, the lowest, and the watermark', () => {
    const w = widget(template, DASHBOARD_WIDGETS.pools);
    expect(w.text).toContain('SEARCH(');
    expect(w.text).toContain('FreeNumbers');
    expect(w.text).toContain('LowestFreeNumbers');
    expect(w.annotations).toEqual({ horizontal: [expect.objectContaining({ value: 5 })] });
  });

  it('the scheduled DLQ joins the widget when the nightly plan is set', () => {
    const scheduled = synth({ reconcileSchedule: { expression: 'cron(0 2 * * ? *)', key: 'rosters/nightly.csv', scope: { emailDomains: ['example.com'] } } });
    expect(widget(scheduled.template, DASHBOARD_WIDGETS.dlq).text).toContain('scheduled reconciliation');
  });
});

describe('the daily count of free numbers and its alarm', () => {
  const { stack, template } = synth();
  const fnId = Stack.of(stack).getLogicalId(stack.numberPools.function.node.defaultChild as never);

  it('runs once a day on EventBridge Scheduler, with the watermark in its environment and the secret read through the extension', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 5 * * ? *)',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [fnId, 'Arn'] } }),
    });
    const fn = template.toJSON().Resources[fnId].Properties;
    expect(fn.Environment.Variables).toMatchObject({ NUMBER_POOL_LOW_WATERMARK: '5', WEBEX_SECRET_READER: 'extension' });
  });

  it('may read the secret and nothing more: no write to it', () => {
    const roleRef = template.toJSON().Resources[fnId].Properties.Role['Fn::GetAtt'][0];
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleRef));
    const actions = policies.flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()));
    expect(actions).toContain('secretsmanager:GetSecretValue');
    expect(actions.filter((a: string) => /Put|Update|Create|Delete/.test(a) && !a.startsWith('xray:'))).toEqual([]);
  });

  it('alarms to the alarm topic when the lowest pool of any location falls under the watermark (one alarm for all)', () => {
    const alarms = template.findResources('AWS::CloudWatch::Alarm', {
      Properties: { MetricName: 'LowestFreeNumbers', Namespace: 'WebexProvisioning', Dimensions: [{ Name: 'service', Value: 'number-pool' }] },
    });
    const [alarm] = Object.values(alarms);
    expect(Object.keys(alarms)).toHaveLength(1);
    expect(alarm.Properties).toMatchObject({ Threshold: 5, ComparisonOperator: 'LessThanThreshold', Statistic: 'Minimum', Period: 86400, EvaluationPeriods: 1 });
    const topicId = Stack.of(stack).getLogicalId(stack.rotation.alarmTopic.node.defaultChild as never);
    expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    expect(JSON.stringify(alarm.Properties.AlarmDescription)).toContain('number pools low');
  });

  it('takes its threshold from the numberPoolLowWatermark context key, and refuses a bad one naming it', () => {
    const { template: t } = synth({}, { numberPoolLowWatermark: '12' });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'LowestFreeNumbers', Threshold: 12 });
    expect(() => synth({ numberPoolLowWatermark: 0 })).toThrow(/numberPoolLowWatermark/);
    expect(() => synth({}, { numberPoolLowWatermark: 'many' })).toThrow(/numberPoolLowWatermark/);
  });
});

describe('the alarm topic', () => {
  it('is named for what it carries: every alarm and the failures people must act on', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::SNS::Topic', { DisplayName: 'Webex provisioning: alarms and failures' });
  });
});
