import type { ObjectStore } from '../storage/object-store';

/**
 * The results a Distributed Map's ResultWriter leaves in S3: manifest.json names the result files by the
 * children's status, each file a JSON array of child executions whose Input and Output are JSON text
 * (docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html). Read here once for every
 * machine with a Distributed Map; each caller turns a child into its own rows.
 */

export const MAP_RESULT_STATUSES = ['SUCCEEDED', 'FAILED', 'PENDING'] as const;
export type MapResultStatus = (typeof MAP_RESULT_STATUSES)[number];

/** The ResultWriter's manifest.json. */
interface ResultManifest {
  ResultFiles: Partial<Record<MapResultStatus, { Key: string }[]>>;
}

/** One child execution in a ResultWriter file. */
interface ChildResult {
  Input?: string;
  Output?: string;
  Error?: string;
  Cause?: string;
}

/**
 * A child that answered (in a SUCCEEDED file, with an Output), or one that did not: failed, never run
 * (PENDING), or succeeded without an Output; then its Input (the item or batch it was given) and its error.
 */
export type MapChild =
  | { answered: true; output: unknown }
  | { answered: false; status: MapResultStatus; input: unknown; error?: string; cause?: string };

/** Every child of the Map's result files, file by file (SUCCEEDED, FAILED, then PENDING), one file read at a time. */
export async function* readMapResults(store: ObjectStore, manifest: { Bucket: string; Key: string }): AsyncGenerator<MapChild> {
  const found = JSON.parse((await store.getText(manifest.Bucket, manifest.Key)).text) as ResultManifest;
  for (const status of MAP_RESULT_STATUSES) {
    for (const file of found.ResultFiles[status] ?? []) {
      for (const child of JSON.parse((await store.getText(manifest.Bucket, file.Key)).text) as ChildResult[]) {
        if (status === 'SUCCEEDED' && child.Output) yield { answered: true, output: JSON.parse(child.Output) as unknown };
        else {
          yield {
            answered: false,
            status,
            input: child.Input ? (JSON.parse(child.Input) as unknown) : undefined,
            ...(child.Error !== undefined ? { error: child.Error } : {}),
            ...(child.Cause !== undefined ? { cause: child.Cause } : {}),
          };
        }
      }
    }
  }
}
