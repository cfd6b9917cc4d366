import { clip, type FieldIssue } from '../errors';
import { joinerDetailWithDefaults } from '../lifecycle/router';
import { UserJoinedDetail } from '../schemas/lifecycle-events';

/**
 * Joiners from a CSV file: one user a row, the first row naming the columns, exactly as Step Functions'
 * Distributed Map reads it (ItemReader InputType CSV, CSVHeaderLocation FIRST_ROW: every row becomes an
 * object of strings keyed by the header). The same conversion runs in the preflight (POST
 * /bulk/joiners/csv: every row checked before anything starts) and on each batch in the state machine.
 */

/** The columns: a `Webex User Joined` detail's fields. Header names match case-insensitively. */
export const CSV_COLUMNS = [
  'email',
  'firstName',
  'lastName',
  'displayName',
  'department',
  'title',
  'location',
  'phoneNumber',
  'extension',
  'autoAssignNumber',
  'license',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
const COLUMN_BY_LOWER = new Map<string, Column>(CSV_COLUMNS.map((c) => [c.toLowerCase(), c]));
export const REQUIRED_COLUMNS: readonly Column[] = ['email', 'location'];

export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
  constructor(
    readonly line: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`line ${line}: ${message}`, options);
  }
}

/**
 * RFC 4180 records: comma-separated, fields optionally in double quotes (a quote inside doubled; commas
 * and line breaks allowed inside), CRLF or LF line ends. A UTF-8 byte order mark (Excel's "CSV UTF-8")
 * is dropped. Each record carries the line it starts on, for error messages; a blank line is a record
 * with one empty field (csvRows decides what it means). With `maxFields`, a record with more fields
 * stops the parse there (a file of one 5 MB header is refused without reading all of it). A backslash is refused: Step Functions' CSV
 * reader takes it as an escape character (and drops it before most characters), so the Distributed Map
 * would read the file differently from this parser (AWS: "How Step Functions parses input CSV files").
 */
export function parseCsv(text: string, options: { maxFields?: number } = {}): { line: number; fields: string[] }[] {
  const maxFields = options.maxFields ?? Infinity;
  const records: { line: number; fields: string[] }[] = [];
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let endOfRecord = false;
    while (!endOfRecord) {
      if (src[i] === '"') {
        i++;
        for (;;) {
          if (i >= src.length) throw new CsvSyntaxError(startLine, 'a quoted field is never closed');
          const ch = src[i];
          if (ch === '"') {
            if (src[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') line++;
          if (ch === '\\') throw backslash(line);
          field += ch;
          i++;
        }
        if (i < src.length && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') {
          throw new CsvSyntaxError(line, 'text after a closing quote (a quote inside a quoted field must be doubled)');
        }
      } else {
        while (i < src.length && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') {
          if (src[i] === '"') throw new CsvSyntaxError(line, 'a quote inside an unquoted field (quote the whole field)');
          if (src[i] === '\\') throw backslash(line);
          field += src[i++];
        }
      }
      fields.push(field);
      field = '';
      if (fields.length > maxFields) throw new CsvSyntaxError(startLine, `more than ${maxFields} fields`);
      if (src[i] === ',') {
        i++;
        continue;
      }
      if (src[i] === '\r') i++;
      if (src[i] === '\n') i++;
      line++;
      endOfRecord = true;
    }
    records.push({ line: startLine, fields });
  }
  return records;
}

/**
 * Most columns a header may have: room for every known column and as many mistakes, but no more, so a
 * header of millions of columns costs one issue, not one each (a 35 MB answer, a 400 MB log line).
 */
export const MAX_HEADER_COLUMNS = 2 * CSV_COLUMNS.length;
/** Characters of a header cell quoted back in an issue. */
const MAX_QUOTED_COLUMN = 64;

const backslash = (line: number) =>
  new CsvSyntaxError(line, 'a backslash: Step Functions reads it as an escape character, so the import would not see this text as written (remove it)');

/** A row whose every cell is empty: what Step Functions may hand over for a blank line. Never a user. */
export const isBlankRow = (row: Record<string, string>) => Object.values(row).every((v) => (v ?? '').trim() === '');

/** The header's columns, or the problems with it (unknown or repeated columns, a required one missing). */
export function csvHeader(fields: string[]): { columns: Column[] } | { issues: FieldIssue[] } {
  if (fields.length > MAX_HEADER_COLUMNS) {
    return { issues: [{ field: 'header', message: `${fields.length} columns; at most ${MAX_HEADER_COLUMNS} (columns: ${CSV_COLUMNS.join(', ')})` }] };
  }
  const issues: FieldIssue[] = [];
  const columns: Column[] = [];
  fields.forEach((raw, i) => {
    const column = COLUMN_BY_LOWER.get(raw.trim().toLowerCase());
    if (!column) issues.push({ field: `header.${i + 1}`, message: `unknown column "${clip(raw.trim(), MAX_QUOTED_COLUMN)}" (columns: ${CSV_COLUMNS.join(', ')})` });
    else if (columns.includes(column)) issues.push({ field: `header.${i + 1}`, message: `column ${column} appears twice` });
    else columns.push(column);
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!columns.includes(required) && !issues.some((x) => x.message.includes(`"${required}"`))) issues.push({ field: `header.${required}`, message: 'required column missing' });
  }
  if (!columns.some((c) => c === 'displayName' || c === 'firstName' || c === 'lastName')) {
    issues.push({ field: 'header.displayName', message: 'give a displayName, firstName or lastName column (Webex requires a name)' });
  }
  return issues.length ? { issues } : { columns };
}

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

/**
 * One row (column → text, as the Distributed Map hands it over) as the Joiner's detail, or the problems
 * with it, each naming the column. Empty cells are absent fields; autoAssignNumber takes true/false,
 * yes/no or 1/0. Header names are matched as in the preflight, so a file saved with a byte order mark
 * or different capitalisation reads the same in both places.
 */
export function rowToJoinerDetail(row: Record<string, string>): { detail: Record<string, unknown> } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const detail: Record<string, unknown> = {};
  for (const [rawKey, rawValue] of Object.entries(row)) {
    const key = rawKey.replace(/^\uFEFF/, '').trim().toLowerCase();
    const column = COLUMN_BY_LOWER.get(key);
    if (!column) {
      issues.push({ field: rawKey.trim(), message: 'unknown column' });
      continue;
    }
    const value = (rawValue ?? '').trim();
    if (value === '') continue;
    if (column === 'autoAssignNumber') {
      const lower = value.toLowerCase();
      if (TRUE.has(lower)) detail[column] = true;
      else if (FALSE.has(lower)) detail[column] = false;
      else issues.push({ field: column, message: 'must be true or false' });
    } else {
      detail[column] = value;
    }
  }
  if (issues.length) return { issues };
  const parsed = UserJoinedDetail.safeParse(detail);
  if (!parsed.success) {
    return { issues: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'row', message: issue.message })) };
  }
  return { detail: joinerDetailWithDefaults(parsed.data) };
}

/** The records after the header as the Distributed Map's items: objects keyed by the header's text. */
export function csvRows(records: { line: number; fields: string[] }[]): { line: number; row: Record<string, string> }[] {
  const blank = (r: { fields: string[] }) => r.fields.length === 1 && r.fields[0] === '';
  const all = [...records];
  while (all.length && blank(all[all.length - 1])) all.pop();
  const [header, ...rest] = all;
  if (!header) return [];
  return rest.map(({ line, fields }) => {
    // Step Functions would hand a blank line over as an item of its own: refuse it rather than guess.
    if (blank({ fields })) throw new CsvSyntaxError(line, 'a blank line (remove it)');
    if (fields.length !== header.fields.length) {
      throw new CsvSyntaxError(line, `${fields.length} fields where the header has ${header.fields.length}`);
    }
    return { line, row: Object.fromEntries(header.fields.map((name, i) => [name, fields[i]])) };
  });
}

/** A row's cell by its column whatever the header's capitalisation (or byte order mark), for reports on rows that did not parse. */
function rowCell(row: Record<string, string>, column: Column): string {
  const key = Object.keys(row).find((k) => k.replace(/^\uFEFF/, '').trim().toLowerCase() === column.toLowerCase());
  return key === undefined ? '' : (row[key] ?? '').trim();
}

export const rowEmail = (row: Record<string, string>): string => rowCell(row, 'email');
/** The location as the row names it (a name or an id), or nothing. */
export const rowLocation = (row: Record<string, string>): { location?: string } => {
  const location = rowCell(row, 'location');
  return location ? { location } : {};
};
