import type { WebexClient } from './client';
import { isWebexStatus } from './errors';
import { PersonListSchema, PersonSchema, type Person } from './schemas';

/**
 * Typed People API calls. Every read asks for `callingData=true` so calling fields are present, and
 * every write sends it so Webex keeps (rather than ignores) the calling fields we send back.
 */
export async function getPerson(client: WebexClient, personId: string): Promise<Person | undefined> {
  try {
    const res = await client.get(`/people/${encodeURIComponent(personId)}`, {
      query: { callingData: true },
      schema: PersonSchema,
    });
    return res.data;
  } catch (error) {
    // Webex answers 400 rather than 404 for strings that are not person ids at all.
    if (isWebexStatus(error, 404, 400)) return undefined;
    throw error;
  }
}

/** The person with this e-mail (Webex matches exactly, within the token's org), if any. */
export async function findPersonIdByEmail(client: WebexClient, email: string): Promise<string | undefined> {
  // excludeStatus: "Omit people status/availability to enhance query performance" (webex-admin.json, List People).
  const res = await client.get('/people', { query: { email, excludeStatus: true }, schema: PersonListSchema });
  const wanted = email.toLowerCase();
  return res.data.items.find((p) => p.emails.some((e) => e.toLowerCase() === wanted))?.id;
}

export type PersonCreate = {
  emails: string[];
  displayName?: string;
  firstName?: string;
  lastName?: string;
  department?: string;
  title?: string;
};

export async function createPerson(client: WebexClient, body: PersonCreate): Promise<Person> {
  const res = await client.post('/people', { query: { callingData: true }, body, schema: PersonSchema });
  return res.data;
}

/** PUT replaces the whole record: `body` must be a full Person built with `toPersonUpdate`. */
export async function replacePerson(client: WebexClient, personId: string, body: Record<string, unknown>): Promise<Person> {
  const res = await client.put(`/people/${encodeURIComponent(personId)}`, {
    query: { callingData: true },
    body,
    schema: PersonSchema,
  });
  return res.data;
}

export async function deletePerson(client: WebexClient, personId: string): Promise<void> {
  await client.delete(`/people/${encodeURIComponent(personId)}`);
}

// Fields Webex computes or refuses in a PUT body (wxc_sdk leaves out the same ones).
/** The user's primary work number: the work entry not marked otherwise, else the first work entry. */
export const primaryWorkEntry = (person: Person) =>
  person.phoneNumbers?.find((n) => n.type === 'work' && n.primary !== false) ?? person.phoneNumbers?.find((n) => n.type === 'work');
export const primaryWorkNumber = (person: Person) => primaryWorkEntry(person)?.value;

const READ_ONLY = new Set([
  'id', 'created', 'lastModified', 'timezone', 'lastActivity', 'sipAddresses', 'status', 'invitePending',
  'type', 'nickName', 'xmppFederationJid', 'errors',
]);

/**
 * The full PUT body for `person` with `changes` applied. Starting from the record Webex just gave us
 * is what keeps licenses, roles, calling data and everything else we do not touch.
 */
export function toPersonUpdate(person: Person, changes: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(person)) {
    if (!READ_ONLY.has(key) && value !== undefined) body[key] = value;
  }
  // Every phone number goes back as read (mobile and fax included): PUT replaces the record, so an entry
  // left out is erased. wxc_sdk sends the list as read (wxc_sdk/people/__init__.py, Person.create_update),
  // as does wxcadm.
  if (typeof person.loginEnabled === 'string') body.loginEnabled = person.loginEnabled === 'true';
  return { ...body, ...changes };
}
