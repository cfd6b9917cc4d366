import { CsvSyntaxError, csvHeader, csvRows, parseCsv, rowToJoinerDetail } from '../../../functions/lib/bulk/csv';
import { preflightCsv } from '../../../functions/lib/bulk/csv-joiners';
import { clip, MAX_FIELD_ISSUES, MAX_FIELD_NAME_CHARS, MAX_ISSUE_MESSAGE_CHARS, MAX_VALIDATION_MESSAGE_CHARS, ValidationError } from '../../../functions/lib/errors';

const fieldsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  throw new Error('no ValidationError');
};

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF, and drops a byte order mark', () => {
    const text = '\uFEFFemail,displayName\r\na@example.com,"Lima, Ana"\n"b@example.com","Say ""hi""\nthere"\r\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['email', 'displayName'] },
      { line: 2, fields: ['a@example.com', 'Lima, Ana'] },
      { line: 3, fields: ['b@example.com', 'Say "hi"\nthere'] },
    ]);
  });

  it('names the line of an unclosed quote, text after a closing quote, and a bare quote', () => {
    expect(() => parseCsv('a,b\n"x,y\n')).toThrow(new CsvSyntaxError(2, 'a quoted field is never closed'));
    expect(() => parseCsv('a,b\n"x"y,z\n')).toThrow(/line 2: text after a closing quote/);
    expect(() => parseCsv('a,b\nx"y,z\n')).toThrow(/line 2: a quote inside an unquoted field/);
  });

  it('refuses a backslash, quoted or not, naming its line: Step Functions would read it as an escape character', () => {
    expect(() => parseCsv('email,displayName\na@example.com,DOMAIN\\ana\n')).toThrow(/line 2: a backslash/);
    expect(() => parseCsv('email,displayName\na@example.com,ok\nb@example.com,"Say \\"hi\\""\n')).toThrow(/line 3: a backslash/);
    expect(fieldsOf(() => preflightCsv('email,location,displayName\na@example.com,HQ,A\\B\n'))).toEqual([{ field: 'lines.2', message: expect.stringMatching(/^a backslash/) }]);
  });

  it('keeps empty fields and a last line without a line break', () => {
    expect(parseCsv('a,b,c\n,,x')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['', '', 'x'] },
    ]);
  });
});

describe('csvRows', () => {
  it('keys each row by the header as Step Functions does, ignoring trailing blank lines', () => {
    expect(csvRows(parseCsv('email,location\na@example.com,HQ\n\n\n'))).toEqual([{ line: 2, row: { email: 'a@example.com', location: 'HQ' } }]);
  });

  it('refuses a blank line between rows and a row with the wrong number of fields', () => {
    expect(() => csvRows(parseCsv('email,location\n\na@example.com,HQ\n'))).toThrow(/line 2: a blank line/);
    expect(() => csvRows(parseCsv('email,location\na@example.com\n'))).toThrow(/line 2: 1 fields where the header has 2/);
  });
});

describe('csvHeader', () => {
  it('matches columns case-insensitively and needs email, location and a name', () => {
    expect(csvHeader(['Email', ' LOCATION ', 'displayname'])).toEqual({ columns: ['email', 'location', 'displayName'] });
    const bad = csvHeader(['email', 'site', 'email']);
    expect('issues' in bad && bad.issues.map((i) => i.field)).toEqual(['header.2', 'header.3', 'header.location', 'header.displayName']);
  });

  it('answers a header of more than twice the known columns with one issue, and quotes a long cell only in part', () => {
    const wide = csvHeader(['email', 'location', 'displayName', ...Array.from({ length: 100_000 }, (_, i) => `c${i}`)]);
    expect(wide).toEqual({ issues: [{ field: 'header', message: expect.stringMatching(/^100003 columns; at most 22 /) }] });
    const long = csvHeader(['email', 'location', 'displayName', 'x'.repeat(100_000)]);
    expect('issues' in long && long.issues[0].message.length).toBeLessThan(300);
  });
});

describe('rowToJoinerDetail', () => {
  it('turns strings into the Joiner detail: empty cells absent, booleans parsed, auto-assign by default', () => {
    expect(rowToJoinerDetail({ '\uFEFFEmail': ' a@example.com ', displayName: 'A', location: 'HQ', extension: '', department: '' })).toEqual({
      detail: { email: 'a@example.com', displayName: 'A', location: 'HQ', autoAssignNumber: true },
    });
    expect(rowToJoinerDetail({ email: 'a@example.com', displayName: 'A', location: 'HQ', extension: '1234', autoAssignNumber: 'No' })).toEqual({
      detail: { email: 'a@example.com', displayName: 'A', location: 'HQ', extension: '1234', autoAssignNumber: false },
    });
  });

  it('names each bad column', () => {
    const result = rowToJoinerDetail({ email: 'nope', displayName: 'A', location: 'HQ', phoneNumber: '555', autoAssignNumber: 'maybe' });
    expect('issues' in result && result.issues).toEqual([{ field: 'autoAssignNumber', message: 'must be true or false' }]);
    const more = rowToJoinerDetail({ email: 'nope', displayName: 'A', location: 'HQ', phoneNumber: '555' });
    expect('issues' in more && more.issues.map((i) => i.field)).toEqual(['email', 'phoneNumber']);
  });
});

describe('preflightCsv', () => {
  const header = 'email,displayName,location';
  it('counts the rows of a good file', () => {
    expect(preflightCsv(`${header}\na@example.com,A,HQ\nb@example.com,B,HQ\n`)).toEqual({ rows: 2 });
  });

  it('names every bad line and column, and a duplicate e-mail by its first line', () => {
    const fields = fieldsOf(() => preflightCsv(`${header}\na@example.com,A,HQ\nbad,B,HQ\nA@example.com,C,\n`));
    expect(fields).toEqual([
      { field: 'lines.3.email', message: 'must be a valid e-mail address' },
      { field: 'lines.4.location', message: expect.any(String) },
    ]);
    expect(fieldsOf(() => preflightCsv(`${header}\na@example.com,A,HQ\nA@EXAMPLE.COM,C,HQ\n`))).toEqual([
      { field: 'lines.3.email', message: 'duplicate of line 2 (each user once per file)' },
    ]);
  });

  it('refuses an empty file, a header without rows and a syntax error, naming the line', () => {
    expect(fieldsOf(() => preflightCsv('')).map((f) => f.field)).toContain('header.email');
    expect(fieldsOf(() => preflightCsv(`${header}\n`))).toEqual([{ field: 'lines', message: 'the file has a header but no rows' }]);
    expect(fieldsOf(() => preflightCsv(`${header}\n"a@example.com,A,HQ\n`))).toEqual([{ field: 'lines.2', message: 'a quoted field is never closed' }]);
  });

  it('refuses a header of millions of columns with one short issue, without parsing past it', () => {
    const text = `${header},${'a,'.repeat(2_400_000)}a\na@example.com,A,HQ\n`;
    const fields = fieldsOf(() => preflightCsv(text));
    expect(fields).toEqual([{ field: 'header', message: 'more than 22 fields' }]);
  });

  it('names at most 50 header issues, each message bounded', () => {
    const unknown = Array.from({ length: 22 }, (_, i) => `${'z'.repeat(10_000)}${i}`);
    const fields = fieldsOf(() => preflightCsv(`${unknown.join(',')}\n${unknown.map(() => 'x').join(',')}\n`));
    expect(fields.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(fields).length).toBeLessThan(50 * 600);
  });
});

describe('ValidationError', () => {
  it('carries at most MAX_FIELD_ISSUES issues, each field and message clipped, and a bounded summary', () => {
    const issues = Array.from({ length: 10_000 }, (_, i) => ({ field: `f${i}${'k'.repeat(1000)}`, message: 'm'.repeat(10_000) }));
    const error = new ValidationError(issues);
    expect(error.fields).toHaveLength(MAX_FIELD_ISSUES);
    for (const f of error.fields) {
      expect(f.field.length).toBeLessThanOrEqual(MAX_FIELD_NAME_CHARS);
      expect(f.message.length).toBeLessThanOrEqual(MAX_ISSUE_MESSAGE_CHARS);
    }
    expect(error.message.length).toBeLessThanOrEqual(MAX_VALIDATION_MESSAGE_CHARS);
    expect(new ValidationError([{ field: 'a', message: 'b' }]).message).toBe('Invalid request: a: b');
  });

  it('never cuts a surrogate pair in half', () => {
    const clipped = clip('😀'.repeat(100), 11);
    expect(clipped).not.toMatch(/\p{Cs}/u);
    expect(clipped.endsWith('…')).toBe(true);
  });
});
