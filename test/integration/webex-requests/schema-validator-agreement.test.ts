import { describeAjvAgreement } from '../../support/schema-agreement';

// Many values a schema: the unit project's check (test/unit/webex-requests/schema-validator.test.ts), drawn deeper.
describeAjvAgreement({ bodies: 150, closedBodies: 40, closedEvery: 1, query: 60, subset: 300 });
