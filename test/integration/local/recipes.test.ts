import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { API_SCOPES } from '../../../functions/lib/http/scopes';
import { startHarness, type Harness } from '../../support/harness';
import { signRequest } from '../../../e2e/sigv4';
import { atPath, httpBlocks, readRecipe, replayRecipe, type Expand } from '../../support/http-recipes';

/**
 * The recipes in docs/integrations/ show the exact requests a tool sends: their commands run here, as written,
 * against the local API under LOCAL_API_AUTH=oauth (the first block, which sets the deployed values, is replaced by
 * the local ones).
 */
const SECRET = 'recipe-client-secret-0123456789';
/** The example client the tool pages show (their Basic headers encode it). */
const PAGE_CLIENT = { name: '1example23456789abcdefghij', secret: 'EXAMPLEs3cretOnlyForTheseDocs0123456789abcdefghijk', scopes: [...API_SCOPES] };
let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, { oauth: { clients: [{ name: 'recipe', secret: SECRET, scopes: [...API_SCOPES] }, PAGE_CLIENT] } });
});
// The lifecycle runs the recipes start go on after their answers: let them end before the runtime closes.
afterAll(async () => {
  await h.runtime.executions.settle();
  await h.close();
});

const blocks = (file: string) => [...readFileSync(join(__dirname, '../../../docs/integrations', file), 'utf8').matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);

describe('docs/integrations/curl.md', () => {
  it('its commands get a narrowed token, read and change a user, and show the 403 naming the scope', async () => {
    const [, token, calls, refusal] = blocks('curl.md');
    const script = `set -euo pipefail\n${token}\n${calls.replace(/\n(?=curl)/g, '\necho\n')}\necho\n${refusal}`;
    const { stdout } = await promisify(execFile)('bash', ['-c', script], {
      env: { PATH: process.env.PATH, API: h.api.url, TOKEN_URL: `${h.api.url}/oauth2/token`, CLIENT_ID: 'recipe', CLIENT_SECRET: SECRET },
    });
    const [read, changed, refused] = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(read).toMatchObject({ email: 'alice.admin@example.com' });
    expect(changed).toMatchObject({ email: 'alice.admin@example.com', title: 'Account Executive' });
    // The refusal the page prints, word for word.
    expect(JSON.stringify(refused)).toBe(refusal.split('\n').find((l) => l.startsWith('# {'))!.slice(2));
  });
});

async function readUser(email: string): Promise<unknown> {
  const res = await fetch(`${h.api.url}/users/${encodeURIComponent(email)}`, { headers: { authorization: `Bearer ${h.api.oauth!.mint('recipe', ['users.read'])}` } });
  return res.json();
}

/**
 * Jira's smart values as its automation expands them: `{{webResponse.…}}` is the latest web request's answer,
 * `{{issue.…}}` the work item, and the text functions the page uses (`.jsonEncode`, `.urlEncode`).
 */
function jiraSmartValues(issue: Record<string, unknown>): Expand {
  return (text, context) =>
    text.replace(/\{\{([^{}]+)\}\}/g, (_, expression: string) => {
      const parts = expression.trim().split('.');
      const fn = parts.at(-1) === 'jsonEncode' || parts.at(-1) === 'urlEncode' ? parts.pop() : undefined;
      const [root, ...path] = parts;
      const latest = context.exchanges.at(-1);
      const scope = root === 'webResponse' || root === 'webhookResponse' ? { body: latest?.json, status: latest?.status } : root === 'issue' ? issue : undefined;
      const value = path.length ? atPath(scope, path.join('.')) : scope;
      if (value === undefined) throw new Error(`The smart value {{${expression}}} is empty here`);
      const out = String(value);
      if (fn === 'jsonEncode') return JSON.stringify(out).slice(1, -1);
      if (fn === 'urlEncode') return encodeURIComponent(out);
      return out;
    });
}

describe('docs/integrations/jira-service-management.md', () => {
  const issue = {
    key: 'HR-42',
    customfield_10060: 'dana.oconnor@example.com',
    customfield_10061: 'Dana',
    customfield_10062: 'O"Connor',
    customfield_10063: { value: 'Headquarters' },
  };

  it('its two web requests get a token and send the joiner event; the rule run again is a duplicate', async () => {
    const blocks = httpBlocks(readRecipe('jira-service-management.md'));
    expect(blocks.filter((b) => b.kind === 'request')).toHaveLength(2);
    const [token, event] = await replayRecipe(blocks, h.api.url, jiraSmartValues(issue));
    expect(token.status).toBe(200);
    expect(event.status).toBe(202);

    // The rule runs again for the same work item: the same requests, the same event id.
    const again = await replayRecipe(blocks.filter((b) => b.kind === 'request'), h.api.url, jiraSmartValues(issue));
    expect(again.map((e) => e.status)).toEqual([200, 200]);
    expect(again[1].json).toMatchObject({ status: 'DUPLICATE' });

    await h.runtime.executions.settle();
    const user = await readUser(issue.customfield_10060);
    expect(user).toMatchObject({ email: 'dana.oconnor@example.com', lastName: 'O"Connor', calling: { enabled: true } });
  });
});

/** ServiceNow's REST Message variables (`${name}`), set as the page's script sets them, and the token it adds itself. */
function serviceNowVariables(values: Record<string, string>): Expand {
  return (text, context) =>
    text
      .replace(/\$\{(\w+)\}/g, (_, name: string) => {
        if (!(name in values)) throw new Error(`No value for the variable \${${name}}`);
        return values[name];
      })
      .replace('<token>', () => context.token());
}

describe('docs/integrations/servicenow.md', () => {
  const page = readRecipe('servicenow.md');

  it('its OAuth profile gets a token and its REST Message methods create a user, enable calling and read them', async () => {
    const email = 'sam.okafor@example.com';
    const blocks = httpBlocks(page);
    expect(blocks.filter((b) => b.kind === 'request')).toHaveLength(4);
    const exchanges = await replayRecipe(
      blocks,
      h.api.url,
      serviceNowVariables({ email: JSON.stringify(email).slice(1, -1), user: encodeURIComponent(email), firstName: 'Sam', lastName: 'Okafor', location: 'Headquarters' }),
    );
    expect(exchanges.map((e) => e.status)).toEqual([200, 201, 200, 200]);
  });

  it('its SigV4 request is what @smithy/signature-v4 signs for execute-api with that key and time', async () => {
    const [signed] = httpBlocks(page, 'http-sigv4');
    if (signed.kind !== 'request') throw new Error('the SigV4 block is a request');
    const header = (name: string) => signed.headers.find(([n]) => n.toLowerCase() === name)?.[1];
    const url = new URL(signed.url);
    const [, region, service] = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\//.exec(header('authorization')!)!;
    expect([region, service]).toEqual(['eu-west-1', 'execute-api']);
    const expected = await signRequest(
      { method: signed.method, url },
      {
        region,
        service,
        // AWS's documented example key (IAM user guide), as the page says.
        credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
        now: new Date('2026-12-07T09:00:00Z'),
      },
    );
    expect({ host: header('host'), 'x-amz-date': header('x-amz-date'), authorization: header('authorization') }).toEqual(expected);
  });
});

/** A tool whose connection adds the token itself, the rest of each request written out as sent. */
const connectionToken: Expand = (text, context) => text.replace('<token>', () => context.token());

describe('docs/integrations/okta-workflows.md', () => {
  it("its connection gets a token and its API Connector cards send the joiner and the leaver events", async () => {
    const exchanges = await replayRecipe(httpBlocks(readRecipe('okta-workflows.md')), h.api.url, connectionToken);
    expect(exchanges.map((e) => e.status)).toEqual([200, 202, 202]);
  });
});

/**
 * The Power Automate expressions the page uses, `@{…}`: `triggerBody()?['input']`, `body('Action')?['field']` (the
 * answer of the request labelled Action) and `encodeUriComponent(…)`.
 */
function powerAutomateExpressions(trigger: Record<string, string>): Expand {
  const evaluate = (expression: string, context: Parameters<Expand>[1]): string => {
    const encoded = /^encodeUriComponent\((.*)\)$/.exec(expression);
    if (encoded) return encodeURIComponent(evaluate(encoded[1], context));
    const input = /^triggerBody\(\)\?\['(\w+)'\]$/.exec(expression);
    if (input && input[1] in trigger) return trigger[input[1]];
    const body = /^body\('(\w+)'\)\?\['(\w+)'\]$/.exec(expression);
    if (body) return String(atPath(context.named(body[1]).json, body[2]));
    throw new Error(`An expression the replay does not evaluate: ${expression}`);
  };
  return (text, context) => text.replace(/@\{([^{}]+)\}/g, (_, expression: string) => evaluate(expression.trim(), context));
}

describe('docs/integrations/power-automate.md', () => {
  it('its two HTTP actions get a token and change a job title with it', async () => {
    const blocks = httpBlocks(readRecipe('power-automate.md'));
    const exchanges = await replayRecipe(blocks, h.api.url, powerAutomateExpressions({ text: 'alice.admin@example.com', text_1: 'Regional Sales Lead' }));
    expect(exchanges.map((e) => [e.request.name, e.status])).toEqual([
      ['Get_token', 200],
      ['Update_title', 200],
    ]);
  });
});
