import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { distributedMapServices, emulateDistributedMap, ITEM_READER_RESOURCE, RESULT_WRITER_RESOURCE } from '../../../functions/local/local-distributed-map';
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
    const withCatch = csvMachine();
    withCatch.States.JoinRows.Catch = [{ ErrorEquals: ['States.ALL'], Next: 'BuildReport' }];
    expect(() => emulateDistributedMap(withCatch)).toThrow(/Catch is not supported/);
    const json = csvMachine();
    json.States.JoinRows.ItemReader.ReaderConfig.InputType = 'JSON';
    expect(() => emulateDistributedMap(json)).toThrow(/only an ItemReader of a CSV/);
  });

  it('reads, selects and batches items as Step Functions hands them to children, and writes results in the ResultWriter layout', async () => {
    const { map } = emulateDistributedMap(csvMachine());
    const store = new MemoryObjectStore();
    store.objects.set('b/in.csv', 'email,location\na@example.com,HQ\nb@example.com,HQ\nc@example.com,HQ\n');
    const services = distributedMapServices({ ...map!, batcher: { ...map!.batcher, MaxItemsPerBatch: 2 } }, () => store);
    const mapInput = { bucket: 'b', key: 'in.csv', resultsPrefix: 'res', run: { bulkName: 'n' } };
    const batches = (await services[ITEM_READER_RESOURCE]({ Bucket: 'b', Key: 'in.csv', MapInput: mapInput })) as unknown[];
    expect(batches).toEqual([
      { Items: [{ index: 0, row: { email: 'a@example.com', location: 'HQ' } }, { index: 1, row: { email: 'b@example.com', location: 'HQ' } }], BatchInput: { run: { bulkName: 'n' } } },
      { Items: [{ index: 2, row: { email: 'c@example.com', location: 'HQ' } }], BatchInput: { run: { bulkName: 'n' } } },
    ]);
    const output = (await services[RESULT_WRITER_RESOURCE]({
      Bucket: 'b',
      Prefix: 'res',
      ExecutionId: 'arn:aws:states:us-east-1:000000000000:execution:M:run',
      StateMachineId: 'arn:aws:states:us-east-1:000000000000:stateMachine:M',
      MapInput: { ...mapInput, __distributedMapItems: batches, __distributedMapResults: [[{ ok: 1 }], { Items: [], __distributedMapChildFailure: { Error: 'E', Cause: 'C' } }] },
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
