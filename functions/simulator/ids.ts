import { randomUUID } from 'node:crypto';

export type WebexIdType = 'PEOPLE' | 'LOCATION' | 'LICENSE' | 'ORGANIZATION' | 'ROLE' | 'JOB_ID' | 'PSTN_CONNECTION' | 'TRUNK' | 'GROUP';

/**
 * A Webex-style id: base64 of `ciscospark://us/<TYPE>/<uuid>` without padding. URL-safe alphabet so
 * ids can sit in a path unescaped (for this ASCII input it only differs from plain base64 if '+' or
 * '/' would appear, which real ids avoid the same way).
 */
export function webexId(type: WebexIdType, uuid: string = randomUUID()): string {
  return Buffer.from(`ciscospark://us/${type}/${uuid}`, 'utf8').toString('base64url');
}

/** The type and uuid inside a Webex id, or undefined for anything that is not one. */
export function parseWebexId(id: string): { type: string; uuid: string } | undefined {
  if (!/^[A-Za-z0-9_\-+/]+=*$/.test(id)) return undefined;
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const match = /^ciscospark:\/\/[a-z0-9-]+\/([A-Z_]+)\/(.+)$/.exec(decoded);
  return match ? { type: match[1], uuid: match[2] } : undefined;
}
