import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import * as z from 'zod';
import { routes } from '../../../functions/routes';

/**
 * Every regular expression in functions/lib (schemas, CSV and roster parsing, the guarded request, the audit
 * redaction, the Webex client) goes through a ReDoS checker, recheck: each must be linear in its input, so no
 * text a caller or Webex sends can make a pattern backtrack over it again and again. A pattern built with
 * `new RegExp` is read from its literal parts and the string constants of its module; one that cannot be read
 * that way fails, so none escapes the check. Every pattern zod runs for a route's input (its `.regex()` checks
 * and its formats, such as the e-mail) is found by walking the routes' schemas, and checked too.
 *
 * recheck runs on its pure JavaScript backend (no JVM, no native binary, so a fresh clone runs it
 * whatever optional packages npm installed), with its automaton checker: an exact analysis of the pattern's
 * ambiguity. The default "auto" checker hands a pattern with large bounded repeats to its fuzzer, which is
 * random and counts steps: it called the redaction's bounded e-mail and phone patterns polynomial, where the
 * automaton proves them linear (each attempt scans a bounded window). A lookahead that ends the pattern, which
 * the automaton does not model, is checked as a group that consumes what it looks at: atomic, the lookahead
 * can only backtrack less than that group. Large repeats nested in a repeat (a domain's labels) take the
 * automaton minutes: a relaxed pattern, with more ways to match, is checked first (relaxedSource). No fuzzing,
 * so the verdict is the same on every run. The checker runs in a plain Node process (recheck-automaton.cjs), all
 * patterns in one: inside jest's module sandbox the same analyses take about nine times as long.
 */
const ROOT = join(__dirname, '../../..');
const LIB = join(ROOT, 'functions/lib');

interface Pattern {
  where: string;
  source: string;
  flags: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function patternsIn(file: string): { found: Pattern[]; unreadable: string[] } {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const strings = new Map<string, string>();
  const found: Pattern[] = [];
  const unreadable: string[] = [];
  const where = (node: ts.Node) => `${relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const stringOf = (node: ts.Expression | undefined): string | undefined => {
    if (!node) return undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isIdentifier(node)) return strings.get(node.text);
    if (ts.isTemplateExpression(node)) {
      let text = node.head.text;
      for (const span of node.templateSpans) {
        const part = stringOf(span.expression);
        if (part === undefined) return undefined;
        text += part + span.literal.text;
      }
      return text;
    }
    return undefined;
  };
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const value = stringOf(node.initializer);
      if (value !== undefined) strings.set(node.name.text, value);
    }
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(sf);
      const end = text.lastIndexOf('/');
      found.push({ where: where(node), source: text.slice(1, end), flags: text.slice(end + 1) });
    }
    if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const source = stringOf(node.arguments?.[0]);
      const flags = node.arguments?.[1] ? stringOf(node.arguments[1]) : '';
      if (source === undefined || flags === undefined) unreadable.push(where(node));
      else found.push({ where: where(node), source, flags });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { found, unreadable };
}

/** Every RegExp a zod schema holds: its checks' patterns and its formats', through every schema inside it. */
function zodPatterns(schema: z.ZodType, where: string): Pattern[] {
  const found: Pattern[] = [];
  const seen = new Set<object>();
  const visit = (value: unknown) => {
    if (value instanceof RegExp) found.push({ where, source: value.source, flags: value.flags });
    if (!value || typeof value !== 'object' || seen.has(value) || value instanceof RegExp) return;
    seen.add(value);
    const inner = (value as { _zod?: { def: unknown } })._zod;
    for (const child of inner ? [inner.def] : Object.values(value)) visit(child);
  };
  visit(schema);
  return found;
}

const scanned = sourceFiles(LIB).map(patternsIn);
const fromSchemas = routes.flatMap((r) => zodPatterns(r.input as z.ZodType, `zod, route ${r.id}`));
/** Each pattern once (the first place it was found), whether in our source or zod's. */
const patterns: Pattern[] = [...new Map([...scanned.flatMap((s) => s.found), ...fromSchemas].reverse().map((p) => [`/${p.source}/${p.flags}`, p])).values()].reverse();

/** Where a positive lookahead `(?=…)` that ends the pattern starts. */
function trailingLookahead(source: string): number | undefined {
  if (!source.endsWith(')')) return undefined;
  let depth = 0;
  for (let i = source.length - 1; i >= 0; i--) {
    if (source[i - 1] === '\\') continue;
    if (source[i] === ')') depth++;
    if (source[i] === '(' && --depth === 0) return source.startsWith('(?=', i) ? i : undefined;
  }
  return undefined;
}

/** The pattern recheck's automaton checks: a trailing positive lookahead as the consuming group it bounds. */
function analysedSource(source: string): string {
  const at = trailingLookahead(source);
  return at === undefined ? source : `${source.slice(0, at)}(?:${source.slice(at + 3)}`;
}

/**
 * The pattern with more ways to match: bounded repeats unbounded (`{m,n}` as `{m,}`) and word boundaries
 * dropped. Each of the original's ways to match a text is one of its ways, so when it is linear, so is the
 * original; the converse fails (a bounded e-mail pattern is linear, the unbounded one is not), so only a
 * "safe" of it counts, and anything else sends the original to the exact analysis.
 */
function relaxedSource(source: string): string {
  return source.replace(/(?<!\\)\{(\d+),\d+\}/g, '{$1,}').replace(/(?<!\\)\\b/g, '');
}

/**
 * Far above what any pattern here takes (a few seconds), so that a loaded machine cannot
 * turn a verdict into "unknown": the analysis is deterministic, only its time is not.
 */
const ANALYSIS_TIMEOUT_MS = 120_000;

interface Diagnosis {
  status: 'safe' | 'vulnerable' | 'unknown';
  complexity?: string;
  attack?: string;
  error?: string;
}

/** recheck's automaton over every pattern, in one child process. */
function automaton(list: readonly (readonly [source: string, flags: string])[]): Diagnosis[] {
  if (!list.length) return [];
  const out = execFileSync(process.execPath, [join(ROOT, 'test/support/recheck-automaton.cjs')], {
    input: JSON.stringify({ patterns: list, timeoutMs: ANALYSIS_TIMEOUT_MS }),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out) as Diagnosis[];
}

/** Each pattern's verdict: its relaxed form's when that is safe, else the exact analysis's. */
function verdicts(list: readonly (readonly [source: string, flags: string])[]): string[] {
  const analysed = list.map(([source, flags]) => [analysedSource(source), flags] as const);
  const relaxable = analysed.flatMap(([source], i) => (relaxedSource(source) === source ? [] : [i]));
  const loose = automaton(relaxable.map((i) => [relaxedSource(analysed[i][0]), analysed[i][1]] as const));
  const safeRelaxed = new Set(relaxable.filter((_, k) => loose[k].status === 'safe'));
  const exactAt = analysed.flatMap((_, i) => (safeRelaxed.has(i) ? [] : [i]));
  const exact = new Map(automaton(exactAt.map((i) => analysed[i])).map((d, k) => [exactAt[k], d]));
  return analysed.map((_, i) => {
    const result: Diagnosis = safeRelaxed.has(i) ? { status: 'safe' } : (exact.get(i) as Diagnosis);
    if (result.status === 'vulnerable') return `vulnerable (${result.complexity}, attack ${JSON.stringify(result.attack)})`;
    if (result.status === 'unknown') return `unknown (${result.error})`;
    return result.status;
  });
}

describe('the check itself', () => {
  it('finds catastrophic patterns: exponential, polynomial, and one hidden behind a trailing lookahead', () => {
    const [exponential, polynomial, lookahead] = verdicts([['^(a+)+$', ''], ['^\\d*\\d*$', ''], ['(?:a|a)*(?=b)', '']]);
    expect(exponential).toMatch(/^vulnerable \(exponential/);
    expect(polynomial).toMatch(/^vulnerable \(polynomial/);
    expect(lookahead).toMatch(/^vulnerable \(exponential/);
  });

  it('checks a trailing lookahead as the group it bounds, and leaves any other pattern as it is', () => {
    expect(analysedSource(',(?=\\s*<)')).toBe(',(?:\\s*<)');
    expect(analysedSource('a(?=b)c')).toBe('a(?=b)c');
    expect(analysedSource('a(b)(?!c)')).toBe('a(b)(?!c)');
    expect(analysedSource('a\\(?=b\\)')).toBe('a\\(?=b\\)');
  });

  it('relaxes bounded repeats and word boundaries only, and an unsafe relaxation sends the pattern to the exact analysis', () => {
    expect(relaxedSource('\\b[a-z]{2,63}\\{1,2\\}\\\\b')).toBe('[a-z]{2,}\\{1,2\\}\\\\b');
    // Unbounded, the e-mail-in-text pattern is polynomial (every start scans to the end); bounded, linear.
    expect(verdicts([['[^@\\s]{1,64}@[^@\\s.]{1,63}', 'g'], ['[^@\\s]+@[^@\\s.]+', 'g']])).toEqual(['safe', expect.stringMatching(/^vulnerable \(polynomial/)]);
  });
});

describe('regular expressions in functions/lib and the routes\' schemas', () => {
  it('are all readable by the check (a pattern built from something else than literals and string constants is not)', () => {
    expect(scanned.flatMap((s) => s.unreadable)).toEqual([]);
    expect(patterns.length).toBeGreaterThan(30);
    // The walk finds what zod runs: the e-mail format, and the schemas' own `.regex()` checks.
    expect(fromSchemas.map((p) => p.source)).toEqual(expect.arrayContaining([z.regexes.email.source, '^\\+[1-9]\\d{6,14}$']));
  });

  // All analysed at once, in one child process, up to the two analyses' time limits each.
  let found: Map<Pattern, string>;
  beforeAll(() => {
    found = new Map(verdicts(patterns.map((p) => [p.source, p.flags])).map((v, i) => [patterns[i], v]));
  }, 2 * ANALYSIS_TIMEOUT_MS);

  it.each(patterns.map((p) => [`${p.where} /${p.source}/${p.flags}`, p] as const))('is linear: %s', (_, p) => {
    expect(found.get(p)).toBe('safe');
  });
});
