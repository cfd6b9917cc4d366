import type { Env } from '../config';
import { ConfigurationError, StateMachineStartError } from '../errors';
import { stateMachine, type StateMachineId } from '../state-machines/definitions';

/** Step Functions errors that mean the deployment is wrong, not that AWS is busy: never worth a retry. */
export const CONFIGURATION_ERRORS: ReadonlySet<string> = new Set([
  'StateMachineDoesNotExist',
  'InvalidArn',
  'AccessDeniedException',
  'StateMachineDeleting',
  'StateMachineTypeNotSupported',
  'InvalidName',
]);

/**
 * A refused start: a ConfigurationError for the deployment's faults, else a 503 StateMachineStartError (worth a
 * retry). The SDK's error is the `cause`: the logs and the answers carry only name and message.
 */
export function startError(error: unknown, stateMachineArn: string, what: string): Error {
  const err = error as { name?: string; message?: string };
  if (CONFIGURATION_ERRORS.has(err.name ?? '')) return new ConfigurationError(`Cannot start state machine ${stateMachineArn}: ${err.name}: ${err.message}`, { cause: error });
  return new StateMachineStartError(`Could not start ${what}: ${err.name}: ${err.message}`, 503, { cause: error });
}

/** The machine's ARN from its `arnEnv` (the stack sets it on the functions that start or describe it). */
export function stateMachineArn(env: Env, id: StateMachineId, purpose: string): string {
  const { arnEnv } = stateMachine(id);
  const arn = env[arnEnv as keyof Env];
  if (!arn) throw new ConfigurationError(`${arnEnv} is not set: ${purpose}`);
  return arn;
}

/** An execution's ARN from its machine's and its name. */
export const executionArnOf = (stateMachineArn: string, executionName: string) => `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`;

/** Step Functions' JSON text fields (input, output) as values; text that is not JSON as itself. */
export function parseJsonText(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
