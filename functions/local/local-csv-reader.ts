/**
 * A CSV file as Step Functions' ItemReader (InputType CSV, CSVHeaderLocation FIRST_ROW, comma) reads
 * it, for the local Distributed Map, by the rules AWS documents ("How Step Functions parses input CSV
 * files", docs.aws.amazon.com/step-functions/latest/dg/example-csv-parse-dist-map.html):
 * - newlines separate records, except inside double quotes; a quote inside quotes is doubled;
 * - a backslash escapes a backslash, a quote or the delimiter; before any other character it is dropped;
 * - a row with fewer fields than the header gets empty strings, one with more loses the extra fields.
 * Not documented, so taken at its most surprising: a blank line (a second line break at the end of the
 * file included) is a row of empty strings, which the batch step must skip. Our own preflight (bulk/csv.ts)
 * is stricter and refuses what AWS would read differently from a plain CSV reader.
 */
export function readCsvAsStepFunctions(text: string): Record<string, string>[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    records.push(fields);
    fields = [];
    field = '';
  };
  while (i < src.length) {
    const ch = src[i];
    if (ch === '\\') {
      const next = src[i + 1];
      if (next === '\\' || next === '"' || next === ',') field += next;
      // Any other character after a backslash: the backslash is dropped, the character kept.
      else if (next !== undefined) field += next;
      i += 2;
      continue;
    }
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
      } else {
        field += ch;
        i++;
      }
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\r' && src[i + 1] === '\n') {
      i++;
      endRecord();
    } else if (ch === '\n' || ch === '\r') endRecord();
    else field += ch;
    i++;
  }
  // The last record, unless the file ended with its line break.
  if (field !== '' || fields.length) endRecord();
  const [header, ...rows] = records;
  if (!header) return [];
  return rows.map((values) => Object.fromEntries(header.map((name, k) => [name, values[k] ?? ''])));
}
