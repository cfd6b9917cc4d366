import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOpenApiDocument } from '../../../functions/lib/http/openapi';
import { routes } from '../../../functions/routes';

/** Redocly's CLI (a devDependency), offline: its recommended rules over the document GET /openapi.json serves. */
function redoclyLint(document: unknown) {
  const file = join(mkdtempSync(join(tmpdir(), 'openapi-lint-')), 'openapi.json');
  writeFileSync(file, JSON.stringify(document, null, 2));
  const cli = require.resolve('@redocly/cli/bin/cli.js');
  const run = spawnSync(process.execPath, [cli, 'lint', file, '--extends', 'recommended', '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    timeout: 120_000,
  });
  const json = run.stdout.slice(run.stdout.indexOf('{'));
  return JSON.parse(json) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[] };
}

describe("the OpenAPI document against Redocly's recommended rules", () => {
  it('has no error and no warning', () => {
    const report = redoclyLint(buildOpenApiDocument(routes, 'http://127.0.0.1:3000'));
    const problems = report.problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('would report a broken document (the run is real)', () => {
    const report = redoclyLint({ openapi: '3.0.3', info: { title: 'x', version: '1' }, paths: { '/x': { get: { responses: {} } } } });
    expect(report.totals.errors + report.totals.warnings).toBeGreaterThan(0);
  });
});
