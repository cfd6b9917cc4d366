import { DEFAULT_ALLOWED_PREFIXES } from '../../../functions/lib/workflows/webex-requests/guard';
import { allowedPrefixesFromEnv } from '../../../functions/lib/workflows/webex-requests/allowed-prefixes';
import { listWebexOperations, ListWebexOperationsInput } from '../../../functions/lib/workflows/webex-requests/list-operations';

const list = (query: Record<string, unknown>, prefixes = DEFAULT_ALLOWED_PREFIXES) => listWebexOperations(ListWebexOperationsInput.parse(query), prefixes);

describe('GET /webex/operations (listWebexOperations)', () => {
  it('lists every reachable operation, paged, with summary, scopes and whether it takes a body', () => {
    const first = list({});
    expect(first.total).toBe(766);
    expect(first.operations).toHaveLength(50);
    expect(first.nextOffset).toBe(50);
    const pages = [first];
    while (pages.at(-1)!.nextOffset !== undefined) pages.push(list({ offset: pages.at(-1)!.nextOffset, limit: 200 }));
    expect(pages.flatMap((p) => p.operations)).toHaveLength(766);
    expect(pages.flatMap((p) => p.operations)).toContainEqual({
      method: 'GET',
      path: '/telephony/config/queues',
      summary: 'Read the List of Call Queues with Customer Assist',
      scopes: ['spark-admin:telephony_config_read'],
      body: false,
    });
  });

  it('filters by search words, prefix and method, and by the deployment prefixes', () => {
    const queues = list({ search: 'call QUEUE', method: 'POST', prefix: '/telephony/config/locations' });
    expect(queues.total).toBeGreaterThan(0);
    for (const op of queues.operations) {
      expect(op.method).toBe('POST');
      expect(op.path.startsWith('/telephony/config/locations/')).toBe(true);
      expect(`${op.path} ${op.summary}`.toLowerCase()).toMatch(/call/);
    }
    expect(list({ prefix: '/workspaces/{workspaceId}/features' }).total).toBe(21);
    expect(list({}, ['/people']).operations.every((op) => op.path.startsWith('/people'))).toBe(true);
  });

  it('validates its query, naming the field', () => {
    for (const [query, field] of [[{ limit: '0' }, 'limit'], [{ offset: '-1' }, 'offset'], [{ method: 'TRACE' }, 'method'], [{ prefix: '/people/../x' }, 'prefix'], [{ bogus: 1 }, '']] as const) {
      const parsed = ListWebexOperationsInput.safeParse(query);
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues[0].path.join('.')).toBe(field);
    }
  });

  it('never widens the bundled prefixes from the environment', () => {
    expect(allowedPrefixesFromEnv({ WEBEX_REQUEST_ALLOWED_PREFIXES: '/people, /organizations,/workspaces/{workspaceId}/features/callForwarding' })).toEqual([
      '/people',
      '/workspaces/{workspaceId}/features/callForwarding',
    ]);
    expect(allowedPrefixesFromEnv({})).toEqual(DEFAULT_ALLOWED_PREFIXES);
  });
});
