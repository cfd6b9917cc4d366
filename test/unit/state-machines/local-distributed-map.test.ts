import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHILD_ITEM_RESOURCE, CHILD_RESULT_RESOURCE, distributedMapServices, emulateDistributedMap, ITEM_READER_RESOURCE, RESULT_WRITER_RESOURCE } from '../../../functions/local/local-distributed-map';
import { MemoryObjectStore } from '../../support/memory-object-store';

const csvMachine = () => JSON.parse(readFileSync(join(__dirname, '../../../statemachines/bulk-joiners-csv.asl.json'), 'utf8'));

describe('local Distributed Map stand-in', () => {
  it('rewrites the Map into a reader Task, an INLINE Map whose children cannot fail it, and a writer Task', () => {
    const { asl, map } = emulateDistributedMap(csvMachine());
    const states = asl.States as Record<string, Record<string, any>>;
    expect(states.Init.Next).toBe('JoinRows');
    expect(states.JoinRows).toMatchObject({ Type: 'Task', Resource: ITEM_READER_RESOURCE, Next: 'JoinRows (children)' });
    expect(states['JoinRows (children)']).toMatchObject({ Type: 'Map', MaxConcurrencyPath: '$.batchConcurrency', ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' } } });
    expect(states['JoinRows (children)'].ItemProcessor.States.Child.Branches[0].StartAt).toBe('PrepareBatch');
    expect(states['JoinRows (results)']).toMatchObject({ Type: 'Task', Resource: RESULT_WRITER_RESOURCE, Next: 'BuildReport' });
    expect(map).toMatchObject({ stateName: 'JoinRows', toleratedFailurePercentage: 100, resultPath: '$.results', batcher: { MaxItemsPerBatch: 100 } });
  });

  it('refuses what it does not emulate, so a new use cannot silently differ from AWS', () => {
    const withRetry = csvMachine();
    withRetry.States.JoinRows.Retry = [{ ErrorEquals: ['States.ALL'] }];
    expect(() => emulateDistributedMap(withRetry)).toThrow(/Retry is not supported/);
    const jsonl = csvMachine();
    jsonl.States.JoinRows.ItemReader.ReaderConfig = { InputType: 'JSONL' };
    expect(() => emulateDistributedMap(jsonl)).toThrow(/only an ItemReader \(s3:getObject\) of a CSV with a header row or of a JSON array/);
  });

  it("puts the Map's Catch on each of its three stand-in states", () => {
    const machine = csvMachine();
    const caught = [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'BuildReport' }];
    machine.States.JoinRows.Catch = caught;
    const states = emulateDistributedMap(machine).asl.States as Record<string, Record<string, unknown>>;
    for (const name of ['JoinRows', 'JoinRows (children)', 'JoinRows (results)']) expect(states[name].Catch).toEqual(caught);
  });

  it('reads a JSON ItemReader file as Step Functions does: each element of its array an item; anything else fails the read', async () => {
    const machine = csvMachine();
    machine.States.JoinRows.ItemReader.ReaderConfig = { InputType: 'JSON' };
    delete machine.States.JoinRows.ItemBatcher;
    machine.States.JoinRows.ItemSelector = { 'i.$': '$$.Map.Item.Index', 'v.$': '$$.Map.Item.Value' };
    const { map } = emulateDistributedMap(machine);
    const store = new MemoryObjectStore();
    store.objects.set('b/items.json', JSON.stringify([{ a: 1 }, { a: 2 }]));
    store.objects.set('b/object.json', JSON.stringify({ a: 1 }));
    const services = distributedMapServices(map!, () => store);
    const tokens = (await services[ITEM_READER_RESOURCE]({ Bucket: 'b', Key: 'items.json', MapInput: {} })) as { token: string }[];
    const items = await Promise.all(tokens.map((t) => services[CHILD_ITEM_RESOURCE](t)));
    expect(items.map((i) => (i as { item: unknown }).item)).toEqual([{ i: 0, v: { a: 1 } }, { i: 1, v: { a: 2 } }]);
    await expect(services[ITEM_READER_RESOURCE]({ Bucket: 'b', Key: 'object.json', MapInput: {} })).rejects.toMatchObject({ name: 'States.ItemReaderFailed' });
  });

  it('reads, selects and batches items as Step Functions hands them to children, and writes results in the ResultWriter layout', async () => {
    const { map } = emulateDistributedMap(csvMachine());
    const store = new MemoryObjectStore();
    store.objects.set('b/in.csv', 'email,location\na@example.com,HQ\nb@example.com,HQ\nc@example.com,HQ\n');
    const services = distributedMapServices({ ...map!, batcher: { ...map!.batcher, MaxItemsPerBatch: 2 } }, () => store);
    const mapInput = { bucket: 'b', key: 'in.csv', resultsPrefix: 'res', run: { bulkName: 'n' } };
    // The Map's state holds a token per child; each child loads its item, and puts its result aside.
    const tokens = (await services[ITEM_READER_RESOURCE]({ Bucket: 'b', Key: 'in.csv', MapInput: mapInput })) as { token: string }[];
    expect(JSON.stringify(tokens)).not.toContain('example.com');
    const batches = await Promise.all(tokens.map(async (t) => ((await services[CHILD_ITEM_RESOURCE](t)) as { item: unknown }).item));
    expect(batches).toEqual([
      { Items: [{ index: 0, row: { email: 'a@example.com', location: 'HQ' } }, { index: 1, row: { email: 'b@example.com', location: 'HQ' } }], BatchInput: { run: { bulkName: 'n' } } },
      { Items: [{ index: 2, row: { email: 'c@example.com', location: 'HQ' } }], BatchInput: { run: { bulkName: 'n' } } },
    ]);
    const output = (await services[RESULT_WRITER_RESOURCE]({
      Bucket: 'b',
      Prefix: 'res',
      ExecutionId: 'arn:aws:states:us-east-1:000000000000:execution:M:run',
      StateMachineId: 'arn:aws:states:us-east-1:000000000000:stateMachine:M',
      MapInput: {
        ...mapInput,
        __distributedMapItems: tokens,
        __distributedMapResults: [
          await services[CHILD_RESULT_RESOURCE]({ state: { token: tokens[0].token, item: batches[0], output: [{ ok: 1 }] } }),
          await services[CHILD_RESULT_RESOURCE]({ state: { token: tokens[1].token, item: batches[1], __distributedMapChildFailure: { Error: 'E', Cause: 'C' } } }),
        ],
      },
    })) as { results: { ResultWriterDetails: { Bucket: string; Key: string } } };
    // The Map's input comes back (without the stand-in's own fields), the details at its ResultPath.
    expect(Object.keys(output).sort()).toEqual(['bucket', 'key', 'results', 'resultsPrefix', 'run']);
    const manifest = JSON.parse(store.objects.get(`b/${output.results.ResultWriterDetails.Key}`)!);
    expect(manifest.ResultFiles.SUCCEEDED).toHaveLength(1);
    const succeeded = JSON.parse(store.objects.get(`b/${manifest.ResultFiles.SUCCEEDED[0].Key}`)!);
    expect(succeeded[0]).toMatchObject({ Status: 'SUCCEEDED', Output: '{"ok":1}', Input: JSON.stringify(batches[0]) });
    const failed = JSON.parse(store.objects.get(`b/${manifest.ResultFiles.FAILED[0].Key}`)!);
    expect(failed[0]).toMatchObject({ Status: 'FAILED', Error: 'E', Cause: 'C' });
  });
});
