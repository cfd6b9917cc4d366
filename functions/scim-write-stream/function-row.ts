import { ScimStreamEvent } from '../lib/aws/dynamodb-scim-stream';
import { defineFunctionRow } from '../lib/runtime/function-row';
import { ScimUserInput, userState } from '../lib/scim/schema';
import { stateMachine } from '../lib/state-machines/definitions';
import { scimStreamRecord } from '../local/local-scim-stream';

// Its id and entry are ScimApply's row's (the machine it starts names its consumer).
const consumer = stateMachine('ScimApply').startedByStream!;

const SCIM_USER_ID = 'c01d5c13-0000-4000-8000-000000000001';
const USER_NAME = 'cold.stream@example.com';

/**
 * The SCIM writes' consumer (infra/constructs/scim-write-stream.ts): the activity table's stream, filtered to SCIM
 * resource rows. It only starts each write's ScimApply execution: no Webex request.
 */
export const functionRow = defineFunctionRow({
  id: consumer.id,
  entry: consumer.entry,
  trigger: 'DynamoDB stream',
  event: ScimStreamEvent,
  // The stream's batch of one: the INSERT of a user a SCIM POST stored (Entra ID's create).
  sample: () => {
    const now = new Date().toISOString();
    const state = userState(ScimUserInput.parse({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], externalId: `oid-${USER_NAME}`, userName: USER_NAME, active: true,
      displayName: 'Cold Stream', emails: [{ primary: true, type: 'work', value: USER_NAME }], name: { familyName: 'Stream', givenName: 'Cold' },
    }));
    const item = { id: SCIM_USER_ID, resourceType: 'User' as const, state, version: 1, created: now, lastModified: now, createDigest: 'cold-start', appliedVersion: 0, callingStatus: 'pending' as const, client: 'bench' };
    return { event: { Records: [scimStreamRecord(item, undefined, '100000000000000000001')] } };
  },
});
