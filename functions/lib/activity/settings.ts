import type { Env } from '../config';
import { numberSetting } from '../settings';
import { ConfigurationError } from '../errors';

/** How long activity items are kept when the stack says nothing (context `activityRetentionDays`). */
export const DEFAULT_ACTIVITY_RETENTION_DAYS = 400;

/** The table's name and retention, from the variables the stack sets (ACTIVITY_TABLE_NAME, ACTIVITY_RETENTION_DAYS). */
export function activitySettings(env: Env): { tableName: string; retentionDays: number } {
  const tableName = env.ACTIVITY_TABLE_NAME;
  if (!tableName) throw new ConfigurationError('ACTIVITY_TABLE_NAME is not set: this function has no activity table');
  return { tableName, retentionDays: numberSetting(env, 'activityRetentionDays') ?? DEFAULT_ACTIVITY_RETENTION_DAYS };
}
