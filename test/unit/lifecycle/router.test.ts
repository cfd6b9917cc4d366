import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { executionNameForEvent, routeLifecycleEvent } from '../../../functions/lib/lifecycle/router';
import { ValidationError } from '../../../functions/lib/errors';
import { SfnExecutionStarter } from '../../../functions/lib/aws/sfn-execution-starter';
import { LifecycleEvent } from '../../../functions/lib/schemas/lifecycle-events';
import { StateMachineStartError } from '../../../functions/lib/errors';

describe('executionNameForEvent', () => {
  it('is the prefix and the event id for EventBridge ids', () => {
    expect(executionNameForEvent('joiner', '6a7e8feb-b491-4cf7-a9f1-bf3703467718')).toBe('joiner-6a7e8feb-b491-4cf7-a9f1-bf3703467718');
  });

  it('is deterministic, a valid Step Functions name (≤ 80 of [A-Za-z0-9_-]) and never merges two ids', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300 }), fc.string({ minLength: 1, maxLength: 300 }), (a, b) => {
        const na = executionNameForEvent('leaver', a);
        expect(na).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
        expect(executionNameForEvent('leaver', a)).toBe(na);
        if (a !== b) expect(executionNameForEvent('leaver', b)).not.toBe(na);
      }),
    );
    // Ids a lossy clean-up would merge stay apart.
    expect(executionNameForEvent('joiner', 'a:b')).not.toBe(executionNameForEvent('joiner', 'ab'));
  });
});

describe('routeLifecycleEvent', () => {
  const left = (detail: object) => LifecycleEvent.parse({ id: 'e1', source: 'hr', 'detail-type': 'Webex User Left', detail });

  it('fills in the deployment default leaver policy unless the event names one', () => {
    expect(routeLifecycleEvent(left({ email: 'a@example.com' }), { LIFECYCLE_DEFAULT_LEAVER_POLICY: 'delete' }).input.detail).toMatchObject({ policy: 'delete', policySource: 'default' });
    expect(routeLifecycleEvent(left({ email: 'a@example.com', policy: 'deactivate' }), { LIFECYCLE_DEFAULT_LEAVER_POLICY: 'delete' }).input.detail).toMatchObject({ policy: 'deactivate', policySource: 'event' });
    expect(() => routeLifecycleEvent(left({ email: 'a@example.com' }), { LIFECYCLE_DEFAULT_LEAVER_POLICY: 'shred' })).toThrow(/LIFECYCLE_DEFAULT_LEAVER_POLICY/);
    // removeCalling: from the deployment's default as from the event.
    expect(routeLifecycleEvent(left({ email: 'a@example.com' }), { LIFECYCLE_DEFAULT_LEAVER_POLICY: 'removeCalling' }).input.detail).toMatchObject({ policy: 'removeCalling', policySource: 'default' });
    expect(routeLifecycleEvent(left({ email: 'a@example.com', policy: 'removeCalling' }), {}).input.detail).toMatchObject({ policy: 'removeCalling', policySource: 'event' });
  });

  it('routes joiners to Joiner (auto-assigning a number by default) and movers to Mover', () => {
    const joined = LifecycleEvent.parse({ id: 'e2', source: 'hr', 'detail-type': 'Webex User Joined', detail: { email: 'j@example.com', firstName: 'J', location: 'HQ' } });
    expect(routeLifecycleEvent(joined, {})).toMatchObject({ stateMachine: 'Joiner', executionName: 'joiner-e2', input: { origin: { eventId: 'e2', source: 'hr' }, detail: { autoAssignNumber: true } } });
    const moved = LifecycleEvent.parse({ id: 'e3', source: 'hr', 'detail-type': 'Webex User Moved', detail: { email: 'm@example.com', location: 'Branch' } });
    expect(routeLifecycleEvent(moved, {})).toMatchObject({ stateMachine: 'Mover', executionName: 'mover-e3' });
  });
});

describe('the event envelope', () => {
  const event = (envelope: Record<string, unknown>) => ({ id: 'e1', source: 'hr.workday', 'detail-type': 'Webex User Left', detail: { email: 'a@example.com' }, ...envelope });
  const issues = (input: unknown) => {
    const parsed = LifecycleEvent.safeParse(input);
    return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
  };

  it('takes the id as sent: surrounding white space is refused, so ` ab` and `ab` never share an execution', () => {
    for (const id of [' ab', 'ab ', '\tab', 'ab\n', ' ']) expect(issues(event({ id }))).toEqual(['id']);
    expect(issues(event({ id: 'a b' }))).toEqual([]);
    expect(executionNameForEvent('leaver', LifecycleEvent.parse(event({ id: 'a b' })).id)).not.toBe(executionNameForEvent('leaver', 'ab'));
  });

  it('refuses a source outside letters, digits and . _ - / (starting with a letter or digit, at most 256)', () => {
    for (const source of [' hr', 'hr ', 'hr workday', 'hr"x', "hr'x", 'hr\u202ex', 'hr\nx', '.hr', '-hr', '', 'a'.repeat(257), 'hr:x', 'hr*']) {
      expect(issues(event({ source }))).toEqual(['source']);
    }
    for (const source of ['hr', 'hr.workday', 'com.example.hr-system_2', 'aws.partner/okta.com/example/lifecycle', 'a'.repeat(256)]) {
      expect(issues(event({ source }))).toEqual([]);
    }
  });

  it('accepts what an archive replay adds (`replay-name`), and only a replay name', () => {
    expect(issues(event({ 'replay-name': 'replay-2026-12-01.a_b' }))).toEqual([]);
    expect(issues(event({ 'replay-name': 'not a name' }))).toEqual(['replay-name']);
    expect(issues(event({ 'replay-name': 'r'.repeat(65) }))).toEqual(['replay-name']);
    expect(issues(event({ replay: 'x' }))).not.toEqual([]);
  });

  it('routes only the allowed sources when the deployment names them (LIFECYCLE_ALLOWED_SOURCES)', () => {
    const parsed = LifecycleEvent.parse(event({}));
    const env = { LIFECYCLE_ALLOWED_SOURCES: 'okta, hr.workday' };
    expect(routeLifecycleEvent(parsed, env).input.origin.source).toBe('hr.workday');
    const other = LifecycleEvent.parse(event({ source: 'hr.workdays' }));
    expect(() => routeLifecycleEvent(other, env)).toThrow(ValidationError);
    try {
      routeLifecycleEvent(other, env);
    } catch (error) {
      expect((error as ValidationError).fields).toEqual([{ field: 'source', message: expect.stringMatching(/not a source this deployment accepts/) }]);
      // The allowed list is configuration: not told to whoever sent the wrong source.
      expect((error as Error).message).not.toMatch(/okta|hr\.workday\b/);
    }
    expect(routeLifecycleEvent(other, {}).input.origin.source).toBe('hr.workdays');
  });
});

describe('SfnExecutionStarter', () => {
  const sfn = mockClient(SFNClient);
  const env = { JOINER_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:123456789012:stateMachine:Joiner' };
  beforeEach(() => sfn.reset());

  it('StartExecution with the derived name and the input as JSON', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:x', startDate: new Date() });
    const res = await new SfnExecutionStarter(new SFNClient({}), env).start('Joiner', { a: 1 }, 'joiner-e1');
    expect(res).toEqual({ stateMachine: 'Joiner', executionName: 'joiner-e1', executionArn: 'arn:x', status: 'STARTED' });
    expect(sfn.commandCalls(StartExecutionCommand)[0].args[0].input).toEqual({ stateMachineArn: env.JOINER_STATE_MACHINE_ARN, name: 'joiner-e1', input: '{"a":1}' });
  });

  it('the same name and input while it runs: StartExecution answers success with the running execution (its startDate): DUPLICATE', async () => {
    const arn = 'arn:aws:states:us-east-1:123456789012:execution:Joiner:joiner-e1';
    sfn.on(StartExecutionCommand).resolves({ executionArn: arn, startDate: new Date(Date.now() - 60_000) });
    const res = await new SfnExecutionStarter(new SFNClient({}), env).start('Joiner', { a: 1 }, 'joiner-e1');
    expect(res).toMatchObject({ status: 'DUPLICATE', executionArn: arn });
    // A startDate from the moment of the request is a new execution, whatever the clocks' small skew.
    sfn.on(StartExecutionCommand).resolves({ executionArn: arn, startDate: new Date(Date.now() - 100) });
    expect(await new SfnExecutionStarter(new SFNClient({}), env).start('Joiner', { a: 1 }, 'joiner-e1')).toMatchObject({ status: 'STARTED' });
  });

  it('a name already used is a duplicate (a redelivered event), not an error', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'Execution Already Exists', $metadata: {} }));
    const res = await new SfnExecutionStarter(new SFNClient({}), env).start('Joiner', {}, 'joiner-e1');
    expect(res).toMatchObject({ status: 'DUPLICATE', executionArn: 'arn:aws:states:us-east-1:123456789012:execution:Joiner:joiner-e1' });
  });

  it('throttling is a StateMachineStartError (Lambda async retries repeat it); a missing ARN is a configuration error', async () => {
    sfn.on(StartExecutionCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(new SfnExecutionStarter(new SFNClient({}), env).start('Joiner', {}, 'n')).rejects.toBeInstanceOf(StateMachineStartError);
    await expect(new SfnExecutionStarter(new SFNClient({}), {}).start('Joiner', {}, 'n')).rejects.toThrow(/JOINER_STATE_MACHINE_ARN is not set/);
  });
});
