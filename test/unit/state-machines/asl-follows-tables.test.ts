import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BULK_JOINERS_CSV_STEP_TABLE } from '../../../functions/lib/bulk/csv-joiners-steps';
import { BULK_JOINERS_STEP_TABLE } from '../../../functions/lib/bulk/joiners-steps';
import { RECONCILE_APPLY_CHECK_TABLE, RECONCILE_APPLY_STEPS_TABLE } from '../../../functions/lib/reconcile/apply-steps';
import { RECONCILE_PLAN_STEP_TABLE } from '../../../functions/lib/reconcile/plan-steps';
import { SCIM_APPLY_STEP_TABLE } from '../../../functions/lib/scim/apply-steps';
import { stateMachines, type StateMachineDefinition } from '../../../functions/lib/state-machines/definitions';
import { ENABLE_CALLING_STEP_TABLE } from '../../../functions/lib/workflows/calling/steps';
import type { CallingPath } from '../../../functions/lib/workflows/calling/step-def';
import { LIFECYCLE_PATHS, LIFECYCLE_STEP_TABLE } from '../../../functions/lib/workflows/lifecycle/steps';
import { aslProblems, type Asl, type ResumePath, type RowDeclarations, type TableAndAsl } from '../../support/asl-follows-table';

/**
 * Every step table against the ASL of the machines whose Task states send its steps
 * (test/support/asl-follows-table.ts says what is checked). A step is its row and its Task state: a row
 * without its state, a Task whose Retry/Catch is not what its row says, or a Resume branch out of the
 * table's order fails here, naming the step.
 */
const root = join(__dirname, '..', '..', '..');
const aslFile = (file: string): Asl => JSON.parse(readFileSync(join(root, file), 'utf8'));

type Spec = Omit<TableAndAsl, 'asls' | 'resource'>;

const callingTable: Record<string, RowDeclarations & { writes: string; shown?: { paths: readonly CallingPath[] } }> = ENABLE_CALLING_STEP_TABLE;
/** Enable Calling's paths are its rows' own (`shown.paths`); after a failure, the run compensates. */
const callingPaths = (table: typeof callingTable): Record<string, ResumePath> => ({
  enable: { steps: Object.keys(table).filter((s) => table[s].shown?.paths.includes('enable')), state: {} },
  move: { steps: Object.keys(table).filter((s) => table[s].shown?.paths.includes('move')), state: {} },
  failure: { steps: ['compensate'], state: { failure: { Error: 'WebexApiError', Cause: '{}' } } },
});
/** What the Choices read of a done step: the path it decided, a move job running until checkMoveJob saw it end. */
const callingDone = (step: string, path: string): unknown =>
  ({
    checkCurrentCalling: path === 'move' ? { alreadyEnabled: false, move: true } : { alreadyEnabled: false },
    startMoveJob: { phase: 'running' },
    checkMoveJob: { phase: 'completed' },
  })[step];
const callingSpec = (table = callingTable): Spec => ({
  table,
  resumePaths: { 'statemachines/enable-calling.asl.json': callingPaths(table) },
  done: callingDone,
});

const flow = (steps: readonly string[], state: Record<string, unknown> = {}): ResumePath => ({ steps, state });
const leaver = (policy: string) => ({ detail: { email: 'a@example.com', policy } });
const lifecycleSpec: Spec = {
  table: LIFECYCLE_STEP_TABLE,
  resumePaths: {
    'statemachines/joiner.asl.json': { joiner: flow(LIFECYCLE_PATHS.joiner) },
    'statemachines/mover.asl.json': { mover: flow(LIFECYCLE_PATHS.mover) },
    'statemachines/leaver.asl.json': {
      delete: flow(LIFECYCLE_PATHS.leaverDelete, leaver('delete')),
      deactivate: flow(LIFECYCLE_PATHS.leaverDeactivate, leaver('deactivate')),
      removeCalling: flow(LIFECYCLE_PATHS.leaverRemoveCalling, leaver('removeCalling')),
    },
  },
};

/** Each task function's table, by its substitution in the ASL. */
const SPECS: Record<string, Spec> = {
  EnableCallingStepsFunctionArn: callingSpec(),
  LifecycleStepsFunctionArn: lifecycleSpec,
  BulkJoinersStepsFunctionArn: { table: BULK_JOINERS_STEP_TABLE },
  BulkJoinersCsvStepsFunctionArn: { table: BULK_JOINERS_CSV_STEP_TABLE },
  ReconcilePlanStepsFunctionArn: { table: RECONCILE_PLAN_STEP_TABLE },
  ReconcileApplyStepsFunctionArn: { table: RECONCILE_APPLY_STEPS_TABLE },
  ReconcileApplyCheckFunctionArn: { table: RECONCILE_APPLY_CHECK_TABLE },
  ScimApplyStepsFunctionArn: { table: SCIM_APPLY_STEP_TABLE },
};

/** The table with the ASL files of every machine whose Task states call its function. */
function withAsls(substitution: string, spec: Spec, asls?: Record<string, Asl>): TableAndAsl {
  const files = [...new Set(stateMachines.filter((m) => m.taskFunctions.some((f) => f.substitution === substitution)).map((m) => m.definitionFile))];
  return { ...spec, resource: `\${${substitution}}`, asls: asls ?? Object.fromEntries(files.map((f) => [f, aslFile(f)])) };
}

describe('every step table against its ASL', () => {
  it('covers every task function of every state machine', () => {
    const functions = [...new Set(stateMachines.flatMap((m) => m.taskFunctions.map((f) => f.substitution)))];
    expect(Object.keys(SPECS).sort()).toEqual(functions.sort());
  });

  it.each(Object.keys(SPECS))('%s: every row has its Task state, its Retry/Catch as the row says, and Resume in the table’s order', (substitution) => {
    expect(aslProblems(withAsls(substitution, SPECS[substitution]))).toEqual([]);
  });

  it('a function the stack builds without Webex (webex: false) has no row that calls Webex, and the others have one', () => {
    for (const m of stateMachines as readonly StateMachineDefinition[]) {
      for (const f of m.taskFunctions) {
        const webexRows = Object.entries(SPECS[f.substitution].table).filter(([, r]) => r.webex !== undefined).map(([step]) => step);
        expect([f.id, f.webex === false ? webexRows : webexRows.length > 0]).toEqual([f.id, f.webex === false ? [] : true]);
      }
    }
  });
});

describe('the check names the step', () => {
  const callingAsl = () => aslFile('statemachines/enable-calling.asl.json') as Asl & { States: Record<string, any> };
  const calling = (table: typeof callingTable, asl = callingAsl()) =>
    aslProblems(withAsls('EnableCallingStepsFunctionArn', callingSpec(table), { 'statemachines/enable-calling.asl.json': asl }));
  const dummy = { webex: { calls: ['GET /people/{id}'] as const }, writes: 'calling', run: () => undefined, shown: { paths: ['enable'] as const, status: 'completed', detail: () => undefined } };

  it('a row added without its Task state', () => {
    expect(calling({ ...callingTable, checkVoicemail: dummy })).toEqual([
      expect.stringMatching(/^checkVoicemail: no Task state sends it/),
      expect.stringMatching(/^checkVoicemail: on the enable path of .*, which has no Task state sending it/),
    ]);
  });

  it('a row added with its Task state but no Resume branch: a run limited there would go back to the step before', () => {
    const asl = callingAsl();
    asl.States.CheckVoicemail = { ...asl.States.VerifyCalling, Parameters: { step: 'checkVoicemail', 'state.$': '$' }, ResultPath: '$.voicemail' };
    asl.States.VerifyCalling.Next = 'CheckVoicemail';
    expect(calling({ ...callingTable, checkVoicemail: dummy }, asl)).toEqual([
      expect.stringMatching(/^checkVoicemail: on the enable path of .*, a run rate-limited at CheckVoicemail resumes at VerifyCalling/),
    ]);
  });

  it('two Resume branches swapped', () => {
    const asl = callingAsl();
    const choices = asl.States.Resume.Choices as { Next: string }[];
    const license = choices.findIndex((c) => c.Next === 'ResolveLicense');
    const number = choices.findIndex((c) => c.Next === 'ChooseNumber');
    [choices[license], choices[number]] = [choices[number], choices[license]];
    expect(calling(callingTable, asl)).toEqual([expect.stringMatching(/^resolveLicense: on the enable path of .*, a run rate-limited at ResolveLicense resumes at ChooseNumber/)]);
  });

  it('a move branch placed after the enable path’s', () => {
    const asl = callingAsl();
    const choices = asl.States.Resume.Choices as { Next: string }[];
    const [validate] = choices.splice(choices.findIndex((c) => c.Next === 'ValidateMove'), 1);
    choices.push(validate);
    expect(calling(callingTable, asl)).toEqual([expect.stringMatching(/^validateMove: on the move path .* resumes at StartMoveJob/)]);
  });

  it('a lifecycle Resume branch out of order (leaver)', () => {
    const leaver = aslFile('statemachines/leaver.asl.json') as Asl & { States: Record<string, any> };
    leaver.States.Resume.Choices.reverse();
    const asls = { ...withAsls('LifecycleStepsFunctionArn', lifecycleSpec).asls, 'statemachines/leaver.asl.json': leaver };
    const problems = aslProblems(withAsls('LifecycleStepsFunctionArn', lifecycleSpec, asls));
    expect(problems).toContainEqual(expect.stringMatching(/^leaverFindUser: on the delete path of statemachines\/leaver.asl.json, a run rate-limited at FindUser resumes at RemoveCallingLicense/));
  });

  it('a Task whose Retry/Catch is not what its row says', () => {
    const { webex: _, ...withoutWebex } = callingTable.verifyCalling;
    expect(calling({ ...callingTable, verifyCalling: withoutWebex })).toEqual([
      expect.stringMatching(/^verifyCalling: .* VerifyCalling handles WebexServerError, WebexNetworkError, WebexRateLimitedError, but its row declares no Webex requests/),
    ]);
    const asl = callingAsl();
    asl.States.AssignLicense.Retry.push({ ErrorEquals: ['WebexRateLimitedError'], IntervalSeconds: 5, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: 'FULL' });
    expect(calling(callingTable, asl)).toEqual([expect.stringMatching(/^assignLicense: .* AssignLicense calls Webex, so its first Catch sends WebexRateLimitedError to the rate-limit loop/)]);
  });

  it('a Task sending a step the table lacks', () => {
    const { buildFailure: _, ...rest } = callingTable;
    expect(calling(rest)).toEqual([expect.stringMatching(/^buildFailure: sent by statemachines\/enable-calling.asl.json BuildFailure, but the table has no such row/)]);
  });
});
