// Written by `npm run request-figures` (scripts/request-figures.ts) from the step rows' Webex requests: do not edit.

/** Webex requests one joiner makes when nothing fails, on warm functions: the Joiner's steps and Enable Calling's. */
export const JOINER_REQUESTS = 10;

/** Webex requests one reconcile action makes when nothing fails, on warm functions: CheckAction's read, then its machine's steps. */
export const ACTION_REQUESTS = { join: 11, enableCalling: 8, move: 12, updateProfile: 5, leave: 11 } as const;

/** A move to a number the plan names: no dry run to see whether the user's own number travels. */
export const NAMED_NUMBER_MOVE_REQUESTS = 11;
