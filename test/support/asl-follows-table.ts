/**
 * Checks a state machine's ASL against its step table, naming the step on every disagreement:
 * - every row has a Task state sending its `step` to the table's function, and every such Task sends a row;
 * - each Task's Retry/Catch is what its row says: a row that calls Webex (`webex`) retries Webex faults first and
 *   waits out rate limits (the machine's rate-limit loop when it has one: Catch to `Throttled`; else a Retry on
 *   WebexRateLimitedError); a row that does not names no Webex error; every Task retries Lambda's transient errors;
 * - the rate-limit loop's `Resume` Choice sends a run back to the step that was limited: on each path through the
 *   table (its rows in the table's order), a run limited at a step, with the parts of the steps before it written,
 *   resumes at that step. Resume's branches are evaluated as Step Functions does (first match wins), so a branch
 *   out of the table's order sends some run to the wrong step, and the check names that step.
 */

export interface AslState {
  Type: string;
  Resource?: string;
  Parameters?: { step?: string; [key: string]: unknown };
  ResultPath?: string | null;
  Retry?: { ErrorEquals: string[]; JitterStrategy?: string }[];
  Catch?: { ErrorEquals: string[]; ResultPath?: string; Next: string }[];
  Choices?: ChoiceRule[];
  Default?: string;
  Next?: string;
  ItemProcessor?: { States: Record<string, AslState> };
  Iterator?: { States: Record<string, AslState> };
}
export interface Asl {
  States: Record<string, AslState>;
}

/** One table row as far as the ASL is concerned. */
export interface RowDeclarations {
  webex?: unknown;
}

/** A way through the machine: its rows in the table's order, and the state the run starts with. */
export interface ResumePath {
  steps: readonly string[];
  state: Record<string, unknown>;
}

export interface TableAndAsl {
  /** The ASL files of the machines whose Task states send the table's steps, by name (for messages). */
  asls: Record<string, Asl>;
  /** The Resource those Task states name: the table's function (`${…FunctionArn}`). */
  resource: string;
  table: Record<string, RowDeclarations>;
  /** The paths through each ASL with a rate-limit loop (by ASL name); every rate-limited step must be on one. */
  resumePaths?: Record<string, Record<string, ResumePath>>;
  /** What a step leaves in the state once done, where `{}` would not do (the value a later Choice reads). */
  done?: (step: string, path: string) => unknown;
}

const WEBEX_FAULTS = ['WebexServerError', 'WebexNetworkError'];
const RATE_LIMITED = 'WebexRateLimitedError';
const LAMBDA_TRANSIENT = ['Lambda.ServiceException', 'Lambda.TooManyRequestsException'];

/** Every state of a definition, with those inside Map states' processors. */
export const allStates = (states: Record<string, AslState>): [string, AslState][] =>
  Object.entries(states).flatMap(([name, s]) => [[name, s] as [string, AslState], ...allStates(s.ItemProcessor?.States ?? s.Iterator?.States ?? {})]);

/** Everything wrong between the table and its ASL, each problem starting with the step it concerns. */
export function aslProblems(spec: TableAndAsl): string[] {
  const problems: string[] = [];
  const rows = Object.keys(spec.table);
  const tasks = Object.entries(spec.asls).flatMap(([file, asl]) =>
    allStates(asl.States)
      .filter(([, s]) => s.Type === 'Task' && s.Resource === spec.resource)
      .map(([name, s]) => ({ file, asl, name, state: s, step: String(s.Parameters?.step) })),
  );
  for (const row of rows) if (!tasks.some((t) => t.step === row)) problems.push(`${row}: no Task state sends it (${Object.keys(spec.asls).join(', ')})`);
  for (const t of tasks) {
    const row = spec.table[t.step];
    if (!row) {
      problems.push(`${t.step}: sent by ${t.file} ${t.name}, but the table has no such row`);
      continue;
    }
    problems.push(...retryProblems(t.step, `${t.file} ${t.name}`, t.state, row.webex !== undefined, Boolean(t.asl.States.Throttled)));
  }
  for (const [file, paths] of Object.entries(spec.resumePaths ?? {})) problems.push(...resumeProblems(spec, file, paths, rows));
  return problems;
}

function retryProblems(step: string, where: string, s: AslState, callsWebex: boolean, hasLoop: boolean): string[] {
  const problems: string[] = [];
  const retried = (s.Retry ?? []).flatMap((r) => r.ErrorEquals);
  const caught = (s.Catch ?? []).flatMap((c) => c.ErrorEquals);
  for (const e of LAMBDA_TRANSIENT) if (!retried.includes(e)) problems.push(`${step}: ${where} does not retry ${e}`);
  for (const r of s.Retry ?? []) if (r.JitterStrategy !== 'FULL') problems.push(`${step}: ${where} retries ${r.ErrorEquals.join(', ')} without full jitter`);
  if (!callsWebex) {
    const webex = [...retried, ...caught].filter((e) => e.startsWith('Webex'));
    if (webex.length) problems.push(`${step}: ${where} handles ${webex.join(', ')}, but its row declares no Webex requests`);
    return problems;
  }
  if (JSON.stringify(s.Retry?.[0]?.ErrorEquals) !== JSON.stringify(WEBEX_FAULTS)) problems.push(`${step}: ${where} calls Webex (its row's webex), so its first Retry must be ${WEBEX_FAULTS.join(', ')}`);
  if (retried.includes(RATE_LIMITED) === hasLoop || (hasLoop && JSON.stringify(s.Catch?.[0]) !== JSON.stringify({ ErrorEquals: [RATE_LIMITED], ResultPath: '$.throttle.error', Next: 'Throttled' }))) {
    problems.push(
      hasLoop
        ? `${step}: ${where} calls Webex, so its first Catch sends ${RATE_LIMITED} to the rate-limit loop (Throttled), never a fixed-interval Retry`
        : `${step}: ${where} calls Webex, so it retries ${RATE_LIMITED} (this machine has no rate-limit loop)`,
    );
  }
  return problems;
}

function resumeProblems(spec: TableAndAsl, file: string, paths: Record<string, ResumePath>, rows: string[]): string[] {
  const problems: string[] = [];
  const asl = spec.asls[file];
  const taskOf = (step: string) => Object.entries(asl.States).find(([, s]) => s.Type === 'Task' && s.Resource === spec.resource && s.Parameters?.step === step);
  const onAPath = new Set(Object.values(paths).flatMap((p) => p.steps));
  for (const [name, s] of Object.entries(asl.States)) {
    const step = s.Parameters?.step;
    if (s.Resource === spec.resource && step && s.Catch?.some((c) => c.Next === 'Throttled') && !onAPath.has(step)) {
      problems.push(`${step}: ${file} ${name} waits out rate limits, but is on no path the Resume check follows`);
    }
  }
  for (const [pathName, path] of Object.entries(paths)) {
    const order = path.steps.map((step) => rows.indexOf(step));
    path.steps.forEach((step, i) => {
      if (order[i] < 0) problems.push(`${step}: on the ${pathName} path of ${file}, but not a row of the table`);
      else if (i > 0 && order[i] < order[i - 1]) problems.push(`${step}: the ${pathName} path of ${file} runs it after ${path.steps[i - 1]}, against the table's order`);
    });
    const state: Record<string, unknown> = structuredClone(path.state);
    for (const step of path.steps) {
      const task = taskOf(step);
      if (!task) {
        problems.push(`${step}: on the ${pathName} path of ${file}, which has no Task state sending it`);
        continue;
      }
      if (task[1].Catch?.some((c) => c.Next === 'Throttled')) {
        const resumed = resumeAt(asl, state);
        if (resumed !== task[0]) problems.push(`${step}: on the ${pathName} path of ${file}, a run rate-limited at ${task[0]} resumes at ${resumed} (Resume's branches out of the table's order, or none for it)`);
      }
      // Done: its part written where its Task's ResultPath puts it.
      const path$ = task[1].ResultPath;
      if (typeof path$ === 'string') setPath(state, path$, spec.done?.(step, pathName) ?? {});
    }
  }
  return problems;
}

/** The first state that is not a Choice a run with this state reaches from Resume. */
function resumeAt(asl: Asl, state: Record<string, unknown>): string {
  let name = 'Resume';
  for (let hops = 0; hops < 10; hops++) {
    const s = asl.States[name];
    if (!s) return `${name} (no such state)`;
    if (s.Type !== 'Choice') return name;
    name = s.Choices?.find((c) => matches(c, state))?.Next ?? s.Default ?? `${name}'s missing Default`;
  }
  return name;
}

interface ChoiceRule {
  Variable?: string;
  Not?: ChoiceRule;
  And?: ChoiceRule[];
  Or?: ChoiceRule[];
  Next?: string;
  [operator: string]: unknown;
}

/** A Choice rule as Step Functions evaluates it (the operators these definitions use). */
export function matches(rule: ChoiceRule, state: Record<string, unknown>): boolean {
  if (rule.Not) return !matches(rule.Not, state);
  if (rule.And) return rule.And.every((r) => matches(r, state));
  if (rule.Or) return rule.Or.some((r) => matches(r, state));
  const value = getPath(state, rule.Variable ?? '$');
  if ('IsPresent' in rule) return (value !== undefined) === rule.IsPresent;
  if ('BooleanEquals' in rule) return value === rule.BooleanEquals;
  if ('StringEquals' in rule) return value === rule.StringEquals;
  if ('NumericEquals' in rule) return value === rule.NumericEquals;
  if ('NumericLessThanEquals' in rule) return typeof value === 'number' && value <= (rule.NumericLessThanEquals as number);
  if ('NumericGreaterThan' in rule) return typeof value === 'number' && value > (rule.NumericGreaterThan as number);
  throw new Error(`asl-follows-table: a Choice operator this check does not evaluate: ${JSON.stringify(rule)}`);
}

const keysOf = (path: string) => path.replace(/^\$\.?/, '').split('.').filter(Boolean);

function getPath(state: unknown, path: string): unknown {
  return keysOf(path).reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), state);
}

function setPath(state: Record<string, unknown>, path: string, value: unknown): void {
  const keys = keysOf(path);
  const last = keys.pop();
  if (!last) return;
  let at = state;
  for (const k of keys) at = (at[k] ??= {}) as Record<string, unknown>;
  at[last] = value;
}
