import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  RECONCILE_APPLY_CHECK_TABLE,
  RECONCILE_APPLY_STEPS_TABLE,
  ReconcileApplyCheckInput,
  ReconcileApplyStepsInput,
  runApplyCheckStep,
  runApplyStepsStep,
  type ApplyCheckContext,
  type ApplyStepsContext,
} from '../../../functions/lib/reconcile/apply-steps';
import { stateMachine } from '../../../functions/lib/state-machines/definitions';

type State = { Type: string; Resource?: string; Parameters?: { step?: string }; ItemProcessor?: { States: Record<string, State> } };
const asl = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'statemachines', 'reconcile-apply.asl.json'), 'utf8')) as { States: Record<string, State> };

function* tasks(states: Record<string, State>): Generator<State> {
  for (const state of Object.values(states)) {
    if (state.Type === 'Task') yield state;
    if (state.ItemProcessor) yield* tasks(state.ItemProcessor.States);
  }
}
const sentTo = (substitution: string) => [...new Set([...tasks(asl.States)].filter((s) => s.Resource === `\${${substitution}}`).map((s) => s.Parameters?.step as string))].sort();

const refuse = () => {
  throw Object.assign(new Error('not this port'), { name: 'AskedThePort' });
};
const noBucket: ApplyStepsContext = { env: () => ({}), objectStore: refuse, activity: refuse, pacing: refuse };
const noWebex: ApplyCheckContext = { client: refuse };
/** A payload as each function takes it: checked by its taskHandler's schema (here parsed), then run. */
const runSteps = async (payload: unknown) => runApplyStepsStep(noBucket, ReconcileApplyStepsInput.parse(payload));
const runCheck = async (payload: unknown) => runApplyCheckStep(noWebex, ReconcileApplyCheckInput.parse(payload));

describe('the reconcile apply step table', () => {
  it('holds, per task function, exactly the steps the ASL sends it, and the machine row has both functions', () => {
    expect(sentTo('ReconcileApplyStepsFunctionArn')).toEqual(Object.keys(RECONCILE_APPLY_STEPS_TABLE).sort());
    expect(sentTo('ReconcileApplyCheckFunctionArn')).toEqual(Object.keys(RECONCILE_APPLY_CHECK_TABLE).sort());
    // No step is in both tables: each Task state's step is run by one function.
    expect(Object.keys(RECONCILE_APPLY_STEPS_TABLE).filter((s) => s in RECONCILE_APPLY_CHECK_TABLE)).toEqual([]);
    expect(stateMachine('ReconcileApply').taskFunctions.map((f) => f.substitution)).toEqual(['ReconcileApplyStepsFunctionArn', 'ReconcileApplyCheckFunctionArn']);
    // The function that reads the bucket never calls Webex; the one that calls Webex reads no bucket.
    const [steps, check] = stateMachine('ReconcileApply').taskFunctions;
    expect(steps).toMatchObject({ webex: false, importsBucket: 'readWrite', bulkBudget: true, pacing: true });
    expect(check.importsBucket).toBeUndefined();
  });

  it("checks each step's payload before anything runs: a malformed one is refused, no port touched", async () => {
    await expect(runCheck({ step: 'checkAction', action: { kind: 'leave' } })).rejects.toMatchObject({ name: 'ZodError' });
    await expect(runSteps({ step: 'prepare', planId: 'x', executionName: 'n', extra: 1 })).rejects.toMatchObject({ name: 'ZodError' });
    await expect(runSteps({ step: 'paceAction', requests: 0 })).rejects.toMatchObject({ name: 'ZodError' });
    // A function is given only its own steps.
    await expect(runSteps({ step: 'checkAction', action: { kind: 'leave' } })).rejects.toMatchObject({ name: 'ZodError' });
    await expect(runCheck({ step: 'describeFailure', index: 3, failure: {} })).rejects.toMatchObject({ name: 'ZodError' });
  });

  it('describes a failure without any port', async () => {
    await expect(runSteps({ step: 'describeFailure', index: 3, failure: { Error: 'States.Timeout' } })).resolves.toMatchObject({
      index: 3,
      status: 'failed',
      error: { code: 'States.Timeout' },
    });
  });
});
