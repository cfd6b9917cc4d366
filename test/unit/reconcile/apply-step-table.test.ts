import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RECONCILE_APPLY_STEP_TABLE, applyStepsOf, runApplyStep, type ApplyStepContext } from '../../../functions/lib/reconcile/apply-steps';
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
const noPorts: ApplyStepContext = { env: () => ({}), objectStore: refuse, client: refuse };

describe('the reconcile apply step table', () => {
  it('holds exactly the steps the ASL sends each of its two task functions, and the machine row has both functions', () => {
    expect(sentTo('ReconcileApplyStepsFunctionArn')).toEqual(applyStepsOf('steps').sort());
    expect(sentTo('ReconcileApplyCheckFunctionArn')).toEqual(applyStepsOf('check').sort());
    expect(Object.keys(RECONCILE_APPLY_STEP_TABLE).sort()).toEqual([...applyStepsOf('steps'), ...applyStepsOf('check')].sort());
    expect(stateMachine('ReconcileApply').taskFunctions.map((f) => f.substitution)).toEqual(['ReconcileApplyStepsFunctionArn', 'ReconcileApplyCheckFunctionArn']);
    // The function that reads the bucket never calls Webex; the one that calls Webex reads no bucket.
    const [steps, check] = stateMachine('ReconcileApply').taskFunctions;
    expect(steps).toMatchObject({ webex: false, importsBucket: 'readWrite', bulkBudget: true });
    expect(check.importsBucket).toBeUndefined();
  });

  it("checks each step's payload before anything runs: a malformed one is refused as a StepError, no port touched", async () => {
    await expect(runApplyStep(noPorts, { step: 'checkAction', action: { kind: 'leave' } })).rejects.toMatchObject({ name: 'ZodError' });
    await expect(runApplyStep(noPorts, { step: 'prepare', planId: 'x', executionName: 'n', startedAt: 'now', extra: 1 })).rejects.toMatchObject({ name: 'ZodError' });
  });

  it('describes a failure without any port', async () => {
    await expect(runApplyStep(noPorts, { step: 'describeFailure', index: 3, failure: { Error: 'States.Timeout' } })).resolves.toMatchObject({
      index: 3,
      status: 'failed',
      error: { code: 'States.Timeout' },
    });
  });
});
