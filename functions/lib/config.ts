/**
 * Every environment variable the library reads, declared once: what the stack sets on a function (or the
 * local runtime on its process). A setting is read through a typed getter when it is used (settings.ts's
 * numberSetting, or the module that owns it: bulk/pacing.ts, lifecycle/router.ts, …), which names the variable in its
 * ConfigurationError, so one bad setting fails only the functions that use it, and never silently. The state
 * machines' ARNs are keyed by their `arnEnv` (state-machines/definitions.ts). A type, not a value: the names
 * cost no bytes in the bundles.
 */
export type EnvName =
  // SCIM apply (scim/calling-rules.ts): the stack's scimCallingRules and scimDeactivatePolicy
  | 'SCIM_CALLING_RULES'
  | 'SCIM_DEACTIVATE_POLICY'
  // Webex and its credentials (tokens/service-app-secret.ts ENV)
  | 'WEBEX_BASE_URL'
  | 'WEBEX_ACCESS_TOKEN'
  | 'WEBEX_SECRET_ARN'
  | 'WEBEX_SECRET_READER'
  | 'WEBEX_TOKEN_FILE'
  | 'PARAMETERS_SECRETS_EXTENSION_HTTP_PORT'
  | 'AWS_SESSION_TOKEN'
  | 'WEBEX_TIMEOUT_MS'
  | 'WEBEX_RETRY_BUDGET_MS'
  | 'WEBEX_REFERENCE_CACHE_TTL_MS'
  | 'WEBEX_CALLING_LICENSE'
  | 'WEBEX_REQUEST_ALLOWED_PREFIXES'
  | 'WEBEX_REQUEST_ALLOW_PRIVILEGE_FIELDS'
  // Lifecycle and bulk
  | 'LIFECYCLE_ALLOWED_SOURCES'
  | 'LIFECYCLE_DEFAULT_LEAVER_POLICY'
  | 'BULK_WEBEX_REQUESTS_PER_SECOND'
  // The pacing controller (pacing/settings.ts)
  | 'WEBEX_INITIAL_REQUESTS_PER_SECOND'
  | 'WEBEX_MAX_REQUESTS_PER_SECOND'
  | 'WEBEX_INTERACTIVE_SHARE'
  | 'BULK_JOINERS_MAX_CONCURRENCY'
  | 'BULK_IMPORTS_BUCKET'
  // Reconciliation (reconcile/plan-defaults.ts)
  | 'RECONCILE_MAX_LEAVER_PERCENT'
  | 'RECONCILE_MAX_LEAVERS'
  // The daily count of free numbers (number-pool/free-numbers.ts)
  | 'NUMBER_POOL_LOW_WATERMARK'
  // The activity table (activity/settings.ts)
  | 'ACTIVITY_TABLE_NAME'
  | 'ACTIVITY_RETENTION_DAYS'
  // State machines (definitions.ts arnEnv)
  | 'ENABLE_CALLING_STATE_MACHINE_ARN'
  | 'ENABLE_CALLING_STANDARD_STATE_MACHINE_ARN'
  | 'JOINER_STATE_MACHINE_ARN'
  | 'MOVER_STATE_MACHINE_ARN'
  | 'LEAVER_STATE_MACHINE_ARN'
  | 'BULK_JOINERS_STATE_MACHINE_ARN'
  | 'BULK_JOINERS_CSV_STATE_MACHINE_ARN'
  | 'RECONCILE_PLAN_STATE_MACHINE_ARN'
  | 'RECONCILE_APPLY_STATE_MACHINE_ARN'
  // The OAuth API's authorizer (http/request-authorizer.ts)
  | 'API_AUTH_ROUTE_SCOPES'
  | 'API_AUTH_USER_POOL_ID'
  | 'API_AUTH_CLIENT_IDS'
  | 'API_AUTH_ISSUER'
  | 'API_AUTH_AUDIENCE'
  | 'API_AUTH_JWKS_URI'
  // The SCIM token (scim-auth/): its secret (the authorizer), its file (the local API)
  | 'SCIM_TOKEN_SECRET_ARN'
  | 'SCIM_TOKEN_FILE'
  // The local runtime (functions/local/): its buckets' folder
  | 'LOCAL_OBJECT_STORE_DIR';

/** The library's configuration: the variables above, as text. */
export type Env = Readonly<Partial<Record<EnvName, string>>>;

/**
 * The one reader of `process.env` in functions/lib (test/unit/architecture.test.ts checks it). Lambda's
 * environment is fixed for a container, so its composition reads it once (aws/lambda-env.ts); the local
 * runtime's may change between requests (tests set variables), so its composition reads it per use.
 */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  // A copy: what a function was configured with does not change under it. Kept as text: each setting is
  // parsed by its getter where it is used, so a function is not failed by a setting it never reads. No schema
  // library in this module: every bundle has it, and the authorizer's has no zod otherwise (~64 KB).
  return { ...source } as Env;
}

/** Read once, on first use. */
export function once<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}
