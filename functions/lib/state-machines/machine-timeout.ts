/**
 * A machine's TimeoutSeconds where two machines share one definition file (Enable Calling as Express and as
 * Standard): the file's value, unless the machine's row (definitions.ts `timeoutSeconds`) sets its own. CDK and
 * the local runner both build the definition through here, and both fill `${MachineTimeoutSeconds}`, which a
 * state may read (Enable Calling's Init records it: its steps stop before waiting past it).
 */
export const MACHINE_TIMEOUT_SUBSTITUTION = 'MachineTimeoutSeconds';

interface TimedDefinition {
  readonly definitionFile: string;
  readonly timeoutSeconds?: number;
}

/** The machine's own TimeoutSeconds: its row's, else its file's. */
export function machineTimeoutSeconds(def: TimedDefinition, fileText: string): number {
  if (def.timeoutSeconds !== undefined) return def.timeoutSeconds;
  const timeout = (JSON.parse(fileText) as { TimeoutSeconds?: unknown }).TimeoutSeconds;
  if (typeof timeout !== 'number') throw new Error(`${def.definitionFile}: give the machine a TimeoutSeconds`);
  return timeout;
}

/** The file's text with the row's TimeoutSeconds in place of its own; the file as it is when the row sets none. */
export function withMachineTimeout(def: TimedDefinition, fileText: string): string {
  if (def.timeoutSeconds === undefined) return fileText;
  const asl = JSON.parse(fileText) as Record<string, unknown>;
  return JSON.stringify({ ...asl, TimeoutSeconds: def.timeoutSeconds }, null, 2);
}
