/**
 * The widest set of paths the guarded request can reach (the operations generate.ts bundles); a deployment
 * narrows it with the CDK prop `webexRequestAllowedPrefixes`. A `{param}` segment stands for any one segment.
 */
export const REACHABLE_PREFIXES: readonly string[] = [
  '/people',
  '/licenses',
  '/locations',
  '/telephony/config',
  '/telephony/pstn',
  '/workspaces/{workspaceId}/features',
];

/** Whether `path` (a request path or a template) is `prefix` or below it. */
export function isUnderPrefix(path: string, prefix: string): boolean {
  const want = prefix.split('/');
  const have = path.split('/');
  if (have.length < want.length) return false;
  return want.every((segment, i) => segment === have[i] || (segment.startsWith('{') && have[i] !== ''));
}
