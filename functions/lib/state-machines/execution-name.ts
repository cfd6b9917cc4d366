import { createHash } from 'node:crypto';

/**
 * Step Functions execution names: 1–80 characters (StartExecution / StartSyncExecution `name`). AWS
 * refuses more characters than these (whitespace, brackets, `:` `/` …) and only names of these
 * characters can be logged to CloudWatch, so the suite builds names of these alone.
 */
export const EXECUTION_NAME = /^[A-Za-z0-9_-]{1,80}$/;
export const MAX_EXECUTION_NAME = 80;

/**
 * The longest suffix an ASL file appends to its own execution's name for a nested execution:
 * `-calling` (joiner.asl.json), `-move` and `-move-<wait count, at most 10>` (mover.asl.json: a Standard child
 * needs a new name for each attempt after a rate-limit wait). A name that starts such a machine must leave
 * this much room (test/unit/state-machines/execution-names.test.ts checks every ASL file against it).
 */
export const NESTED_SUFFIX_RESERVE = '-calling'.length;

/** 40 hex characters of the SHA-256 of a text: the part of a name that stands for an id or a body. */
export const nameHash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 40);

/**
 * `<prefix><id>` when the id is made of name characters and the name leaves `reserve` characters free
 * (for the suffixes nested executions append); otherwise `<prefix>h<sha256 of the id, 40 hex>`: the
 * readable prefix kept, never a lossy clean-up that could make two ids one name. The same id always
 * gives the same name, which is what makes a redelivered start a duplicate in Step Functions.
 */
export function executionName(prefix: string, id: string, reserve = 0): string {
  const budget = MAX_EXECUTION_NAME - reserve;
  const plain = `${prefix}${id}`;
  // An id shaped like a hashed name is hashed too: no id's plain name can be another id's hashed one.
  if (/^[A-Za-z0-9_-]+$/.test(id) && !/^h[0-9a-f]{40}$/.test(id) && plain.length <= budget) return plain;
  const hashed = `${prefix}h${nameHash(id)}`;
  if (!/^[A-Za-z0-9_-]*$/.test(prefix) || hashed.length > budget) throw new Error(`execution name prefix "${prefix}" leaves no room for a hash within ${budget}`);
  return hashed;
}

/** Thrown where AWS would refuse a name (the local runner and starter): the SDK's `InvalidName`. */
export class InvalidExecutionNameError extends Error {
  override readonly name = 'InvalidName';
}

export function assertExecutionName(name: string): void {
  if (!EXECUTION_NAME.test(name)) {
    throw new InvalidExecutionNameError(`Invalid Name: '${name}' (${name.length} characters; Step Functions takes 1-${MAX_EXECUTION_NAME} of [A-Za-z0-9_-])`);
  }
}
