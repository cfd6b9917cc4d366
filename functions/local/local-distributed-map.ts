import { randomUUID } from 'node:crypto';
import type { ObjectStore } from '../lib/storage/object-store';
import { mapProgress, type MapItemCounts, type MapProgress } from '../lib/state-machines/map-progress';
import { readCsvAsStepFunctions } from './local-csv-reader';

/**
 * aws-local-stepfunctions runs Map states INLINE only: it has no ItemReader, ItemBatcher or
 * ResultWriter. This stands in for the Distributed Map features our ASL uses, by rewriting the Map into
 * states the library does run, around the same ItemProcessor:
 *
 *   <Map name>            Task `s3:getObject`: reads the items from the object store (CSV with a header
 *                         row, as Step Functions reads it: objects of strings, local-csv-reader.ts; or a JSON
 *                         file holding an array, each element an item), applies ItemSelector to
 *                         each (`$$.Map.Item.Index` / `.Value`, `$.…` of the Map's input), batches them
 *                         (ItemBatcher: MaxItemsPerBatch, BatchInput) into { Items, BatchInput }.
 *   <Map name> (children) the Map itself, INLINE, each child's states wrapped in a Parallel whose Catch
 *                         records a failed child instead of failing the Map (ToleratedFailurePercentage).
 *                         In AWS the items and the children's results never pass through the Map's state
 *                         (they stream from and to S3), so neither does it here: the reader keeps them aside
 *                         and the state carries a token per item; each child loads its item first
 *                         (`… (item)` Task) and puts its result aside last (`… (result)` Task). The 256 KB
 *                         limit then applies, as in AWS, to each child's own input and output.
 *   <Map name> (results)  Task `s3:putObject`: writes manifest.json and SUCCEEDED_0.json / FAILED_0.json
 *                         under <Prefix>/<map run id>/ as ResultWriter does, and puts
 *                         { ResultWriterDetails: { Bucket, Key } } at the Map's ResultPath.
 *
 * A Catch on the Map is put on each of the three states, so a failure of any of them (the file unreadable, a
 * child failing beyond the tolerated percentage, the results unwritable) goes where the Map's Catch says.
 *
 * The formats modelled, from the Step Functions Developer Guide: ItemReader
 * (docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html): `ReaderConfig.InputType`
 * `CSV` with `CSVHeaderLocation: FIRST_ROW`, or `JSON`, "a JSON file … must contain an array" whose
 * elements are the items; ResultWriter (…/input-output-resultwriter.html): `manifest.json` with
 * `DestinationBucket`, `MapRunArn` and `ResultFiles` by status, and the SUCCEEDED_n / FAILED_n files holding
 * each child's `Input` and `Output` as JSON text.
 *
 * Only what the suite's ASL uses is supported; anything else throws when the definition is loaded, so a
 * new use cannot silently run differently here than in AWS. Differences that remain: child executions
 * share the parent's context object (`$$.Execution` is the parent's), and results keep the children's
 * order in one file.
 */

export const ITEM_READER_RESOURCE = 'arn:aws:states:::s3:getObject';
export const RESULT_WRITER_RESOURCE = 'arn:aws:states:::s3:putObject';
/** The stand-in's own integrations (never in an ASL file): a child's item by token, and its result put aside. */
export const CHILD_ITEM_RESOURCE = 'arn:aws:states:::local:distributedMapItem';
export const CHILD_RESULT_RESOURCE = 'arn:aws:states:::local:distributedMapResult';
const ITEMS = '__distributedMapItems';
const RESULTS = '__distributedMapResults';
const CHILD_FAILURE = '__distributedMapChildFailure';

type Json = Record<string, unknown>;
interface MapConfig {
  stateName: string;
  readerConfig: { InputType?: string; CSVHeaderLocation?: string; MaxItems?: number };
  itemSelector?: Json;
  batcher?: { MaxItemsPerBatch?: number; BatchInput?: Json };
  toleratedFailurePercentage: number;
  resultPath?: string;
}

/** `$` or `$.a.b` against `input`: the only paths the emulated fields may use. */
function simplePath(path: string, input: unknown): unknown {
  if (path === '$') return input;
  if (!/^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(path)) throw new Error(`local Distributed Map: path "${path}" is not supported (use $.a.b)`);
  let value: unknown = input;
  for (const key of path.slice(2).split('.')) {
    if (value === null || typeof value !== 'object' || !(key in (value as Json))) throw new Error(`States.Runtime: ${path} is not in the Map's input`);
    value = (value as Json)[key];
  }
  return value;
}

function applyTemplate(template: Json, mapInput: unknown, item: { index: number; value: unknown }): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(template)) {
    if (!key.endsWith('.$')) {
      out[key] = value !== null && typeof value === 'object' && !Array.isArray(value) ? applyTemplate(value as Json, mapInput, item) : value;
      continue;
    }
    const path = String(value);
    const name = key.slice(0, -2);
    if (path === '$$.Map.Item.Index') out[name] = item.index;
    else if (path === '$$.Map.Item.Value') out[name] = item.value;
    else if (path.startsWith('$$')) throw new Error(`local Distributed Map: context path "${path}" is not supported`);
    else out[name] = simplePath(path, mapInput);
  }
  return out;
}

/** Rewrites the definition's one top-level Distributed Map (if any) into states aws-local-stepfunctions runs. */
export function emulateDistributedMap(asl: Json): { asl: Json; map?: MapConfig } {
  const states = asl.States as Record<string, Json>;
  const distributed = Object.entries(states).filter(
    ([, s]) => s.Type === 'Map' && ((s.ItemProcessor as Json | undefined)?.ProcessorConfig as Json | undefined)?.Mode === 'DISTRIBUTED',
  );
  if (!distributed.length) return { asl };
  if (distributed.length > 1) throw new Error('local Distributed Map: one per state machine is supported');
  const [name, map] = distributed[0];
  const reader = map.ItemReader as Json | undefined;
  const writer = map.ResultWriter as Json | undefined;
  const readerConfig = (reader?.ReaderConfig ?? {}) as MapConfig['readerConfig'];
  const csv = readerConfig.InputType === 'CSV' && readerConfig.CSVHeaderLocation === 'FIRST_ROW';
  const json = readerConfig.InputType === 'JSON' && readerConfig.CSVHeaderLocation === undefined;
  if (!reader || reader.Resource !== ITEM_READER_RESOURCE || !(csv || json)) {
    throw new Error(`local Distributed Map ${name}: only an ItemReader (s3:getObject) of a CSV with a header row or of a JSON array is supported`);
  }
  if (!writer || writer.Resource !== RESULT_WRITER_RESOURCE) throw new Error(`local Distributed Map ${name}: a ResultWriter (s3:putObject) is required`);
  for (const unsupported of ['ResultSelector', 'ItemsPath', 'ToleratedFailureCount', 'ToleratedFailureCountPath', 'ToleratedFailurePercentagePath', 'Retry']) {
    if (unsupported in map) throw new Error(`local Distributed Map ${name}: ${unsupported} is not supported`);
  }
  const resultPath = map.ResultPath as string | undefined;
  if (resultPath !== undefined && resultPath !== '$' && !/^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(resultPath)) {
    throw new Error(`local Distributed Map ${name}: ResultPath "${resultPath}" is not supported`);
  }
  const processor = map.ItemProcessor as Json;
  const children = `${name} (children)`;
  const results = `${name} (results)`;
  const transition = map.End ? { End: true } : { Next: map.Next };
  const caught = map.Catch ? { Catch: map.Catch } : {};

  const rewritten: Record<string, Json> = {};
  for (const [stateName, state] of Object.entries(states)) {
    if (stateName !== name) {
      rewritten[stateName] = state;
      continue;
    }
    rewritten[name] = {
      Type: 'Task',
      Comment: 'Distributed Map ItemReader / ItemSelector / ItemBatcher, emulated (local-distributed-map.ts).',
      Resource: ITEM_READER_RESOURCE,
      Parameters: { ...(reader.Parameters as Json), 'MapInput.$': '$', 'ExecutionName.$': '$$.Execution.Name' },
      ResultPath: `$.${ITEMS}`,
      ...caught,
      Next: children,
    };
    rewritten[children] = {
      Type: 'Map',
      ItemsPath: `$.${ITEMS}`,
      ...(map.MaxConcurrency !== undefined ? { MaxConcurrency: map.MaxConcurrency } : {}),
      ...(map.MaxConcurrencyPath !== undefined ? { MaxConcurrencyPath: map.MaxConcurrencyPath } : {}),
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Item',
        States: {
          Item: { Type: 'Task', Resource: CHILD_ITEM_RESOURCE, Parameters: { 'token.$': '$.token' }, Next: 'Child' },
          Child: {
            Type: 'Parallel',
            InputPath: '$.item',
            Branches: [{ StartAt: processor.StartAt, States: processor.States }],
            ResultPath: '$.output',
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: `$.${CHILD_FAILURE}`, Next: 'Result' }],
            Next: 'Result',
          },
          Result: { Type: 'Task', Resource: CHILD_RESULT_RESOURCE, Parameters: { 'state.$': '$' }, End: true },
        },
      },
      ResultPath: `$.${RESULTS}`,
      ...caught,
      Next: results,
    };
    rewritten[results] = {
      Type: 'Task',
      Comment: 'Distributed Map ResultWriter, emulated (local-distributed-map.ts).',
      Resource: RESULT_WRITER_RESOURCE,
      Parameters: {
        ...(writer.Parameters as Json),
        'MapInput.$': '$',
        'ExecutionId.$': '$$.Execution.Id',
        'StateMachineId.$': '$$.StateMachine.Id',
      },
      // No ResultPath: the result is the whole output (aws-local-stepfunctions reads "$" as a key named "$").
      ...caught,
      ...transition,
    };
  }
  return {
    asl: { ...asl, States: rewritten },
    map: {
      stateName: name,
      readerConfig,
      itemSelector: map.ItemSelector as Json | undefined,
      batcher: map.ItemBatcher as MapConfig['batcher'],
      toleratedFailurePercentage: Number(map.ToleratedFailurePercentage ?? 0),
      resultPath,
    },
  };
}

const withoutInternals = (input: Json) => Object.fromEntries(Object.entries(input).filter(([k]) => k !== ITEMS && k !== RESULTS));

interface Aside {
  item: unknown;
  output?: unknown;
}

/**
 * The map runs of one machine's executions, by execution name, as DescribeMapRun counts them: items (a batch's
 * items each) by how their child ended. What GET answers as `progress` locally (StateMachines.mapProgress).
 */
export class LocalMapRuns {
  private readonly runs = new Map<string, { counts: MapItemCounts; startedAt: Date }>();
  start(executionName: string, total: number): void {
    this.runs.set(executionName, { counts: { total, succeeded: 0, failed: 0 }, startedAt: new Date() });
  }
  childEnded(executionName: string, items: number, failed: boolean): void {
    const run = this.runs.get(executionName);
    if (run) run.counts[failed ? 'failed' : 'succeeded'] += items;
  }
  progress(executionName: string): MapProgress | undefined {
    const run = this.runs.get(executionName);
    return run && mapProgress(run.counts, run.startedAt);
  }
}

/** The service integrations the rewritten states call, over `store`: the reader, each child's item and result, the writer. */
export function distributedMapServices(map: MapConfig, store: () => ObjectStore, runs: LocalMapRuns = new LocalMapRuns()): Record<string, (parameters: unknown) => Promise<unknown>> {
  // Which execution's map run each child belongs to, and how many items it carries.
  const owners = new Map<string, { executionName: string; items: number }>();
  // Items and results by token, out of the state (as S3 holds them in AWS), for the runner's executions.
  const aside = new Map<string, Aside>();
  const entry = (token: unknown): Aside => {
    const found = aside.get(String(token));
    if (!found) throw new Error(`local Distributed Map: no item ${String(token)}`);
    return found;
  };
  const readItems = async (parameters: unknown): Promise<unknown[]> => {
    const { Bucket, Key, MapInput } = parameters as { Bucket: string; Key: string; MapInput: Json };
    const { text } = await store().getText(Bucket, Key);
    let values: unknown[];
    if (map.readerConfig.InputType === 'JSON') {
      const parsed = JSON.parse(text) as unknown;
      if (!Array.isArray(parsed)) throw Object.assign(new Error(`the ItemReader's JSON file ${Key} does not hold an array`), { name: 'States.ItemReaderFailed' });
      values = parsed;
    } else values = readCsvAsStepFunctions(text);
    if (map.readerConfig.MaxItems !== undefined) values = values.slice(0, map.readerConfig.MaxItems);
    const items = values.map((value, index) => (map.itemSelector ? applyTemplate(map.itemSelector, MapInput, { index, value }) : value));
    if (!map.batcher) return items;
    const size = map.batcher.MaxItemsPerBatch ?? items.length;
    const batchInput = map.batcher.BatchInput ? applyTemplate(map.batcher.BatchInput, MapInput, { index: 0, value: null }) : undefined;
    const batches: Json[] = [];
    for (let i = 0; i < items.length; i += size) batches.push({ Items: items.slice(i, i + size), ...(batchInput ? { BatchInput: batchInput } : {}) });
    return batches;
  };
  return {
    [ITEM_READER_RESOURCE]: async (parameters) => {
      const read = randomUUID();
      const { ExecutionName: executionName } = parameters as { ExecutionName: string };
      const children = await readItems(parameters);
      const sizes = children.map((child) => (map.batcher ? ((child as { Items: unknown[] }).Items.length) : 1));
      runs.start(executionName, sizes.reduce((a, b) => a + b, 0));
      return children.map((item, i) => {
        const token = `${read}-${i}`;
        aside.set(token, { item });
        owners.set(token, { executionName, items: sizes[i] ?? 1 });
        return { token };
      });
    },
    [CHILD_ITEM_RESOURCE]: async (parameters) => {
      const { token } = parameters as { token: string };
      return { token, item: entry(token).item };
    },
    [CHILD_RESULT_RESOURCE]: async (parameters) => {
      const { state } = parameters as { state: Json & { token: string } };
      const { token, item: _item, ...rest } = state;
      entry(token).output = rest;
      const owner = owners.get(token);
      if (owner) runs.childEnded(owner.executionName, owner.items, CHILD_FAILURE in rest);
      return { token };
    },
    [RESULT_WRITER_RESOURCE]: async (parameters) => {
      const { Bucket, Prefix, MapInput, ExecutionId, StateMachineId } = parameters as {
        Bucket: string;
        Prefix?: string;
        MapInput: Json;
        ExecutionId: string;
        StateMachineId: string;
      };
      const tokens = (MapInput[ITEMS] as { token: string }[]).map((t) => t.token);
      const inputs = tokens.map((t) => entry(t).item);
      // Each child's `{ output: [its branch's output] }`, or its Catch's failure.
      const outputs = tokens.map((t) => entry(t).output as Json);
      for (const t of tokens) {
        aside.delete(t);
        owners.delete(t);
      }
      const runId = randomUUID();
      const mapRunArn = `${StateMachineId.replace(':stateMachine:', ':mapRun:')}/${map.stateName.replace(/\W/g, '')}:${runId}`;
      const now = new Date().toISOString();
      const succeeded: Json[] = [];
      const failed: Json[] = [];
      outputs.forEach((output, i) => {
        const base = {
          ExecutionArn: `${ExecutionId}/${map.stateName.replace(/\W/g, '')}:${runId}-${i}`,
          Input: JSON.stringify(inputs[i]),
          InputDetails: { Included: true },
          Name: `${runId}-${i}`,
          StartDate: now,
          StateMachineArn: StateMachineId,
          StopDate: now,
        };
        const childFailure = output?.[CHILD_FAILURE] as { Error?: string; Cause?: string } | undefined;
        if (childFailure || !output) failed.push({ ...base, Status: 'FAILED', Error: childFailure?.Error ?? 'States.Runtime', Cause: childFailure?.Cause ?? 'the child left no result' });
        else succeeded.push({ ...base, Status: 'SUCCEEDED', Output: JSON.stringify((output.output as unknown[])[0]), OutputDetails: { Included: true } });
      });
      if (outputs.length && (failed.length / outputs.length) * 100 > map.toleratedFailurePercentage) {
        const error = new Error(`${failed.length} of ${outputs.length} child executions failed`);
        error.name = 'States.ExceedToleratedFailureThreshold';
        throw error;
      }
      const dir = `${Prefix ? `${Prefix.replace(/\/$/, '')}/` : ''}${runId}`;
      const files: Record<'SUCCEEDED' | 'FAILED' | 'PENDING', { Key: string; Size: number }[]> = { SUCCEEDED: [], FAILED: [], PENDING: [] };
      for (const [status, entries] of [['SUCCEEDED', succeeded], ['FAILED', failed]] as const) {
        if (!entries.length) continue;
        const body = JSON.stringify(entries);
        const key = `${dir}/${status}_0.json`;
        await store().putText(Bucket, key, body, 'application/json');
        files[status].push({ Key: key, Size: Buffer.byteLength(body) });
      }
      const manifestKey = `${dir}/manifest.json`;
      await store().putText(Bucket, manifestKey, JSON.stringify({ DestinationBucket: Bucket, MapRunArn: mapRunArn, ResultFiles: files }), 'application/json');
      const details = { ResultWriterDetails: { Bucket, Key: manifestKey } };
      const rest = withoutInternals(MapInput);
      if (!map.resultPath || map.resultPath === '$') return details;
      const out: Json = { ...rest };
      const keys = map.resultPath.slice(2).split('.');
      let node = out;
      for (const key of keys.slice(0, -1)) node = (node[key] = { ...((node[key] as Json) ?? {}) });
      node[keys[keys.length - 1]] = details;
      return out;
    },
  };
}
