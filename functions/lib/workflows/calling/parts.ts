import type * as z from 'zod';
import {
  Assignment,
  CallingTarget,
  CallingUserView,
  Compensation,
  CurrentCalling,
  EnableCallingResult,
  MoveJobState,
  MoveValidation,
  ResolvedLicense,
  ResolvedLocation,
  ResolvedUser,
} from '../../schemas/calling';
import { enableCallingStateOf } from './state';

/**
 * The parts of the execution's JSON the steps write, by name: a step's row names its part (`writes`), the
 * ResultPath of its Task state (`$.<part>`, checked by enable-calling-definition.test.ts); a step that
 * writes a new part adds it here. Several steps may write one part (`target`: chooseNumber, or chooseMoveTarget
 * on the move path; `moveJob`: startMoveJob, then checkMoveJob). A table of its own, keyed by part, rather than a
 * schema in each row: the rows' functions read the state, so a state inferred from the rows would depend on itself.
 */
export const ENABLE_CALLING_STEP_PARTS = {
  user: ResolvedUser,
  location: ResolvedLocation,
  current: CurrentCalling,
  license: ResolvedLicense,
  target: CallingTarget,
  assignment: Assignment,
  moveValidation: MoveValidation,
  moveJob: MoveJobState,
  calling: CallingUserView,
  compensation: Compensation,
  /** The run's result (BuildResult / BuildFailure): the execution's output. */
  outcome: EnableCallingResult,
};
export type StepPart = keyof typeof ENABLE_CALLING_STEP_PARTS;

/** The execution's JSON as every step receives it: the machine's own parts and the steps'. */
export const EnableCallingState = enableCallingStateOf(ENABLE_CALLING_STEP_PARTS);
export type EnableCallingState = z.infer<typeof EnableCallingState>;
