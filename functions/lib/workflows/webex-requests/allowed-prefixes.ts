import type { Env } from '../../config';
import { isUnderPrefix } from '../../webex-spec/prefixes';
import { DEFAULT_ALLOWED_PREFIXES } from './guard';

/**
 * The deployment's allow-list (WEBEX_REQUEST_ALLOWED_PREFIXES, from the CDK prop webexRequestAllowedPrefixes),
 * never wider than the operations bundled with the function.
 */
export function allowedPrefixesFromEnv(env: Env): readonly string[] {
  const configured = env.WEBEX_REQUEST_ALLOWED_PREFIXES?.split(',').map((p) => p.trim()).filter(Boolean) ?? DEFAULT_ALLOWED_PREFIXES;
  return configured.filter((p) => DEFAULT_ALLOWED_PREFIXES.some((d) => isUnderPrefix(p, d)));
}
