import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { specFiles } from '../functions/lib/webex-spec/generate';
import { allOperations } from '../functions/lib/webex-spec/operations';
import { isUnderPrefix, REACHABLE_PREFIXES } from '../functions/lib/webex-spec/prefixes';
import { checkWebexRequest, DEFAULT_ALLOWED_PREFIXES } from '../functions/lib/workflows/webex-requests/guard';
import { sampleRequest } from '../test/support/sample-request';

const operations = allOperations();

const OPENAPI_DIR = join(__dirname, '..', 'functions', 'lib', 'webex-spec', 'openapi');

/**
 * R/766: of the admin operations Cisco's documents define under the reachable prefixes (counted from the
 * documents themselves, not from operations.json, without the …/me… paths), how many a dry run accepts,
 * each with its path filled, its required query and a smallest valid body.
 */
export function measureReachability() {
  const documented = new Map<string, string>();
  for (const file of specFiles(OPENAPI_DIR)) {
    const text = readFileSync(join(OPENAPI_DIR, file), 'utf8');
    const doc = (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as { paths: Record<string, Record<string, unknown>> };
    for (const [path, item] of Object.entries(doc.paths)) {
      if (!REACHABLE_PREFIXES.some((p) => isUnderPrefix(path, p)) || path.split('/').includes('me')) continue;
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        if (item[method]) documented.set(`${method.toUpperCase()} ${path.replace(/\{\w+\}/g, '{}').replace(/(.)\/$/, '$1')}`, file);
      }
    }
  }
  const accepted = new Set<string>();
  const refused: string[] = [];
  for (const op of operations) {
    const key = `${op.method} ${op.path.replace(/\{\w+\}/g, '{}')}`;
    try {
      if (checkWebexRequest({ ...sampleRequest(op), dryRun: true }, DEFAULT_ALLOWED_PREFIXES).operation === op) accepted.add(key);
    } catch {
      refused.push(key);
    }
  }
  const reached = [...documented.keys()].filter((k) => accepted.has(k)).length;
  return { reached, documented: documented.size, label: `${reached}/${documented.size}`, refused, missing: [...documented.keys()].filter((k) => !accepted.has(k)) };
}
