/**
 * `npm run api-docs`: writes what is generated from the API's OpenAPI document (scripts/api-artifacts.ts).
 * `--check` writes nothing and exits 1 naming each file that is not current.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { apiArtifacts } from './api-artifacts';

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const [file, content] of Object.entries(await apiArtifacts())) {
    const path = resolve(__dirname, '..', file);
    if (check) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== content) stale.push(file);
      continue;
    }
    writeFileSync(path, content);
    console.log(`wrote ${file}`);
  }
  if (stale.length) console.error(`not current (run npm run api-docs): ${stale.join(', ')}`);
  else if (check) console.log('current');
  return stale.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
