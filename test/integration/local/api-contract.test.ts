import { apiContract } from '../../support/api-contract';
import { startHarness, type Harness } from '../../support/harness';

/**
 * The check every harness runs on close (test/support/api-contract.ts): each answer of the local API against
 * the OpenAPI document it serves. Here: that it sees the answers, that it would catch a drift, and that the
 * document served is the one the check uses.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe("the local API's answers against its OpenAPI document", () => {
  it('serves the document the check reads, and records every answer with its status and body', async () => {
    const served = await h.call('GET', '/openapi.json');
    expect(served.status).toBe(200);
    expect(Object.keys(served.body.paths).sort()).toEqual(Object.keys(apiContract().document.paths).sort());
    const user = await h.call('GET', '/users/alice.admin%40example.com');
    const missing = await h.call('GET', '/users/nobody%40example.com');
    const created = await h.call('POST', '/users', { email: 'contract.check@example.com', displayName: 'Contract Check' });
    const deleted = await h.call('DELETE', '/users/contract.check%40example.com');
    expect([user.status, missing.status, created.status, deleted.status]).toEqual([200, 404, 201, 204]);
    const seen = h.answers.map((a) => `${a.method} ${a.path} ${a.status}`);
    expect(seen).toEqual(expect.arrayContaining([
      'GET /users/alice.admin%40example.com 200',
      'GET /users/nobody%40example.com 404',
      'POST /users 201',
      'DELETE /users/contract.check%40example.com 204',
    ]));
    for (const answer of h.answers) expect(apiContract().check(answer)).toEqual([]);
  });

  it('would catch an answer that drifts from the document: a status, a body or a header it does not document', () => {
    const answer = h.answers.find((a) => a.path === '/users/alice.admin%40example.com')!;
    expect(apiContract().check({ ...answer, status: 201 })[0]).toMatch(/status not documented for GET \/users\/\{user\}/);
    expect(apiContract().check({ ...answer, text: JSON.stringify({ email: 'alice.admin@example.com' }) })[0]).toMatch(/must have required property 'id'/);
    const deleted = h.answers.find((a) => a.method === 'DELETE')!;
    expect(apiContract().check({ ...deleted, text: '{}' })[0]).toMatch(/a body where the document says none/);
    const refused = { ...answer, status: 429, text: JSON.stringify({ error: { code: 'WebexApiError', message: 'slow down' } }), headers: {} };
    expect(apiContract().check(refused)).toEqual([expect.stringMatching(/documented header Retry-After missing/)]);
    expect(apiContract().check({ ...refused, headers: { 'retry-after': '5' } })).toEqual([]);
  });
});
