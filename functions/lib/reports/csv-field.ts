/**
 * Where a spreadsheet may start a cell: the start of the field, or after any separator one might split on
 * (comma, semicolon, tab, a line break), spaces allowed; a cell starting there with = + - @ it runs as a
 * formula.
 */
const FORMULA_START = /(^|[,;\t\r\n])([ ]*)(?=[=+\-@])/g;

/**
 * One CSV cell of every file the product writes: each place a spreadsheet could start a formula cell is
 * prefixed with ' (not only the field's start: a locale that splits on ; would start one inside
 * `Sales;=1+1`), and the field is quoted when it holds a quote, a separator or a line break.
 */
export const csvField = (value: string | number | undefined) => {
  const text = value === undefined ? '' : String(value);
  const safe = text.replace(FORMULA_START, "$1$2'");
  return /[",;\t\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};
