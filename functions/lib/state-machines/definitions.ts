/**
 * The suite's state machines: one row each. CDK builds them with `DefinitionBody.fromFile(definitionFile)`
 * and `definitionSubstitutions` mapping each task function's `substitution` to the ARN of a function
 * built from its `entry`; the local runtime and the tests run the same file, with each substitution
 * mapped to the handler exported by `entry` (functions/local/state-machines.ts).
 */
export interface TaskFunctionDefinition {
  /** `${Name}` in the ASL file (a Task state's `Resource`). */
  readonly substitution: string;
  /** Stable id: names the Lambda construct. */
  readonly id: string;
  /** Handler module, relative to the repository root; it exports `handler`, invoked with the Task's payload. */
  readonly entry: string;
  readonly summary: string;
}

export interface StateMachineDefinition {
  readonly id: string;
  /** ASL file, relative to the repository root: the only definition. */
  readonly definitionFile: string;
  /** EXPRESS: started with StartSyncExecution behind the API, so it answers within the request. */
  readonly type: 'EXPRESS' | 'STANDARD';
  readonly taskFunctions: readonly TaskFunctionDefinition[];
  /** The route (routes.ts id) whose function starts executions: it needs `states:StartSyncExecution` on this machine. */
  readonly startedByRoute: string;
  /** Environment variable of that function holding this state machine's ARN. */
  readonly arnEnv: string;
  readonly summary: string;
}

export const stateMachines = [
  {
    id: 'EnableCalling',
    definitionFile: 'statemachines/enable-calling.asl.json',
    type: 'EXPRESS',
    taskFunctions: [
      {
        substitution: 'EnableCallingStepsFunctionArn',
        id: 'EnableCallingSteps',
        entry: 'functions/enable-calling-steps/handler.ts',
        summary: 'The steps of Enable Webex Calling for User (one Lambda; the payload names the step)',
      },
    ],
    startedByRoute: 'EnableCalling',
    arnEnv: 'ENABLE_CALLING_STATE_MACHINE_ARN',
    summary: 'Enable Webex Calling for User',
  },
] as const satisfies readonly StateMachineDefinition[];

export type StateMachineId = (typeof stateMachines)[number]['id'];
export type TaskSubstitution = (typeof stateMachines)[number]['taskFunctions'][number]['substitution'];

export function stateMachine(id: StateMachineId): StateMachineDefinition {
  return stateMachines.find((m) => m.id === id) as StateMachineDefinition;
}
