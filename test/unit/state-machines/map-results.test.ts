import { readMapResults, type MapChild } from '../../../functions/lib/state-machines/map-results';
import type { ObjectStore } from '../../../functions/lib/storage/object-store';

/** A bucket in a Map: what the ResultWriter would have written, by key. */
function bucket(objects: Record<string, unknown>): ObjectStore {
  return {
    getText: (_bucket, key) => (key in objects ? Promise.resolve({ text: JSON.stringify(objects[key]), etag: 'e' }) : Promise.reject(new Error(`no ${key}`))),
    putText: () => Promise.reject(new Error('the reader writes nothing')),
    readUrl: () => Promise.reject(new Error('the reader hands out no URL')),
  };
}

const collect = async (store: ObjectStore): Promise<MapChild[]> => {
  const children: MapChild[] = [];
  for await (const child of readMapResults(store, { Bucket: 'b', Key: 'run/manifest.json' })) children.push(child);
  return children;
};

describe("the Distributed Map's results reader", () => {
  it('reads every file the manifest names, SUCCEEDED then FAILED then PENDING, a child that answered by its Output, the others by their Input and error', async () => {
    const store = bucket({
      'run/manifest.json': { ResultFiles: { PENDING: [{ Key: 'run/p.json' }], FAILED: [{ Key: 'run/f.json' }], SUCCEEDED: [{ Key: 'run/s1.json' }, { Key: 'run/s2.json' }] } },
      'run/s1.json': [{ Input: '{"n":1}', Output: '[{"ok":1}]' }],
      // Succeeded without an Output: not an answer, so its Input is reported.
      'run/s2.json': [{ Input: '{"n":2}' }],
      'run/f.json': [{ Input: '{"n":3}', Error: 'States.Timeout', Cause: 'too slow' }],
      'run/p.json': [{}],
    });
    expect(await collect(store)).toEqual([
      { answered: true, output: [{ ok: 1 }] },
      { answered: false, status: 'SUCCEEDED', input: { n: 2 } },
      { answered: false, status: 'FAILED', input: { n: 3 }, error: 'States.Timeout', cause: 'too slow' },
      { answered: false, status: 'PENDING', input: undefined },
    ]);
  });

  it('answers no child for a manifest without result files, and lets a missing file fail the read', async () => {
    expect(await collect(bucket({ 'run/manifest.json': { ResultFiles: {} } }))).toEqual([]);
    await expect(collect(bucket({ 'run/manifest.json': { ResultFiles: { FAILED: [{ Key: 'run/gone.json' }] } } }))).rejects.toThrow('no run/gone.json');
  });
});
