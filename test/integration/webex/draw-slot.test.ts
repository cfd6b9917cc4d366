import { WebexClient } from '../../../functions/lib/webex/client';
import { withRequestGate } from '../../../functions/lib/webex/request-gate';
import { startScriptedServer, type ScriptedServer } from '../../support/scripted-http-server';

// The client's real transport against a loopback server answering from a script.
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const client = (drawSlot: () => Promise<unknown>, warnings: string[] = []) =>
  new WebexClient({
    baseUrl: `${server.url}/v1`,
    tokenProvider: { getAccessToken: async () => 'token', invalidate: () => undefined },
    sleep: async () => undefined,
    random: () => 0,
    drawSlot,
    logger: { debug: () => undefined, info: () => undefined, warn: (m: string) => warnings.push(m), error: () => undefined } as never,
  });

describe("the Webex client's slot in the pacing budget (drawSlot)", () => {
  it('waits for a slot before every attempt, the retry after a 429 too, and sends nothing before the slot is given', async () => {
    const order: string[] = [];
    server.script([
      { status: 429, body: { message: 'slow down' }, headers: { 'retry-after': '1' } },
      { status: 200, body: { items: [] } },
    ]);
    let release: () => void = () => undefined;
    const first = new Promise<void>((resolve) => (release = resolve));
    let draws = 0;
    const pending = client(async () => {
      order.push(`draw ${++draws} (sent ${server.requests.length})`);
      if (draws === 1) await first;
    }).get('/people');
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Held at the first slot: nothing has reached Webex.
    expect(server.requests).toHaveLength(0);
    release();
    await pending;
    expect(order).toEqual(['draw 1 (sent 0)', 'draw 2 (sent 1)']);
    expect(server.requests).toHaveLength(2);
  });

  it('a budget that cannot be reached does not fail the request: it goes, unpaced, and the failure is logged', async () => {
    server.script([{ status: 200, body: { id: 'p1' } }]);
    const warnings: string[] = [];
    const res = await client(async () => {
      throw Object.assign(new Error('no table'), { name: 'ActivityStoreUnavailableError' });
    }, warnings).get('/people/p1');
    expect(res.status).toBe(200);
    expect(warnings).toEqual(['webex pace draw failed']);
  });
});

describe("the Webex client's request gate (a paced step's send slots)", () => {
  it('asks the gate of the work it runs in once before each request, not before a resend, and sends nothing before its turn', async () => {
    server.script([
      { status: 200, body: { id: 'p1' } },
      { status: 429, body: { message: 'slow down' }, headers: { 'retry-after': '1' } },
      { status: 200, body: { id: 'p1' } },
    ]);
    const order: string[] = [];
    let release: () => void = () => undefined;
    const second = new Promise<void>((resolve) => (release = resolve));
    let turns = 0;
    const gate = {
      next: async () => {
        order.push(`turn ${++turns} (sent ${server.requests.length})`);
        if (turns === 2) await second;
      },
    };
    const webex = client(async () => undefined);
    const pending = withRequestGate(gate, async () => {
      await webex.get('/people/p1');
      await webex.get('/people/p1');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The second request waits at its turn: only the first has reached Webex.
    expect(server.requests).toHaveLength(1);
    release();
    await pending;
    // Two turns for two requests; the resend after the 429 waited for its Retry-After, not for a turn.
    expect(order).toEqual(['turn 1 (sent 0)', 'turn 2 (sent 1)']);
    expect(server.requests).toHaveLength(3);
  });

  it('outside a gate, and after a gate that fails, requests go at once (the failure logged)', async () => {
    server.script([{ status: 200, body: { id: 'p1' } }, { status: 200, body: { id: 'p1' } }]);
    const warnings: string[] = [];
    const webex = client(async () => undefined, warnings);
    await webex.get('/people/p1');
    await withRequestGate({ next: async () => { throw new Error('no table'); } }, () => webex.get('/people/p1'));
    expect(server.requests).toHaveLength(2);
    expect(warnings).toEqual(['webex pace gate failed']);
  });
});
