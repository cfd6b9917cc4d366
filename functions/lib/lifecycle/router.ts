import type { Env } from '../config';
import { ConfigurationError, UnprocessableError, ValidationError } from '../errors';
import {
  LEAVER_POLICIES,
  LIFECYCLE_DETAIL_TYPES,
  type LeaverPolicy,
  type LifecycleDetailType,
  type LifecycleEvent,
  type LifecycleOrigin,
} from '../schemas/lifecycle-events';
import { stateMachines, type StateMachineId } from '../state-machines/definitions';
import { NESTED_SUFFIX_RESERVE, executionName } from '../state-machines/execution-name';

/** detail-type → the state machine its rule targets (the CDK rules are built from this table too). */
export const LIFECYCLE_ROUTES = {
  [LIFECYCLE_DETAIL_TYPES.joined]: { stateMachine: 'Joiner', prefix: 'joiner' },
  [LIFECYCLE_DETAIL_TYPES.moved]: { stateMachine: 'Mover', prefix: 'mover' },
  [LIFECYCLE_DETAIL_TYPES.left]: { stateMachine: 'Leaver', prefix: 'leaver' },
} as const satisfies Record<LifecycleDetailType, { stateMachine: StateMachineId | 'Mover'; prefix: string }>;

/**
 * The execution name for an event: the same for every delivery of that event, so Step Functions
 * refuses a second start (a Standard machine keeps names for 90 days) and the local runtime does the
 * same from its record. `<prefix>-<event id>` when the id is made of name characters (EventBridge ids
 * are UUIDs) and leaves room for the nested executions' suffixes (`-calling`), otherwise
 * `<prefix>-h<hash of the id>` (execution-name.ts).
 */
export function executionNameForEvent(prefix: string, eventId: string): string {
  return executionName(`${prefix}-`, eventId, NESTED_SUFFIX_RESERVE);
}

export const DEFAULT_LEAVER_POLICY_ENV = 'LIFECYCLE_DEFAULT_LEAVER_POLICY';
/** Comma-separated event sources allowed to start a flow (the stack's `lifecycleAllowedSources`); unset: any. */
export const ALLOWED_SOURCES_ENV = 'LIFECYCLE_ALLOWED_SOURCES';

/** Refuses an event whose source the deployment does not accept (the rules' patterns do the same on AWS). */
export function assertAllowedSource(source: string, env: Env): void {
  const allowed = env[ALLOWED_SOURCES_ENV]?.split(',').map((s) => s.trim()).filter(Boolean);
  if (allowed?.length && !allowed.includes(source)) {
    throw new ValidationError([{ field: 'source', message: 'is not a source this deployment accepts lifecycle events from' }]);
  }
}

export function defaultLeaverPolicy(env: Env): LeaverPolicy {
  const value = env[DEFAULT_LEAVER_POLICY_ENV] || 'deactivate';
  if (!(LEAVER_POLICIES as readonly string[]).includes(value)) {
    throw new ConfigurationError(`${DEFAULT_LEAVER_POLICY_ENV} must be one of ${LEAVER_POLICIES.join(', ')}, not "${value}"`);
  }
  return value as LeaverPolicy;
}

export interface RoutedEvent {
  stateMachine: StateMachineId;
  executionName: string;
  /** The state machine's input. */
  input: { origin: LifecycleOrigin; detail: Record<string, unknown> };
}

/** What a rule does with a validated event: which machine, under which name, with which input. */
export function routeLifecycleEvent(event: LifecycleEvent, env: Env): RoutedEvent {
  assertAllowedSource(event.source, env);
  const route = LIFECYCLE_ROUTES[event['detail-type']];
  if (!stateMachines.some((m) => m.id === route.stateMachine)) {
    throw new LifecycleFlowNotAvailableError(`"${event['detail-type']}" events are valid, but this deployment has no ${route.stateMachine} state machine yet`);
  }
  const origin = { eventId: event.id, source: event.source, detailType: event['detail-type'] };
  let detail: Record<string, unknown> = { ...event.detail };
  if (event['detail-type'] === LIFECYCLE_DETAIL_TYPES.left) {
    detail = { ...detail, policy: event.detail.policy ?? defaultLeaverPolicy(env), policySource: event.detail.policy ? 'event' : 'default' };
  }
  if (event['detail-type'] === LIFECYCLE_DETAIL_TYPES.joined) detail = joinerDetailWithDefaults(event.detail);
  return { stateMachine: route.stateMachine as StateMachineId, executionName: executionNameForEvent(route.prefix, event.id), input: { origin, detail } };
}

/** A joiner's detail as the Joiner runs it: with neither number nor extension, the first free number (also the bulk joiners' items). */
export function joinerDetailWithDefaults<D extends { phoneNumber?: string; extension?: string; autoAssignNumber?: boolean }>(detail: D): D {
  if (!detail.phoneNumber && !detail.extension && detail.autoAssignNumber === undefined) return { ...detail, autoAssignNumber: true };
  return { ...detail };
}

/** 422: a valid event whose flow this deployment does not have (the Mover, until it exists). */
export class LifecycleFlowNotAvailableError extends UnprocessableError {
  override readonly name: string = 'LifecycleFlowNotAvailableError';
}
