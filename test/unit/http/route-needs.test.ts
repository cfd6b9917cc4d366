import { routes } from '../../../functions/routes';

// A row's `webex` flag (what the stack reads to give a function the secret, the Webex settings and the
// extension's layer) and its `needs` (what its Lambda entry composes) say the same thing.
describe('route rows', () => {
  it.each(routes.map((r) => [r.id, r] as const))('%s talks to Webex exactly when it needs the Webex client or its secret', (_id, route) => {
    const needs: readonly string[] = route.needs;
    const needsWebex = needs.includes('webex') || needs.includes('webexSecret');
    expect({ needsWebex, webexFlag: route.webex !== false }).toEqual({ needsWebex, webexFlag: needsWebex });
  });
});
