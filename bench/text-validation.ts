import { MAX_BODY_BYTES } from '../functions/lib/http/api-event';
import { ADVERSARIAL_TEXTS, plainText, textBodies, type TextBody } from '../test/support/adversarial-text';
import { handlers } from './local-handlers';
import { apiEvent, context } from './api-event';

const PATHS = { CreateUser: '/users', StartBulkJoiners: '/bulk/joiners' } as const;

async function timeBody(b: TextBody): Promise<number> {
  const event = { ...apiEvent('POST', PATHS[b.route]), body: b.body };
  const started = process.hrtime.bigint();
  const res = (await handlers[b.route](event, context)) as { statusCode: number };
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (res.statusCode !== 400) throw new Error(`${b.route} ${b.corpus}: expected a 400, got ${res.statusCode}`);
  return ms;
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)];
const median = (xs: number[]) => quantile(xs, 0.5);
/**
 * The fastest fifth's edge: load only ever adds time, and on a shared machine preemption stretches the longer of
 * two interleaved bodies more often, which moved the median's ratio by 3x between runs of the same code.
 */
const low = (xs: number[]) => quantile(xs, 0.2);

/**
 * Adversarial 64 KB bodies (each corpus of test/support/adversarial-text.ts as one over-long firstName of
 * POST /users, and as the names of as many POST /bulk/joiners joiners as fit) through the local handler,
 * against plain 64 KB bodies of the same route: of `iterations` interleaved runs each, the fastest fifth's edge
 * (the ratio) and the median (`medianRatio`, shown beside it).
 */
export async function measureTextValidation(iterations = 60) {
  const plain = Object.fromEntries(textBodies('plain', plainText, MAX_BODY_BYTES).map((b) => [b.route, b]));
  const rows = [];
  for (const [corpus, make] of Object.entries(ADVERSARIAL_TEXTS)) {
    for (const body of textBodies(corpus, make, MAX_BODY_BYTES)) {
      const base = plain[body.route];
      for (let i = 0; i < 5; i++) {
        await timeBody(body);
        await timeBody(base);
      }
      const a: number[] = [];
      const p: number[] = [];
      for (let i = 0; i < iterations; i++) {
        a.push(await timeBody(body));
        p.push(await timeBody(base));
      }
      rows.push({
        route: body.route, corpus, bytes: Buffer.byteLength(body.body), adversarialMs: low(a), plainMs: low(p), ratio: low(a) / low(p), medianRatio: median(a) / median(p),
      });
    }
  }
  const worst = rows.reduce((w, r) => (r.ratio > w.ratio ? r : w));
  return { rows, worst, target: 3 };
}
