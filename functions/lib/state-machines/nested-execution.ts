/** A failed nested execution as its parent's Task reports it. */
export interface NestedFailure {
  /** The child's Error and Cause (its Fail state's, or the uncaught one's). */
  error?: string;
  cause?: string;
  /** The child's Cause parsed as JSON (a Fail state's cause built with States.JsonToString), when it has one. */
  causeJson?: unknown;
}

/**
 * A nested execution that failed (`states:startExecution.sync:2`): the parent's Task fails with
 * States.TaskFailed whose Cause is DescribeExecution's JSON (StateMachineArn, Status, Error, Cause …);
 * undefined when the Cause is anything else, or when the child's own Cause is not JSON text.
 */
export function nestedExecutionFailure(cause: string | undefined): NestedFailure | undefined {
  if (!cause) return undefined;
  try {
    const nested = JSON.parse(cause) as { Error?: string; Cause?: string; StateMachineArn?: string } | null;
    if (!nested?.StateMachineArn) return undefined;
    return { error: nested.Error, cause: nested.Cause, ...(nested.Cause ? { causeJson: JSON.parse(nested.Cause) as unknown } : {}) };
  } catch {
    return undefined;
  }
}
