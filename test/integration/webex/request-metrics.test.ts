import { emfWebexMetrics, WEBEX_METRIC, WEBEX_METRICS_SERVICE } from '../../../functions/lib/aws/emf-webex-metrics';
import { WebexClient } from '../../../functions/lib/webex/client';
import type { WebexAttempt } from '../../../functions/lib/webex/request-metrics';
import { captureEmf } from '../../support/emf-capture';
import { closedPort, startScriptedServer, type ScriptedServer } from '../../support/scripted-http-server';

// The client's real transport against a loopback server answering from a script; the metrics through Powertools' EMF.
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const SECRET_TOKEN = 'secret-access-token-value';

function clientWith(metrics: { attempted(a: WebexAttempt): void }) {
  return new WebexClient({
    baseUrl: `${server.url}/v1`,
    tokenProvider: { getAccessToken: async () => SECRET_TOKEN, invalidate: () => undefined },
    sleep: async () => undefined,
    random: () => 0,
    metrics,
  });
}

describe('Webex request metrics', () => {
  it('reports every attempt to the metrics port: a 429, a 5xx and the success after them', async () => {
    const seen: WebexAttempt[] = [];
    server.script([
      { status: 429, body: { message: 'slow down' }, headers: { 'retry-after': '1' } },
      { status: 503, body: { message: 'unavailable' } },
      { status: 200, body: { items: [] } },
    ]);
    await clientWith({ attempted: (a) => seen.push(a) }).get('/people');
    expect(seen.map((a) => a.status)).toEqual([429, 503, 200]);
    for (const a of seen) expect(a.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('publishes one EMF line per attempt: WebexRateLimited for a 429, WebexServerError for a 5xx, latency for each', async () => {
    server.script([
      { status: 429, body: { message: 'slow down' }, headers: { 'retry-after': '1' } },
      { status: 502, body: { message: 'bad gateway' } },
      { status: 200, body: { id: 'p1' } },
    ]);
    const lines = await captureEmf(WEBEX_METRICS_SERVICE, async (metrics) => {
      await clientWith(emfWebexMetrics(metrics)).get('/people/p1', { query: { email: 'alice@example.com' } });
    });
    expect(lines).toHaveLength(3);
    const values = lines.map((l) => ({ rateLimited: l[WEBEX_METRIC.rateLimited], serverError: l[WEBEX_METRIC.serverError], noAnswer: l[WEBEX_METRIC.noAnswer] }));
    expect(values).toEqual([
      { rateLimited: 1, serverError: 0, noAnswer: 0 },
      { rateLimited: 0, serverError: 1, noAnswer: 0 },
      { rateLimited: 0, serverError: 0, noAnswer: 0 },
    ]);
    for (const line of lines) {
      const aws = line._aws as { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
      const [directive] = aws.CloudWatchMetrics;
      expect(directive.Namespace).toBe('WebexProvisioning');
      expect(directive.Metrics).toContainEqual({ Name: WEBEX_METRIC.latency, Unit: 'Milliseconds' });
      expect(typeof line[WEBEX_METRIC.latency]).toBe('number');
      // The only dimension is the fixed service: no path, person id, e-mail, token or trackingId.
      expect(directive.Dimensions).toEqual([['service']]);
      expect(line.service).toBe(WEBEX_METRICS_SERVICE);
      const text = JSON.stringify(line);
      for (const secret of [SECRET_TOKEN, 'alice', 'p1', 'WEBEXPROV', '/people']) expect(text).not.toContain(secret);
    }
  });

  it('counts an attempt without an answer as WebexNoAnswer', async () => {
    const seen: WebexAttempt[] = [];
    const c = new WebexClient({
      baseUrl: `http://127.0.0.1:${await closedPort()}/v1`,
      tokenProvider: { getAccessToken: async () => SECRET_TOKEN, invalidate: () => undefined },
      sleep: async () => undefined,
      maxAttempts: 2,
      metrics: { attempted: (a) => seen.push(a) },
    });
    await expect(c.get('/people')).rejects.toThrow();
    expect(seen).toHaveLength(2);
    expect(seen.every((a) => a.failure === 'connection' && a.status === undefined)).toBe(true);
  });
});
