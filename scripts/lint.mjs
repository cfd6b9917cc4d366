// `npm run lint [-- eslint options]`: eslint (eslint.config.mjs) with the options given (e.g. `--fix`), then knip
// (knip.json: unused exports, files and dependencies) whatever eslint found; fails when either does.
import { spawnSync } from 'node:child_process';

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;
const eslint = run('eslint', ['.', ...process.argv.slice(2)]);
const knip = run('knip', []);
process.exit(eslint || knip);
