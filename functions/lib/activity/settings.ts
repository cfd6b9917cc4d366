import type { Env } from '../config';
import { ConfigurationError } from '../errors';

/** How long activity items are kept when the stack says nothing (context `activityRetentionDays`). */
export const DEFAULT_ACTIVITY_RETENTION_DAYS = 400;

/** The table's name and retention, from the variables the stack sets (ACTIVITY_TABLE_NAME, ACTIVITY_RETENTION_DAYS). */
export function activitySettings(env: Env): { tableName: string; retentionDays: number } {
  const tableName = env.ACTIVITY_TABLE_NAME;
  if (!tableName) throw new ConfigurationError('ACTIVITY_TABLE_NAME is not set: this function has no activity table');
  const raw = env.ACTIVITY_RETENTION_DAYS;
  const retentionDays = raw === undefined || raw === '' ? DEFAULT_ACTIVITY_RETENTION_DAYS : Number(raw);
  if (!Number.isFinite(retentionDays) || retentionDays <= 0) throw new ConfigurationError(`ACTIVITY_RETENTION_DAYS must be a positive number of days, got "${raw}"`);
  return { tableName, retentionDays };
}
