import type { Env, EnvName } from '../config';
import { ConfigurationError, ValidationError, type FieldIssue } from '../errors';
import { DEFAULT_LEAVER_THRESHOLDS, LeaverThresholds } from './schemas';

/**
 * The deployment's leaver thresholds (the stack's `reconcileLeaverThresholds`, as these variables; unset,
 * DEFAULT_LEAVER_THRESHOLDS) and what a plan is held to. Its own module, without the lifecycle's settings,
 * so the plan route's bundle can check a request against them.
 */
export const RECONCILE_THRESHOLD_ENV = {
  maxLeaverPercent: 'RECONCILE_MAX_LEAVER_PERCENT',
  maxLeavers: 'RECONCILE_MAX_LEAVERS',
} as const satisfies Record<keyof LeaverThresholds, EnvName>;

/** The thresholds the deployment sets (only those it sets); a bad value is a ConfigurationError naming the variable. */
export function deploymentThresholds(env: Env): LeaverThresholds {
  const thresholds: LeaverThresholds = {};
  for (const [field, name] of Object.entries(RECONCILE_THRESHOLD_ENV) as [keyof LeaverThresholds, EnvName][]) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    const parsed = LeaverThresholds.shape[field].safeParse(/^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : Number.NaN);
    if (!parsed.success || parsed.data === undefined) {
      throw new ConfigurationError(`${name} must be ${field === 'maxLeavers' ? 'a whole number of at least 0' : 'a number from 0 to 100'}, not "${text}"`);
    }
    thresholds[field] = parsed.data;
  }
  return thresholds;
}

/**
 * The thresholds a plan is held to. The deployment's (the stack's `reconcileLeaverThresholds`, else
 * DEFAULT_LEAVER_THRESHOLDS) are a ceiling: the safeguard protects the organisation from the request, so
 * the request may only tighten it. A field above the ceiling is a 400 naming `thresholds.<field>`.
 */
export function planThresholds(deployment: LeaverThresholds | undefined, requested: LeaverThresholds | undefined): Required<LeaverThresholds> {
  const ceiling: Required<LeaverThresholds> = {
    maxLeaverPercent: deployment?.maxLeaverPercent ?? DEFAULT_LEAVER_THRESHOLDS.maxLeaverPercent,
    maxLeavers: deployment?.maxLeavers ?? DEFAULT_LEAVER_THRESHOLDS.maxLeavers,
  };
  const issues: FieldIssue[] = [];
  for (const field of Object.keys(ceiling) as (keyof LeaverThresholds)[]) {
    const asked = requested?.[field];
    if (asked !== undefined && asked > ceiling[field]) {
      issues.push({ field: `thresholds.${field}`, message: `may tighten the deployment's ${field} (${ceiling[field]}), not raise it (got ${asked})` });
    }
  }
  if (issues.length) throw new ValidationError(issues);
  // A field given as undefined keeps the ceiling's value (a spread would clear it).
  return { maxLeaverPercent: requested?.maxLeaverPercent ?? ceiling.maxLeaverPercent, maxLeavers: requested?.maxLeavers ?? ceiling.maxLeavers };
}


/** The deployment's thresholds, every field filled (the defaults where it sets none): the ceiling apply re-checks. */
export const thresholdCeiling = (env: Env): Required<LeaverThresholds> => planThresholds(deploymentThresholds(env), undefined);
