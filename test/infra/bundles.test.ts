import { build, type Metafile } from 'esbuild';
import { stateMachines } from '../../functions/lib/state-machines/definitions';
import { routes } from '../../functions/routes';
import { fromRepoRoot } from '../../infra/paths';

// The functions the stack gives the Parameters and Secrets extension: every route and every task function.
const entries = [...new Set([...routes.map((r) => r.entry), 'functions/count-free-numbers/handler.ts', ...stateMachines.flatMap((m) => m.taskFunctions.map((t) => t.entry))])];

/** The module graph esbuild resolves for an entry, and the files that end up in its bundle, as WorkflowFunction bundles. */
async function bundleOf(entry: string): Promise<{ resolved: string[]; bundled: string[] }> {
  const result = await build({
    entryPoints: [fromRepoRoot(entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    mainFields: ['module', 'main'],
    metafile: true,
    write: false,
    outdir: 'bundle-probe',
    logLevel: 'silent',
  });
  const metafile: Metafile = result.metafile!;
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint)!;
  return {
    resolved: Object.keys(metafile.inputs),
    bundled: Object.entries(output.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([file]) => file),
  };
}

describe('workflow function bundles', () => {
  test.each(entries)('%s has no import path to the Secrets Manager client, nor zod locales in its bundle', async (entry) => {
    const { resolved, bundled } = await bundleOf(entry);
    // Reading the secret goes through the extension; only the rotator carries the SDK client (~300 KB with its core).
    expect(resolved.filter((f) => f.includes('@aws-sdk/client-secrets-manager'))).toEqual([]);
    // `import { z } from 'zod'` keeps every locale (~360 KB); `import * as z` lets esbuild drop all but English.
    expect(bundled.filter((f) => f.includes('zod/v4/locales/') && !f.endsWith('/en.js'))).toEqual([]);
  });
});

describe('the OAuth authorizer bundle', () => {
  it('carries aws-jwt-verify and its own modules only: no zod, Powertools, middy nor AWS SDK (it runs before every uncached request)', async () => {
    const { bundled } = await bundleOf('functions/api-authorizer/handler.ts');
    expect(bundled.some((f) => f.includes('aws-jwt-verify'))).toBe(true);
    expect(bundled.filter((f) => /node_modules\/(zod|@aws-lambda-powertools|@middy|@aws-sdk|@smithy)\//.test(f))).toEqual([]);
  });
});
