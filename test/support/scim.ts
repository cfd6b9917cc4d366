import type { Harness } from './harness';

/** The SCIM settings a test runs the harness with (the stack's scimCallingRules and scimDeactivatePolicy). */
export const scimEnv = (rules: readonly unknown[], policy = 'removeCalling') => ({ SCIM_CALLING_RULES: JSON.stringify(rules), SCIM_DEACTIVATE_POLICY: policy });

/**
 * Closes a harness a SCIM test used, once the applies its writes started have ended (they write to the store being
 * closed), and takes scimEnv's settings out of the environment again.
 */
export async function closeScimHarness(h: Harness): Promise<void> {
  await h.runtime.executions.settle();
  delete process.env.SCIM_CALLING_RULES;
  delete process.env.SCIM_DEACTIVATE_POLICY;
  await h.close();
}

/** A SCIM request to the harness's local API: the answer's status, media type and parsed body. */
export async function scimRequest(h: Harness, method: string, path: string, body?: unknown, options: { contentType?: string; authorization?: string } = {}) {
  const headers: Record<string, string> = {
    ...(options.authorization ? { Authorization: options.authorization } : {}),
    ...(body === undefined ? {} : { 'content-type': options.contentType ?? 'application/scim+json' }),
  };
  const res = await fetch(h.api.url + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), wwwAuthenticate: res.headers.get('www-authenticate'), body: text ? JSON.parse(text) : undefined };
}
