import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnableCallingState } from '../../../functions/lib/workflows/calling/parts';
import { assertDeployableDefinition } from '../../../functions/local/local-runner';
import { stateMachine } from '../../../functions/lib/state-machines/definitions';
import { LocalStateMachineRunner } from '../../../functions/local/local-runner';
import { AFTER_WAIT_MARGIN_MS, ENABLE_CALLING_TIMEOUT_SECONDS, runDeadlineMs, waitFitsDeadline } from '../../../functions/lib/workflows/calling/deadline';
import { runEnableCallingStep } from '../../../functions/lib/workflows/calling/steps';
import { toStepError } from '../../../functions/lib/workflows/step-error';
import { WebexApiError } from '../../../functions/lib/webex/errors';
import type { WebexClient } from '../../../functions/lib/webex/client';

const asl = JSON.parse(readFileSync(join(__dirname, '../../../statemachines/enable-calling.asl.json'), 'utf8'));
const request = { user: 'ann@example.com', location: 'HQ', extension: '1234' };
const at = (ms: number) => new Date(ms).toISOString();
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected the step to fail'); }, (e: Error) => e);

describe('the Enable Calling deadline', () => {
  it('is the caller\'s deadline or the machine\'s own timeout from its start, whichever is first', () => {
    expect(asl.TimeoutSeconds).toBe(ENABLE_CALLING_TIMEOUT_SECONDS);
    const now = Date.parse('2026-12-01T10:00:00Z');
    const state = (extra: object) => ({ request, ...extra }) as EnableCallingState;
    expect(runDeadlineMs(state({}))).toBeUndefined();
    expect(runDeadlineMs(state({ startedAt: at(now) }))).toBe(now + ENABLE_CALLING_TIMEOUT_SECONDS * 1000);
    expect(runDeadlineMs(state({ startedAt: at(now), deadline: at(now + 26_000) }))).toBe(now + 26_000);
    expect(waitFitsDeadline(state({ startedAt: at(now), deadline: at(now + 26_000) }), 21, now)).toBe(true);
    expect(waitFitsDeadline(state({ startedAt: at(now), deadline: at(now + 26_000) }), 26 - AFTER_WAIT_MARGIN_MS / 1000 + 1, now)).toBe(false);
    expect(waitFitsDeadline(state({ startedAt: at(now - 230_000) }), 10, now)).toBe(false);
    expect(waitFitsDeadline(state({}), 3_600, now)).toBe(true);
  });

  it('a rate-limited step whose Retry-After passes the deadline says so; a move job still running at it is a MoveJobTimeoutError', async () => {
    const soon = at(Date.now() + 10_000);
    const limited = { get: async () => { throw new WebexApiError({ status: 429, method: 'GET', path: '/people', retryAfterSeconds: 30 }); } } as unknown as WebexClient;
    const error = await failure(runEnableCallingStep({ client: limited, defaultLicense: 'x' }, { step: 'resolveUser', state: { request, startedAt: at(Date.now()), deadline: soon } }));
    expect(error.name).toBe('WebexRateLimitedError');
    expect(JSON.parse(error.message)).toMatchObject({ httpStatus: 429, retryAfterSeconds: 30, deadlineReached: true });
    const later = await failure(runEnableCallingStep({ client: limited, defaultLicense: 'x' }, { step: 'resolveUser', state: { request, startedAt: at(Date.now()), deadline: at(Date.now() + 60_000) } }));
    expect(JSON.parse(later.message).deadlineReached).toBeUndefined();

    const job = { id: 'J1', latestExecutionStatus: 'STARTED', trackingId: 't' };
    const moving = { get: async () => ({ status: 200, data: job, headers: { get: () => null } }) } as unknown as WebexClient;
    const state = { request: { ...request, move: true }, startedAt: at(Date.now()), deadline: at(Date.now() + 6_000), user: { id: 'P1', email: 'ann@example.com', licenses: [], calling: { enabled: true } }, location: { id: 'L1', name: 'HQ' }, moveJob: { id: 'J1', status: 'STARTED', phase: 'running', polls: 1 } };
    const timeout = await failure(runEnableCallingStep({ client: moving, defaultLicense: 'x' }, { step: 'checkMoveJob', state: state as never }));
    expect(timeout.name).toBe('MoveJobTimeoutError');
    expect(JSON.parse(timeout.message)).toMatchObject({ httpStatus: 504, message: expect.stringMatching(/still running at the workflow's deadline/) });
  });

  it('the machine stops at once on such a 429 (no Retry-After wait, nothing undone), as WorkflowDeadlineReached', async () => {
    const steps: string[] = [];
    const handler = async (event: unknown) => {
      const { step, state } = event as { step: string; state: { failure?: { Error: string } } };
      steps.push(step);
      if (step === 'resolveUser') {
        const wire = toStepError(new WebexApiError({ status: 429, method: 'GET', path: '/people', retryAfterSeconds: 60 }));
        throw Object.assign(wire, { message: JSON.stringify({ ...wire.detail, deadlineReached: true }) });
      }
      if (step === 'buildFailure') return { errorName: state.failure?.Error, causeJson: '{}' };
      return {};
    };
    // Waits take no time here: had the machine waited out the 429, it would have run resolveUser again.
    const runner = new LocalStateMachineRunner(stateMachine('EnableCalling'), { EnableCallingStepsFunctionArn: handler }, { fastWaits: true });
    const outcome = await runner.run({ request, deadline: at(Date.now() + 20_000) }, { executionName: 'deadline-1' });
    expect(outcome).toMatchObject({ status: 'FAILED', error: 'WorkflowDeadlineReached' });
    expect(steps).toEqual(['resolveUser', 'buildFailure']);
  });

  it('an Express definition without a TimeoutSeconds within 5 minutes is refused, as AWS refuses it', () => {
    const def = { type: 'EXPRESS' as const, definitionFile: 'x.asl.json' };
    expect(() => assertDeployableDefinition(def, { ...asl, TimeoutSeconds: 301 })).toThrow(/at most 300/);
    expect(() => assertDeployableDefinition(def, { ...asl, TimeoutSeconds: undefined })).toThrow(/at most 300/);
    expect(() => assertDeployableDefinition({ ...def, type: 'STANDARD' }, { ...asl, TimeoutSeconds: 86_400 })).not.toThrow();
    expect(() => assertDeployableDefinition(def, asl)).not.toThrow();
  });
});
