/**
 * A report as one self-contained HTML page a person reads or prints: inline CSS, no script, nothing
 * fetched (a Content-Security-Policy that allows inline styles only says so to the browser too), totals
 * first, then one table row per user. Every value is escaped: roster cells are whatever an HR export holds.
 */

export type Cell = string | number | undefined;

export interface ReportTable {
  heading: string;
  columns: string[];
  /** Columns holding identifiers (trackingIds, ids): shown whole, in a fixed-width face, broken anywhere. */
  idColumns?: string[];
  /** The rows, read once in order: a list, or made one at a time (a 10,000-action plan's never held whole). */
  rows: Iterable<Cell[]>;
  /** Said instead of an empty table. */
  empty: string;
}

export interface HtmlReportView {
  title: string;
  /** What the report is about, e.g. the plan id or execution name. */
  subject: string;
  generatedAt: string;
  totals: { label: string; value: number }[];
  /** Facts under the totals (digest, confirm value, where the file came from). */
  facts: { label: string; value: string }[];
  tables: ReportTable[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: Cell): string => (value === undefined ? '' : String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]));

const STYLE = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;margin:24px;background:#fff}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}
.subject{color:#555;margin:0 0 16px;word-break:break-all}
.totals{display:flex;flex-wrap:wrap;gap:12px;margin:0 0 16px;padding:0;list-style:none}
.totals li{border:1px solid #ccc;border-radius:6px;padding:8px 14px;min-width:90px}
.totals b{display:block;font-size:22px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0 0 16px}
dl.facts dt{font-weight:600}dl.facts dd{margin:0;word-break:break-all}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}
thead th{background:#f0f0f0}
td.id{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
tr.failed td{background:#fff1f0}
@media print{body{margin:0}thead{display:table-header-group}tr{break-inside:avoid}.totals li{border-color:#000}}
`;

function table(t: ReportTable, statusColumn: number): string {
  const ids = new Set((t.idColumns ?? []).map((c) => t.columns.indexOf(c)));
  // One string per row: the page's pieces stay as many as its rows, not its cells.
  const body: string[] = [];
  for (const row of t.rows) {
    const failed = statusColumn >= 0 && /^fail/i.test(String(row[statusColumn] ?? ''));
    const cells = row.map((cell, i) => (ids.has(i) ? `<td class="id">${escapeHtml(cell)}</td>` : `<td>${escapeHtml(cell)}</td>`)).join('');
    body.push(`${failed ? '<tr class="failed">' : '<tr>'}${cells}</tr>\n`);
  }
  if (!body.length) return `<h2>${escapeHtml(t.heading)}</h2>\n<p>${escapeHtml(t.empty)}</p>\n`;
  const head = t.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  return `<h2>${escapeHtml(t.heading)}</h2>\n<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body.join('')}</tbody>\n</table>\n`;
}

/** Each item's row, made as the page reads it. */
export function* rowsOf<T>(items: Iterable<T>, row: (item: T) => Cell[]): Iterable<Cell[]> {
  for (const item of items) yield row(item);
}

export function renderHtmlReport(view: HtmlReportView): string {
  const out = [
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">\n`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
    `<title>${escapeHtml(view.title)}: ${escapeHtml(view.subject)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n`,
    `<h1>${escapeHtml(view.title)}</h1>\n<p class="subject">${escapeHtml(view.subject)} · ${escapeHtml(view.generatedAt)}</p>\n`,
    '<ul class="totals">',
    ...view.totals.map((t) => `<li><b>${escapeHtml(t.value)}</b>${escapeHtml(t.label)}</li>`),
    '</ul>\n',
  ];
  if (view.facts.length) {
    out.push('<dl class="facts">');
    for (const f of view.facts) out.push(`<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd>`);
    out.push('</dl>\n');
  }
  for (const t of view.tables) out.push(table(t, t.columns.indexOf('status')));
  out.push('</body>\n</html>\n');
  return out.join('');
}

export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';
