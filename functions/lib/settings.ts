// A namespace import lets esbuild drop what is unused (zod's locales alone are ~200 KB).
import * as z from 'zod';
import type { Env, EnvName } from './config';
import { ConfigurationError } from './errors';

/** A number setting: what it must be, and how its ConfigurationError says so. */
interface NumberSetting {
  name: EnvName;
  schema: z.ZodNumber;
  takes: string;
}

const wholeMs = (name: EnvName, min: number): NumberSetting => ({
  name,
  schema: z.number().int().min(min),
  takes: `a whole number of milliseconds${min > 0 ? ` from ${min}` : ', 0 or more'}`,
});

/** The library's number settings, each with what it takes. */
export const NUMBER_SETTINGS = {
  /** Per-attempt timeout of a Webex request (unset: the client's default). */
  webexTimeoutMs: wholeMs('WEBEX_TIMEOUT_MS', 1),
  /** A Webex request's whole budget across attempts and waits (unset: the client's default). */
  webexRetryBudgetMs: wholeMs('WEBEX_RETRY_BUDGET_MS', 1),
  /** How long licenses and locations are cached in a warm function; 0 turns the cache off. */
  webexReferenceCacheTtlMs: wholeMs('WEBEX_REFERENCE_CACHE_TTL_MS', 0),
  /** The Parameters and Secrets extension's port (Lambda sets it with the layer). */
  secretsExtensionPort: { name: 'PARAMETERS_SECRETS_EXTENSION_HTTP_PORT', schema: z.number().int().min(1).max(65535), takes: 'a TCP port (1-65535)' },
  /** The free-number watermark the daily count names locations under (number-pool/free-numbers.ts). */
  numberPoolLowWatermark: { name: 'NUMBER_POOL_LOW_WATERMARK', schema: z.number().int().min(0), takes: 'a whole number, 0 or more' },
  /** Days an activity item is kept. */
  activityRetentionDays: { name: 'ACTIVITY_RETENTION_DAYS', schema: z.number().positive(), takes: 'a positive number of days' },
} as const satisfies Record<string, NumberSetting>;

/**
 * A number setting as a number: undefined when unset or empty (the caller's default applies); any other
 * text that is not a plain decimal number the setting takes is a ConfigurationError naming the variable.
 */
export function numberSetting(env: Env, key: keyof typeof NUMBER_SETTINGS): number | undefined {
  const { name, schema, takes } = NUMBER_SETTINGS[key];
  const text = env[name]?.trim();
  if (text === undefined || text === '') return undefined;
  // Number('') is 0 and Number('0x10') is 16: only plain decimals are read as numbers.
  const parsed = schema.safeParse(/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN);
  if (!parsed.success) throw new ConfigurationError(`${name} must be ${takes}, not "${env[name]}"`);
  return parsed.data;
}
