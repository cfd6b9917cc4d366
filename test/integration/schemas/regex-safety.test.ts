import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkSync } from 'recheck';
import ts from 'typescript';
import * as z from 'zod';

/**
 * Every regular expression in functions/lib (schemas, CSV and roster parsing, the guarded request, the Webex
 * client) goes through a ReDoS checker: each must be linear in its input, so no text a caller or Webex sends
 * can make a pattern backtrack over it again and again. A pattern built with `new RegExp` is read from its
 * literal parts and the string constants of its module; one that cannot be read that way fails, so none
 * escapes the check. Patterns zod runs for us (the e-mail format) are checked too.
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

/** `*`, `+` or `{n,}` not escaped (a `*` or `+` inside a class counts too: the rule errs on the safe side). */
const UNBOUNDED_QUANTIFIER = /(?<!\\)[*+]|\{\d+,\}/;

const scanned = sourceFiles(LIB).map(patternsIn);
const patterns: Pattern[] = [
  ...scanned.flatMap((s) => s.found),
  { where: 'zod: z.email()', source: z.regexes.email.source, flags: z.regexes.email.flags },
];

describe('regular expressions in functions/lib', () => {
  it('are all readable by the check (a pattern built from something else than literals and string constants is not)', () => {
    expect(scanned.flatMap((s) => s.unreadable)).toEqual([]);
    expect(patterns.length).toBeGreaterThan(30);
  });

  it.each(patterns.map((p) => [`${p.where} /${p.source}/${p.flags}`, p] as const))('is linear: %s', (_, p) => {
    // Only bounded quantifiers: each attempt scans a bounded window, so linear (the checker counts a large
    // bound such as {1,64} as unbounded).
    if (!UNBOUNDED_QUANTIFIER.test(p.source)) return;
    const result = checkSync(p.source, p.flags, { timeout: 20_000 });
    const verdict = result.status === 'vulnerable' ? `${result.status} (${result.complexity.type}, attack ${JSON.stringify(result.attack.string.slice(0, 80))})` : result.status;
    expect(verdict).toBe('safe');
  });
});
