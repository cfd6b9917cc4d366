import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const FUNCTIONS = resolve(__dirname, '../../functions');
const LIB = join(FUNCTIONS, 'lib');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The relative imports (and re-exports) of a module, as the files they name. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'/g), ...text.matchAll(/import\(\s*'(\.{1,2}\/[^']+)'\s*\)/g)].map((m) => m[1]);
  return specs.map((spec) => resolve(dirname(file), spec));
}

/** A module's folder under functions/lib: its first path segment ('.' for the files at the top). */
const folderOf = (file: string) => {
  const parts = relative(LIB, file).split('/');
  return parts.length > 1 ? parts[0] : '.';
};

/** Folder → the folders its modules import (inside functions/lib only). */
export function folderGraph(files: string[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = folderOf(file);
    for (const target of importsOf(file)) {
      if (!target.startsWith(LIB + '/')) continue;
      const to = folderOf(`${target}.ts`);
      if (to === from) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)!.add(to);
    }
  }
  return graph;
}

/** Every cycle's folders, as found by a depth-first search (empty when the graph is acyclic). */
export function cycles(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

describe('functions/lib', () => {
  const files = sources(LIB).filter((f) => !f.includes('/webex-spec/'));

  it('reads process.env in config.ts only: every other module is given its configuration', () => {
    const readers = files.filter((f) => readFileSync(f, 'utf8').includes('process.env')).map((f) => relative(LIB, f));
    expect(readers).toEqual(['config.ts']);
  });

  it('has no import cycle between its folders (the top-level files count as one folder)', () => {
    const graph = folderGraph(files);
    // The checker finds a cycle where there is one.
    expect(cycles(new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]))).toEqual([['a', 'b', 'c', 'a']]);
    expect(graph.size).toBeGreaterThan(5);
    expect(cycles(graph)).toEqual([]);
  });

  it('holds no local adapter: the in-process runner, map, buckets and bus live in functions/local', () => {
    expect(files.filter((f) => /\/local-[^/]*\.ts$/.test(f)).map((f) => relative(LIB, f))).toEqual([]);
  });
});

/**
 * Top-level statements (each begins at a line's first column; its indented lines and closing brackets belong
 * to it) that read configuration as the module loads: readEnv(), lambdaEnv() or a `…FromEnv()` getter called
 * before any arrow or once() defers it.
 */
export function loadTimeReads(text: string): string[] {
  const statements: string[] = [];
  for (const line of text.split('\n')) {
    if (/^[\s})\]]/.test(line) && statements.length) statements[statements.length - 1] += `\n${line}`;
    else statements.push(line);
  }
  return statements
    .filter((statement) => /^(export )?(const|let|var) /.test(statement))
    .filter((statement) => /\b(readEnv|lambdaEnv|\w+FromEnv)\(/.test(statement.split(/=>|\bonce\(/)[0]))
    .map((statement) => statement.split('\n')[0]);
}

describe('functions/', () => {
  const files = sources(FUNCTIONS).filter((f) => !f.includes('/webex-spec/'));
  const readsEnv = (f: string) => readFileSync(f, 'utf8').includes('process.env');

  it('reads process.env only in its composition roots: lib/config.ts, the CLI, local/main.ts and the simulator\'s main', () => {
    const allowed = (path: string) => path === 'lib/config.ts' || path.startsWith('cli/') || path === 'local/main.ts' || path === 'simulator/main.ts';
    const readers = files.filter(readsEnv).map((f) => relative(FUNCTIONS, f));
    expect(readers.filter((path) => !allowed(path))).toEqual([]);
    // The check sees a reader where there is one.
    expect(readers).toEqual(expect.arrayContaining(['lib/config.ts', 'local/main.ts']));
  });

  it('reads the environment (readEnv) only in its composition roots: no library default, no handler', () => {
    const roots = new Set(['lib/config.ts', 'lib/aws/lambda-env.ts', 'local/local-runtime.ts', 'local/main.ts']);
    const callers = files.filter((f) => /\breadEnv\(/.test(readFileSync(f, 'utf8'))).map((f) => relative(FUNCTIONS, f));
    expect(callers.filter((path) => !roots.has(path) && !path.startsWith('cli/'))).toEqual([]);
  });

  it('reads no configuration when a module loads: a setting is read when it is used, from what the composition root gives', () => {
    const offenders = files.flatMap((f) => loadTimeReads(readFileSync(f, 'utf8')).map((line) => `${relative(FUNCTIONS, f)}: ${line}`));
    expect(offenders).toEqual([]);
    // The check sees a load-time read where there is one, and lets a lazy one (once, an arrow) pass.
    expect(loadTimeReads("const TTL = Number(readEnv().X ?? 5);\nexport const prefixes = allowedPrefixesFromEnv();\nconst n = maxConcurrency(lambdaEnv());\nexport const logger = new Logger({\n  serviceName: readEnv().NAME,\n});")).toHaveLength(4);
    expect(loadTimeReads('const authorize = once(() => build(lambdaEnv()));\nexport const f = () => lambdaEnv();\nfunction g() {\n  return readEnv();\n}')).toEqual([]);
  });

  it('has no handler module reading process.env: a handler is given its configuration (deps.env())', () => {
    const handlers = files.filter((f) => /^[^/]+\/handler\.ts$/.test(relative(FUNCTIONS, f)));
    // Every route and every task function: the rule covers them all.
    expect(handlers.length).toBeGreaterThanOrEqual(20);
    expect(handlers.filter(readsEnv).map((f) => relative(FUNCTIONS, f))).toEqual([]);
  });
});
