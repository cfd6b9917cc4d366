import { describeAjvAgreement } from '../../support/schema-agreement';

// Every body schema, open and closed (the unit project, test/unit/webex-requests/schema-validator.test.ts, checks
// the query parameters' schemas and the rest of the subset only: compiling the body schemas is a few seconds).
describeAjvAgreement({ bodies: { open: 150, closed: 40 }, query: 60, subset: 300 });
