import { escapeHtml, renderHtmlReport } from '../../../functions/lib/reports/html';

const EVIL = `<script>alert(1)</script><img src=x onerror="alert(2)"><link rel=stylesheet href=//evil.example/x.css>' & "`;

describe('HTML reports', () => {
  it('escape every value: a roster cell cannot add markup, a script, or anything fetched', () => {
    const html = renderHtmlReport({
      title: EVIL, subject: EVIL, generatedAt: EVIL,
      totals: [{ label: EVIL, value: 1 }],
      facts: [{ label: EVIL, value: EVIL }],
      tables: [{ heading: EVIL, columns: ['status', EVIL], idColumns: [EVIL], rows: [['failed', EVIL]], empty: EVIL }],
    });
    expect(html).not.toMatch(/<(script|img|link)\b/i);
    expect(html).not.toMatch(/onerror="/);
    expect(html).toContain(escapeHtml(EVIL));
    expect(escapeHtml(EVIL)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;&lt;link rel=stylesheet href=//evil.example/x.css&gt;&#39; &amp; &quot;');
    // The page itself forbids scripts and fetching anything (inline styles only).
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('totals come before the tables; an empty table says so', () => {
    const html = renderHtmlReport({ title: 't', subject: 's', generatedAt: 'g', totals: [{ label: 'failed', value: 3 }], facts: [], tables: [{ heading: 'Users', columns: ['a'], rows: [], empty: 'No users.' }] });
    expect(html.indexOf('class="totals"')).toBeLessThan(html.indexOf('<h2>Users</h2>'));
    expect(html).toContain('<p>No users.</p>');
  });
});
