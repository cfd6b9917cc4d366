/**
 * `npm run config-docs`: writes the table of the CDK context keys into docs/configuration.md (scripts/context-table.ts).
 * `--check` writes nothing and exits 1 when the table is not current.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIGURATION_DOC, withContextTable } from './context-table';

const path = resolve(__dirname, '..', CONFIGURATION_DOC);
const current = readFileSync(path, 'utf8');
const generated = withContextTable(current);
if (process.argv.includes('--check')) {
  if (generated !== current) {
    console.error(`not current (run npm run config-docs): ${CONFIGURATION_DOC}`);
    process.exit(1);
  }
  console.log('current');
} else {
  writeFileSync(path, generated);
  console.log(`wrote ${CONFIGURATION_DOC}`);
}
