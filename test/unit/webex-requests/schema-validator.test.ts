import { unenforcedSchemaParts } from '../../../functions/lib/webex-spec/generate';
import { allOperations } from '../../../functions/lib/webex-spec/operations';
import { unenforcedKeywords } from '../../../functions/lib/webex-spec/schema-validator';
import { describeAjvAgreement } from '../../support/schema-agreement';

const operations = allOperations();

describe('operations.json', () => {
  it('uses only keywords schema-validator.ts enforces', () => {
    expect(unenforcedSchemaParts(operations)).toEqual([]);
  });

  it('would be refused with a keyword, a form or a type the validator does not know', () => {
    expect(unenforcedKeywords({ type: 'object', properties: { a: { type: 'string', pattern: '^x' } } })).toEqual(['#/properties/a/pattern']);
    expect(unenforcedKeywords({ anyOf: [{ type: 'string' }] })).toEqual(['#/anyOf']);
    expect(unenforcedKeywords({ type: 'array', items: [{ type: 'string' }] })).toEqual(['#/items (not a schema object)']);
    expect(unenforcedKeywords({ type: ['string', 'any'] })).toEqual(['#/type']);
    expect(unenforcedKeywords({ enum: [{ a: 1 }] })).toEqual(['#/enum']);
  });
});

// The query parameters' schemas and the rest of the supported subset; every body schema, open and closed, is checked
// against Ajv in the integration project (test/integration/webex-requests/schema-validator-agreement.test.ts).
describeAjvAgreement({ query: 60, subset: 300 });
