import { buildOpenApiDocument } from '../../../functions/lib/http/openapi';
import { routes } from '../../../functions/routes';
import { problemLines, redoclyLint } from '../../support/redocly';

describe("the OpenAPI document against Redocly's recommended rules", () => {
  it('has no error and no warning', () => {
    const report = redoclyLint(buildOpenApiDocument(routes, 'http://127.0.0.1:3000'));
    expect(problemLines(report)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('would report a broken document (the run is real)', () => {
    const report = redoclyLint({ openapi: '3.0.3', info: { title: 'x', version: '1' }, paths: { '/x': { get: { responses: {} } } } });
    expect(report.totals.errors + report.totals.warnings).toBeGreaterThan(0);
  });
});
