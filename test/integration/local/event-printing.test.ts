import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventLine, LocalEventBus } from '../../../functions/local/local-event-bus';

/**
 * `npm start` prints each event the state machines publish as one line: the local lifecycle bus, where a
 * Webex Lifecycle Failed shows up as it would reach the alarm topic in AWS.
 */
describe('local event bus printing', () => {
  it('eventLine: one line with the time, detail-type, source and the detail as JSON', () => {
    const lines: string[] = [];
    const bus = new LocalEventBus((e) => lines.push(eventLine(e)));
    bus.putEvents({ Entries: [{ Source: 'webex-provisioning.lifecycle', DetailType: 'Webex Lifecycle Failed', Detail: { email: 'a@example.com', note: 'two\nlines' } }] });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^event \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z Webex Lifecycle Failed \(webex-provisioning\.lifecycle\) \{"email":"a@example.com","note":"two\\nlines"\}$/);
    expect(lines[0].split('\n')).toHaveLength(1);
    expect(bus.published[0]).toMatchObject({ detailType: 'Webex Lifecycle Failed', time: expect.any(String) });
  });

  describe('npm start', () => {
    let child: ChildProcess;
    let out = '';
    let dir: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'webex-start-'));
      const root = resolve(__dirname, '../../..');
      child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'functions/local/main.ts')], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
      // Its startup lines may reach this pipe in several chunks: wait for the last one it always prints.
      await until(() => /listening on (http:\S+)/.test(out) && out.includes('Activity table:'), 60_000);
    }, 90_000);
    afterAll(() => {
      child?.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    });

    it('prints a failed joiner as one "event … Webex Lifecycle Failed" line with who and why', async () => {
      const url = /listening on (http:\S+)/.exec(out)![1];
      expect(out).toContain('Published events (the lifecycle bus): one line each below, starting "event "');
      // A location the demo org does not have: the joiner fails once the user is created.
      const res = await fetch(`${url}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          id: '5d0e8f2a-1b2c-4d3e-8f40-000000000001',
          source: 'hr.workday',
          'detail-type': 'Webex User Joined',
          detail: { email: 'printed.joiner@example.com', firstName: 'Printed', lastName: 'Joiner', location: 'No Such Place' },
        }),
      });
      expect(res.status).toBe(202);
      await until(() => out.includes('Webex Lifecycle Failed'), 60_000);
      const line = out.split('\n').find((l) => l.includes('Webex Lifecycle Failed'))!;
      expect(line).toMatch(/^event \S+ Webex Lifecycle Failed \(webex-provisioning\.lifecycle\) \{/);
      const detail = JSON.parse(line.slice(line.indexOf('{')));
      expect(detail).toMatchObject({ status: 'FAILED', email: 'printed.joiner@example.com', origin: { source: 'hr.workday', detailType: 'Webex User Joined' }, error: { message: expect.stringContaining('No Such Place') } });
    }, 90_000);
  });
});

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for npm start');
    await new Promise((r) => setTimeout(r, 100));
  }
}
