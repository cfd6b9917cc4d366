import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { planHtml } from '../../../functions/lib/reconcile/report-html';
import { webexId } from '../../../functions/simulator/ids';
import { DEMO_IDS } from '../../../functions/simulator/seed';
import type { ReconcilePlan } from '../../../functions/lib/reconcile/schemas';
import { finishedBulkRun } from '../../support/bulk-runs';
import { ARTIFACTS_DIR, chromiumAvailable, launchChromium } from '../../support/chromium';
import type { Harness } from '../../support/harness';
import { useLifecycleHarness } from '../../support/lifecycle-harness';
import { useLocalImportsBucket } from '../../support/local-imports-bucket';

/**
 * The HTML reports as a person sees them: rendered by Debian's chromium (headless, driven by playwright-core),
 * opened from the URL GET …/report answers, asserted on their text and structure, a screenshot kept in
 * test/artifacts/. In CI a missing chromium fails (support/chromium.ts); locally the tests skip, saying so.
 */
const BUCKET = 'imports';
const bucket = useLocalImportsBucket(BUCKET);
let h: Harness;
useLifecycleHarness((harness) => (h = harness));

const run = chromiumAvailable() ? describe : describe.skip;

run('HTML reports in chromium', () => {
  let browser: { context: BrowserContext; close: () => Promise<void> };
  const requested: string[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
    // Everything the pages ask for: a report must fetch nothing but itself.
    browser.context.on('request', (r) => requested.push(r.url()));
  }, 60_000);
  afterAll(() => browser?.close());

  // The page's DOM (the repo's TypeScript has no DOM library: its elements are typed loosely here).
  type El = { textContent: string | null; tagName: string; className: string; querySelectorAll(s: string): Iterable<El> };
  const cells = (page: Page) => page.$$eval('table tbody tr', (rows) => (rows as unknown as El[]).map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent ?? '')));

  /**
   * Opens the bulk run's report from the URL GET …/report answers (15 minutes): a bulk joiners page, totals before
   * any table, with these totals and columns. Answers the page and the URL.
   */
  async function openBulkReport(name: string, totals: string[], columns: string[]): Promise<{ page: Page; url: string }> {
    const link = await h.call('GET', `/bulk/joiners/${name}/report`);
    expect(link.status).toBe(200);
    expect(link.body.expiresInSeconds).toBe(15 * 60);
    requested.length = 0;
    const page = await browser.context.newPage();
    const response = await page.goto(link.body.url);
    expect(response?.status()).toBe(200);
    expect(await page.textContent('h1')).toBe('Bulk joiners report');
    const order = await page.$$eval('body > *', (els) => (els as unknown as El[]).map((e) => e.tagName.toLowerCase() + (e.className ? `.${e.className}` : '')));
    expect(order.indexOf('ul.totals')).toBeLessThan(order.indexOf('table'));
    expect(await page.$$eval('ul.totals li', (lis) => lis.map((li) => li.textContent))).toEqual(totals);
    expect(await page.$$eval('thead th', (ths) => ths.map((th) => th.textContent))).toEqual(columns);
    return { page, url: link.body.url };
  }

  it("a CSV run's report: totals first, one row per user by the file's line, 'created; calling not enabled: <why>', nothing fetched", async () => {
    const csv = [
      'email,firstName,lastName,location,phoneNumber',
      'render.ok@example.com,Ok,User,Headquarters,',
      // A Headquarters number in Branch Office, named by its id: the user is created, calling is not; the report names Branch Office.
      `render.wrong@example.com,Wrong,Number,${DEMO_IDS.locations.branchOffice},+14085550110`,
    ].join('\r\n');
    await bucket.store().putText(BUCKET, 'joiners/render.csv', `${csv}\r\n`);
    const started = await h.call('POST', '/bulk/joiners/csv', { key: 'joiners/render.csv', idempotencyKey: 'render-1' });
    expect(started.status).toBe(202);
    const name = started.body.executionName as string;
    const status = await finishedBulkRun(h, 'BulkJoinersCsv', name);
    // GET names the failed user's location by its name, as do the JSON and CSV files.
    expect(status.report.failures).toEqual([expect.objectContaining({ line: 3, location: 'Branch Office', outcome: expect.stringMatching(/^created; calling not enabled: .*"Branch Office"/) })]);
    const json = JSON.parse((await bucket.store().getText(BUCKET, `reports/${name}.json`)).text);
    expect(json.results.map((r: { location: string }) => r.location)).toEqual(['Headquarters', 'Branch Office']);
    const csvReport = (await bucket.store().getText(BUCKET, `reports/${name}.csv`)).text.trim().split('\r\n');
    expect(csvReport[2]).toMatch(/^3,render\.wrong@example\.com,FAILED,"created; calling not enabled: /);
    expect(csvReport[2]).toContain('not to location ""Branch Office""",Branch Office,');
    const { page, url } = await openBulkReport(name, ['2users', '1succeeded', '1failed'], ['line', 'email', 'status', 'outcome', 'location', 'userId', 'trackingId']);
    const rows = await cells(page);
    expect(rows).toEqual([
      ['2', 'render.ok@example.com', 'succeeded', 'created', 'Headquarters', expect.any(String), ''],
      ['3', 'render.wrong@example.com', 'failed', expect.stringMatching(/^created; calling not enabled: \+14085550110 belongs to location "Headquarters", not to location "Branch Office"/), 'Branch Office', expect.any(String), ''],
    ]);
    expect(await page.$$('script')).toHaveLength(0);
    expect(requested).toEqual([url]);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'bulk-csv-report.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it("a JSON run's report: totals first, one row per user by its index in the request (the GET answer's), 'created; calling not enabled: <why>', the whole trackingId, location names for ids", async () => {
    // Locations named by id (users 0 and 1), by name (2), and by an id Webex does not know (3): the report names
    // the first three by name, the last as the request gave it.
    const unknownLocation = webexId('LOCATION', '0b6f7c1e-2a4d-4f8e-9c31-1a2b3c4d5eff');
    const users = [
      { email: 'json.ok@example.com', firstName: 'Ok', lastName: 'Json', location: DEMO_IDS.locations.headquarters, extension: '6101' },
      { email: 'json.refused@example.com', firstName: 'Refused', lastName: 'Json', location: DEMO_IDS.locations.branchOffice, extension: '6102' },
      { email: 'json.later@example.com', firstName: 'Later', lastName: 'Json', location: 'Headquarters', extension: '6103' },
      { email: 'json.nowhere@example.com', firstName: 'Nowhere', lastName: 'Json', location: unknownLocation, extension: '6104' },
    ];
    // Webex refuses the second user's calling license (once): the user exists, calling is not enabled.
    const refusal = 'The calling license could not be assigned in this location';
    h.sim.faults.add({ match: { method: 'PATCH', path: '/licenses/users' }, kind: 'status', status: 400, body: { message: refusal, errors: [{ description: refusal }] }, skip: 1, times: 1 });
    // One joiner at a time, so the refusal lands on users[1].
    process.env.BULK_JOINERS_MAX_CONCURRENCY = '1';
    const started = await h.call('POST', '/bulk/joiners', { users, idempotencyKey: 'render-json-1' }).finally(() => delete process.env.BULK_JOINERS_MAX_CONCURRENCY);
    expect(started.status).toBe(202);
    const name = started.body.executionName as string;
    // A run that has written no report is a 404.
    expect((await h.call('GET', '/bulk/joiners/bulk-k-never-run/report')).status).toBe(404);
    const status = await finishedBulkRun(h, 'BulkJoiners', name);
    expect(status.report).toMatchObject({ total: 4, succeeded: 2, failed: 2 });
    expect(status.report.results.map((r: { location: string }) => r.location)).toEqual(['Headquarters', 'Branch Office', 'Headquarters', unknownLocation]);
    const refused = status.report.results[1];
    const trackingId = h.webexCalls('PATCH', '/licenses/users').find((c) => c.status === 400)!.trackingId;
    expect(refused).toMatchObject({ index: 1, email: users[1].email, outcome: expect.stringMatching(/^created; calling not enabled: /), error: { trackingId } });
    const { page, url } = await openBulkReport(name, ['4users', '2succeeded', '2failed'], ['index', 'email', 'status', 'outcome', 'location', 'userId', 'trackingId']);
    expect(await page.textContent('h2')).toBe('Users, by index in the request (users[index])');
    const rows = await cells(page);
    // The same numbering, words and ids as GET /bulk/joiners/{name}.
    expect(rows).toEqual(status.report.results.map((r: { index: number; email: string; status: string; outcome: string; location: string; userId: string; error?: { trackingId?: string } }) =>
      [String(r.index), r.email, r.status.toLowerCase(), r.outcome, r.location, r.userId ?? '', r.error?.trackingId ?? '']));
    expect(rows.map((r) => r[0])).toEqual(['0', '1', '2', '3']);
    expect(rows[0]).toEqual(['0', users[0].email, 'succeeded', 'created', 'Headquarters', expect.any(String), '']);
    expect(rows[1]).toEqual(['1', users[1].email, 'failed', expect.stringMatching(new RegExp(`^created; calling not enabled: .*${refusal}`)), 'Branch Office', refused.userId, trackingId]);
    expect(trackingId.length).toBeGreaterThan(40);
    expect(rows[3]).toEqual(['3', users[3].email, 'failed', expect.stringMatching(/^created; calling not enabled: /), unknownLocation, expect.any(String), '']);
    expect(await page.$$eval('tr.failed', (trs) => trs.length)).toBe(2);
    expect(await page.$$('script, img, link, iframe')).toHaveLength(0);
    expect(requested).toEqual([url]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('thead', (t) => (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(t).display)).toBe('table-header-group');
    await page.emulateMedia({ media: 'screen' });
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'bulk-json-report.png'), fullPage: true });
    await page.close();

    // Beside it, the JSON and the CSV, numbered the same way.
    const json = JSON.parse((await bucket.store().getText(BUCKET, `reports/${name}.json`)).text);
    expect(json).toEqual({ ...status.report, results: status.report.results });
    const csv = (await bucket.store().getText(BUCKET, `reports/${name}.csv`)).text.trim().split('\r\n');
    expect(csv[0]).toBe('index,email,status,outcome,location,userId,trackingId,errorCode,errorMessage');
    expect(csv[2]).toContain(`1,${users[1].email},FAILED,"created; calling not enabled: `);
    expect(csv[2]).toContain(`,Branch Office,${refused.userId},${trackingId},`);
    expect(csv[1]).toMatch(/^0,json\.ok@example\.com,SUCCEEDED,created,Headquarters,/);
    expect(csv[4]).toContain(`,${unknownLocation},`);
  }, 60_000);

  it('a plan report: roster cells are text, never markup; location names, the confirm value; printable', async () => {
    const evil = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>';
    const plan: ReconcilePlan = {
      id: '00000000-0000-4000-8000-00000000abcd', createdAt: '2026-12-07T04:00:00.000Z', scope: { emailDomains: ['example.com'] },
      policy: { leaverPolicy: 'deactivate', allowMoves: true, thresholds: { maxLeaverPercent: 10, maxLeavers: 50 } },
      inScope: 3, unchanged: 0, rosterOutOfScope: 0, counts: { join: 1, enableCalling: 0, move: 0, updateProfile: 0, leave: 2 },
      needsConfirmation: true, skipped: [], locationNames: { LOC_BO: 'Branch Office', LOC_HQ: 'Headquarters' },
      actions: [
        { kind: 'join', where: 'lines.2', email: 'x@example.com', before: {}, after: { displayName: evil, locationId: 'LOC_BO' }, seen: null, reason: `in the roster (lines.2) ${evil}` },
        { kind: 'leave', email: 'l1@example.com', userId: 'U1', before: { locationId: 'LOC_HQ' }, after: {}, seen: null, reason: 'in scope, not in the roster: deactivate' },
        { kind: 'leave', email: 'l2@example.com', userId: 'U2', before: {}, after: {}, seen: null, reason: 'in scope, not in the roster: deactivate' },
      ],
    };
    const page = await browser.context.newPage();
    await page.setContent(planHtml(plan));
    expect(await page.title()).toBe(`Reconciliation plan: plan ${plan.id}`);
    expect(await page.$$('img, script, link, iframe')).toHaveLength(0);
    const rows = await cells(page);
    expect(rows[0]).toEqual(['line 2', 'join', 'x@example.com', 'Branch Office', '', `displayName=${evil}; location=Branch Office`, `in the roster (lines.2) ${evil}`, '']);
    expect(rows[1][3]).toBe('Headquarters');
    expect(await page.textContent('dl.facts')).toContain('required: apply with confirm = 2');
    // Printable: the table header repeats on each printed page.
    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('thead', (t) => (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(t).display)).toBe('table-header-group');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'plan-report.png'), fullPage: true });
    await page.close();
  }, 60_000);
});
