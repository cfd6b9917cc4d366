import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_FIELDS_IN_EVENT, RECONCILE_PLAN_STEP_TABLE, ReconcilePlanStepInput, planFailedDetail, runPlanStep, type PlanStepContext } from '../../../functions/lib/reconcile/plan-steps';
import { StepError } from '../../../functions/lib/workflows/step-error';

type State = { Type: string; Resource?: string; Parameters?: { step?: string }; Catch?: { ErrorEquals: string[]; Next: string }[]; Next?: string; ErrorPath?: string; CausePath?: string };
const asl = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'statemachines', 'reconcile-plan.asl.json'), 'utf8')) as { States: Record<string, State> };

const refuse = () => {
  throw Object.assign(new Error('not this port'), { name: 'AskedThePort' });
};
const noPorts: PlanStepContext = { env: () => ({}), objectStore: refuse, webex: refuse, activity: refuse };
/** A payload as the function takes it: checked by its taskHandler's schema (here parsed), then run. */
const run = async (payload: unknown) => runPlanStep(noPorts, ReconcilePlanStepInput.parse(payload));

/** A Catch's Cause as Lambda reports a StepError: its payload, whose message is the detail's JSON. */
const lambdaCause = (error: StepError) => JSON.stringify({ errorType: error.name, errorMessage: error.message, trace: ['at planner (create-plan.ts:1:1)'] });

describe('the reconcile plan step table', () => {
  it('holds exactly the steps the ASL sends its task function', () => {
    const sent = Object.values(asl.States)
      .filter((s) => s.Type === 'Task' && s.Resource === '${ReconcilePlanStepsFunctionArn}')
      .map((s) => s.Parameters?.step)
      .sort();
    expect(sent).toEqual(Object.keys(RECONCILE_PLAN_STEP_TABLE).sort());
  });

  it('CreatePlan fails, once its retries are spent, through the Failed event into a Fail state with its own Error and Cause', () => {
    expect(asl.States.CreatePlan.Catch).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'DescribePlanFailure' })]);
    expect(asl.States.DescribePlanFailure.Next).toBe('PublishPlanFailed');
    expect(asl.States.PublishPlanFailed.Catch?.[0].Next).toBe('PlanFailed');
    expect(asl.States.PlanFailed).toMatchObject({ Type: 'Fail', ErrorPath: '$.failure.Error', CausePath: '$.failure.Cause' });
  });

  it('refuses a malformed payload before anything runs, no port touched', async () => {
    await expect(run({ step: 'describeFailure', planId: '' })).rejects.toMatchObject({ name: 'ZodError' });
  });
});

describe("the plan's Failed event", () => {
  const base = { planId: 'p1', executionName: 'plan-p1' };

  it("carries the planner's code, message, status and fields, as POST would answer them, with stage plan and nothing counted", async () => {
    const wire = new StepError('ValidationError', { code: 'ValidationError', message: 'Request validation failed', httpStatus: 400, fields: [{ field: 'lines.3.email', message: 'must be an e-mail address' }] });
    const detail = await run({ step: 'describeFailure', ...base, failure: { Error: 'ValidationError', Cause: lambdaCause(wire) } });
    expect(detail).toEqual({
      stage: 'plan', planId: 'p1', executionName: 'plan-p1', status: 'FAILED', counts: { total: 0, succeeded: 0, failed: 0, skipped: 0 },
      error: { code: 'ValidationError', message: 'Request validation failed', httpStatus: 400, fields: [{ field: 'lines.3.email', message: 'must be an e-mail address' }] },
    });
    expect(JSON.stringify(detail)).not.toContain('trace');
  });

  it(`keeps the first ${MAX_FIELDS_IN_EVENT} fields of a roster with thousands of bad rows, and cuts a long message`, () => {
    const fields = Array.from({ length: 5000 }, (_, i) => ({ field: `lines.${i + 2}.email`, message: 'must be an e-mail address' }));
    const wire = new StepError('ValidationError', { code: 'ValidationError', message: 'x'.repeat(5000), httpStatus: 400, fields });
    const detail = planFailedDetail({ ...base, failure: { Error: 'ValidationError', Cause: lambdaCause(wire) } });
    expect(detail.error.fields).toHaveLength(MAX_FIELDS_IN_EVENT);
    expect(detail.error.fields?.[0].field).toBe('lines.2.email');
    expect(Buffer.byteLength(detail.error.message)).toBeLessThanOrEqual(500);
    expect(detail.error.message.endsWith('…')).toBe(true);
  });

  it('a Lambda timeout or a States.* error without a JSON Cause: its name as the code', () => {
    expect(planFailedDetail({ ...base, failure: { Error: 'Sandbox.Timedout', Cause: 'Task timed out after 900.00 seconds' } }).error).toEqual({
      code: 'Sandbox.Timedout', message: 'Task timed out after 900.00 seconds', httpStatus: 502,
    });
    expect(planFailedDetail({ ...base, failure: {} }).error).toMatchObject({ code: 'States.Runtime', httpStatus: 500 });
  });
});
