/** How an execution ended, in StartSyncExecution's terms, whichever runner ran it. */
export interface ExecutionOutcome {
  executionName: string;
  /** ABORTED: we stopped waiting (the caller's deadline); the execution may still be running. */
  status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  /** The execution's output (SUCCEEDED). */
  output?: unknown;
  /** The Fail state's (or the uncaught) error name and cause (FAILED). */
  error?: string;
  cause?: string;
}

export interface StartOptions {
  /** 1–80 of [A-Za-z0-9_-]. */
  executionName: string;
  /** Stop waiting after this long. */
  deadlineMs?: number;
}

/** Runs one state machine to its end and reports how it ended: StartSyncExecution in AWS, in-process locally. */
export interface StateMachineRunner {
  run(input: unknown, options: StartOptions): Promise<ExecutionOutcome>;
}
