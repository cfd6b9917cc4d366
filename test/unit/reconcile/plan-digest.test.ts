import { createHash } from 'node:crypto';
import { canonicalJson, planDigest, serializePlan } from '../../../functions/lib/reconcile/plan-digest';

/**
 * The canonical JSON written in pieces (and hashed in chunks) is the canonical JSON: keys sorted at every level,
 * undefined members left out, undefined array items as null, the `digest` member excluded from the digest, the
 * same text and digest however large the plan (chunks of 64 KB split it anywhere, multi-byte characters too).
 */
const sortedJson = (value: unknown): string => JSON.stringify(value, (_k, v) =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v);
const sha = (text: string) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;

const plan = {
  z: 1, id: 'p', a: { y: [1, undefined, { d: 'Zoë', c: null }], b: undefined }, digest: 'sha256:old',
  actions: Array.from({ length: 3_000 }, (_, i) => ({ where: `lines.${i + 2}`, email: `user.${i}@example.com`, reason: `naïve → ${i} “quoted” 日本`, after: { title: undefined, displayName: `User ${i}` } })),
};

it('is the sorted JSON a plain JSON round trip gives, for a plan of several 64 KB chunks', () => {
  const text = canonicalJson(plan);
  expect(text.length).toBeGreaterThan(3 * 65_536);
  expect(text).toBe(sortedJson(JSON.parse(JSON.stringify(plan))));
  expect(serializePlan(plan)).toBe(`${text}\n`);
});

it('digests the plan without its digest member, as the stored bytes do', () => {
  const { digest: _d, ...content } = plan;
  expect(planDigest(plan)).toBe(sha(sortedJson(JSON.parse(JSON.stringify(content)))));
  expect(planDigest({ ...plan, digest: 'sha256:other' })).toBe(planDigest(plan));
  expect(planDigest({ ...plan, z: 2 })).not.toBe(planDigest(plan));
});
