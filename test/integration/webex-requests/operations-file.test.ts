import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOperations, operationsFile } from '../../../functions/lib/webex-spec/generate';
import { allOperations } from '../../../functions/lib/webex-spec/operations';
import { OPENAPI_DIR } from '../../support/openapi-validator';

// A generated file against its sources (all of Cisco's OpenAPI documents, read and built again): as the API's artefacts are.
describe('operations.json', () => {
  it("is what generate.ts builds from Cisco's OpenAPI documents (regenerate it when they change)", () => {
    const built = buildOperations(OPENAPI_DIR);
    expect(readFileSync(join(__dirname, '../../../functions/lib/webex-spec/operations.json'), 'utf8')).toBe(operationsFile(OPENAPI_DIR, built));
    // What the Lambda unpacks is what was built.
    expect(allOperations()).toEqual(built);
  });
});
