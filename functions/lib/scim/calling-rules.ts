// A namespace import lets esbuild drop what is unused (zod's locales alone are ~200 KB).
import * as z from 'zod';
import type { Env } from '../config';
import { ConfigurationError } from '../errors';
import { LEAVER_POLICIES, type LeaverPolicy } from '../schemas/lifecycle-events';
import { locationRef, text } from '../schemas/fields';
import { SCIM_URN, type ScimUserState } from './schema';

/**
 * One calling rule (context `scimCallingRules`, an ordered list): when every condition of `when` holds, the user
 * gets calling in `location` (with `license`, and the first free number unless `autoAssignNumber` is false). The
 * first matching rule wins; the product extension's own values (callingLocation, phoneNumber, extension,
 * callingLicense) override it. Conditions compare case-insensitively; `group` is a pushed group's displayName.
 */
export const CallingRule = z.strictObject({
  when: z.strictObject({
    department: z.string().min(1).optional(),
    group: z.string().min(1).optional(),
    title: z.string().min(1).optional(),
    userType: z.string().min(1).optional(),
    emailDomain: z.string().min(1).optional(),
    organization: z.string().min(1).optional(),
    division: z.string().min(1).optional(),
    costCenter: z.string().min(1).optional(),
  }),
  location: locationRef,
  license: text(256).optional(),
  autoAssignNumber: z.boolean().optional(),
});
export type CallingRule = z.infer<typeof CallingRule>;
export const CallingRules = z.array(CallingRule).max(200);

export const SCIM_CALLING_RULES_ENV = 'SCIM_CALLING_RULES';
export const SCIM_DEACTIVATE_POLICY_ENV = 'SCIM_DEACTIVATE_POLICY';
/** What `active: false` does when the stack says nothing: the user stays, without calling (a reactivation restores it). */
export const DEFAULT_SCIM_DEACTIVATE_POLICY: LeaverPolicy = 'removeCalling';

export function callingRules(env: Env): CallingRule[] {
  const raw = env[SCIM_CALLING_RULES_ENV];
  if (!raw) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigurationError(`${SCIM_CALLING_RULES_ENV} must be a JSON array of calling rules`);
  }
  const parsed = CallingRules.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigurationError(`${SCIM_CALLING_RULES_ENV}: ${issue.path.join('.') || 'rules'}: ${issue.message}`);
  }
  return parsed.data;
}

export function scimDeactivatePolicy(env: Env): LeaverPolicy {
  const value = env[SCIM_DEACTIVATE_POLICY_ENV] || DEFAULT_SCIM_DEACTIVATE_POLICY;
  if (!(LEAVER_POLICIES as readonly string[]).includes(value)) {
    throw new ConfigurationError(`${SCIM_DEACTIVATE_POLICY_ENV} must be one of ${LEAVER_POLICIES.join(', ')}, not "${value}"`);
  }
  return value as LeaverPolicy;
}

export interface CallingTarget {
  location?: string;
  phoneNumber?: string;
  extension?: string;
  license?: string;
  autoAssignNumber?: boolean;
}

const same = (a: string | undefined, b: string) => a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/** The calling a user's state describes: the first matching rule, overridden by the extension's explicit values. */
export function callingTarget(state: ScimUserState, rules: readonly CallingRule[], groups: readonly string[]): CallingTarget {
  const enterprise = state[SCIM_URN.enterprise];
  const facts: Record<keyof CallingRule['when'], (v: string) => boolean> = {
    department: (v) => same(enterprise?.department, v),
    group: (v) => groups.some((g) => same(g, v)),
    title: (v) => same(state.title, v),
    userType: (v) => same(state.userType, v),
    emailDomain: (v) => same(state.userName.split('@')[1], v.replace(/^@/, '')),
    organization: (v) => same(enterprise?.organization, v),
    division: (v) => same(enterprise?.division, v),
    costCenter: (v) => same(enterprise?.costCenter, v),
  };
  const rule = rules.find((r) => Object.entries(r.when).every(([k, v]) => v === undefined || facts[k as keyof CallingRule['when']](v)));
  const explicit = state[SCIM_URN.product] ?? {};
  const location = explicit.callingLocation ?? rule?.location;
  if (!location) return {};
  const phoneNumber = explicit.phoneNumber;
  const ext = explicit.extension;
  return {
    location,
    ...(phoneNumber ? { phoneNumber } : {}),
    ...(ext ? { extension: ext } : {}),
    ...((explicit.callingLicense ?? rule?.license) ? { license: explicit.callingLicense ?? rule?.license } : {}),
    ...(rule?.autoAssignNumber !== undefined && !phoneNumber ? { autoAssignNumber: rule.autoAssignNumber } : {}),
  };
}

