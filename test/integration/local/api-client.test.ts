import createClient from 'openapi-fetch';
import type { components, paths } from '../../../clients/typescript/webex-provisioning';
import { startHarness, type Harness } from '../../support/harness';

/**
 * A client generated from the OpenAPI document (openapi-typescript types, clients/typescript/) driving the real
 * local API through openapi-fetch. tsc type-checks this file (CI runs it): the calls below compile only while the
 * document describes them, and the `@ts-expect-error` lines fail the type check if the document stopped refusing them.
 */
let h: Harness;
let api: ReturnType<typeof createClient<paths>>;
beforeAll(async () => {
  h = await startHarness();
  api = createClient<paths>({ baseUrl: h.api.url });
});
// The lifecycle run POST /events starts goes on after its answer: let it end before the runtime closes.
afterAll(async () => {
  await h.runtime.executions.settle();
  await h.close();
});

describe('a client generated from the OpenAPI document', () => {
  it('reads a user: the typed 200 body', async () => {
    const { data, error, response } = await api.GET('/users/{user}', { params: { path: { user: 'alice.admin@example.com' } } });
    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    const user: components['schemas']['GetUserAnswer'] | undefined = data;
    expect(user?.calling.enabled).toBe(true);
    expect(user?.licenses.map((l) => l.name)).toContain('Webex Calling - Professional');
  });

  it('creates a user (201, typed `created`), and a refused body comes back as the typed error', async () => {
    const created = await api.POST('/users', { body: { email: 'client.gen@example.com', firstName: 'Client', lastName: 'Gen' } });
    expect(created.response.status).toBe(201);
    expect(created.data?.created).toBe(true);

    // The document's anyOf (one name required) is what a handler refuses too: a 400 naming the field.
    const refused = await api.POST('/users', { body: { email: 'no.name@example.com' } as never });
    expect(refused.response.status).toBe(400);
    const fields = refused.error?.error.fields?.map((f) => f.field);
    expect(fields).toEqual(['displayName']);
  });

  it('lists numbers with typed query parameters', async () => {
    const { data } = await api.GET('/numbers', { params: { query: { available: true, location: 'Branch Office', limit: 3 } } });
    expect(data?.items).toHaveLength(3);
    expect(data?.nextCursor).toEqual(expect.any(String));
  });

  it('sends a lifecycle event whose body type is the three detail-types', async () => {
    const { data, response } = await api.POST('/events', {
      body: {
        id: 'client-gen-left-1',
        source: 'hr.workday',
        'detail-type': 'Webex User Left',
        detail: { email: 'client.gen@example.com', policy: 'delete' },
      },
    });
    expect(response.status).toBe(202);
    expect(data).toMatchObject({ status: 'STARTED', stateMachine: 'Leaver', executionName: 'leaver-client-gen-left-1' });
  });

  it('is refused by the type checker for calls the document does not describe', () => {
    const typeOnly = () => {
      // @ts-expect-error: no such route
      void api.GET('/people');
      // @ts-expect-error: POST /users requires `email`
      void api.POST('/users', { body: { displayName: 'No Mail' } });
      // @ts-expect-error: not a detail-type the API routes
      void api.POST('/events', { body: { id: 'x', source: 'hr', 'detail-type': 'Webex User Fired', detail: { email: 'a@example.com' } } });
      // @ts-expect-error: `limit` is a number
      void api.GET('/numbers', { params: { query: { limit: 'many' } } });
    };
    expect(typeof typeOnly).toBe('function');
  });
});
