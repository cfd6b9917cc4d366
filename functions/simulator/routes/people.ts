import {
  callingLicenseConflict, checkExtension, checkFreeUnit, checkNumberForPerson, licenseNotRecognized, normaliseNumber,
  resolveCallingTarget, type CallingTarget,
} from '../calling';
import { badRequest, conflict, notFound, SimError } from '../errors';
import type { Reply } from '../http';
import type { RequestContext, Router } from '../router';
import type { PersonAddress, PersonRecord, SimState } from '../state';
import { bodyObject, boolParam, cursorPage, intParam, optionalString, optionalStringArray, rejectUnknownParams } from './params';
import { personView } from './person-view';

/**
 * People API. The traps it reproduces: POST answers 200, PUT replaces the whole record (a license
 * left out is removed), calling fields need callingData=true on PUT, and a calling user's location
 * cannot be changed here.
 */
export function registerPeople(router: Router): void {
  router
    .on('GET', '/people', listPeople)
    .on('POST', '/people', createPerson)
    .on('GET', '/people/:personId', getPerson)
    .on('PUT', '/people/:personId', updatePerson)
    .on('DELETE', '/people/:personId', deletePerson);
}

const LIST_PARAMS = ['email', 'displayName', 'id', 'orgId', 'roles', 'callingData', 'locationId', 'max', 'excludeStatus', 'cursor'];
const MAX_IDS = 85;

export function requirePerson(state: SimState, personId: string): PersonRecord {
  const person = state.people.get(personId);
  if (!person) throw notFound('Person not found.');
  return person;
}

function listPeople(ctx: RequestContext): Reply {
  const { state, query } = ctx;
  rejectUnknownParams(ctx, LIST_PARAMS);
  const callingData = boolParam(ctx, 'callingData') ?? false;
  boolParam(ctx, 'excludeStatus');
  const locationId = query.get('locationId');
  // Webex's documented caps: a larger max gets the cap and a next link.
  const cap = locationId !== null ? 50 : callingData ? 100 : 1000;
  const max = Math.min(intParam(ctx, 'max', 1) ?? 100, cap);
  // A large org times out on big calling-data pages (state.callingDataPageLimit has the evidence).
  if (callingData && state.callingDataPageLimit !== undefined && max > state.callingDataPageLimit) {
    throw new SimError(504, 'Gateway Timeout: An upstream server failed to respond on time. If your query uses max parameter, please try to reduce it.');
  }

  let people = [...state.people.values()];
  const orgId = query.get('orgId');
  if (orgId !== null && orgId !== state.orgId) people = [];
  const email = query.get('email');
  if (email !== null) people = people.filter((p) => p.emails.some((e) => e.toLowerCase() === email.toLowerCase()));
  const displayName = query.get('displayName');
  if (displayName !== null) {
    const prefix = displayName.toLowerCase();
    people = people.filter((p) => p.displayName.toLowerCase().startsWith(prefix));
  }
  const idParam = query.get('id');
  let notFoundIds: string[] = [];
  if (idParam !== null) {
    const ids = idParam.split(',').map((s) => s.trim()).filter(Boolean);
    if (ids.length > MAX_IDS) throw badRequest(`At most ${MAX_IDS} ids can be given.`);
    people = people.filter((p) => ids.includes(p.id));
    notFoundIds = ids.filter((id) => !state.people.has(id));
  }
  const roles = query.get('roles');
  if (roles !== null) {
    const wanted = roles.split(',').map((s) => s.trim());
    people = people.filter((p) => p.roles.some((r) => wanted.includes(r)));
  }
  if (locationId !== null) people = people.filter((p) => p.calling?.locationId === locationId);

  const page = cursorPage(ctx, people, max, (id) => state.sequenceOf(id));
  const listedById = idParam !== null;
  return {
    status: 200,
    body: {
      items: page.items.map((p) => personView(state, p, { callingData, listedById })),
      ...(notFoundIds.length ? { notFoundIds } : {}),
    },
    headers: page.headers,
  };
}

function getPerson(ctx: RequestContext): Reply {
  const person = requirePerson(ctx.state, ctx.params.personId);
  const callingData = boolParam(ctx, 'callingData') ?? false;
  return { status: 200, body: personView(ctx.state, person, { callingData }) };
}

/** The writable fields of a POST/PUT body, type-checked. */
interface PersonInput {
  emails?: string[];
  displayName?: string;
  firstName?: string;
  lastName?: string;
  avatar?: string;
  department?: string;
  title?: string;
  manager?: string;
  managerId?: string;
  addresses?: PersonAddress[];
  roles?: string[];
  licenses?: string[];
  siteUrls?: string[];
  workNumber?: string;
  /** mobile and fax entries: a PUT replaces them (omitted ones are erased), as it does every field. */
  otherNumbers?: PersonRecord['otherNumbers'];
  extension?: string;
  locationId?: string;
  loginEnabled?: boolean;
}

const ADDRESS_FIELDS = ['type', 'country', 'locality', 'region', 'streetAddress', 'postalCode'] as const;

function parsePersonInput(body: Record<string, unknown>): PersonInput {
  const input: PersonInput = {
    emails: optionalStringArray(body, 'emails'),
    displayName: optionalString(body, 'displayName'),
    firstName: optionalString(body, 'firstName'),
    lastName: optionalString(body, 'lastName'),
    avatar: optionalString(body, 'avatar'),
    department: optionalString(body, 'department'),
    title: optionalString(body, 'title'),
    manager: optionalString(body, 'manager'),
    managerId: optionalString(body, 'managerId'),
    roles: optionalStringArray(body, 'roles'),
    licenses: optionalStringArray(body, 'licenses'),
    siteUrls: optionalStringArray(body, 'siteUrls'),
    extension: optionalString(body, 'extension') || undefined,
    locationId: optionalString(body, 'locationId') || undefined,
  };
  for (const email of input.emails ?? []) {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw badRequest(`Invalid email address: ${email}`);
  }
  if (body.addresses !== undefined && body.addresses !== null) {
    if (!Array.isArray(body.addresses)) throw badRequest('addresses must be an array.');
    input.addresses = body.addresses.map((a: unknown) => {
      if (typeof a !== 'object' || a === null) throw badRequest('Each address must be an object.');
      const address: PersonAddress = {};
      for (const field of ADDRESS_FIELDS) {
        const value = optionalString(a as Record<string, unknown>, field);
        if (value !== undefined) address[field] = value;
      }
      return address;
    });
  }
  if (body.phoneNumbers !== undefined && body.phoneNumbers !== null) {
    if (!Array.isArray(body.phoneNumbers)) throw badRequest('phoneNumbers must be an array.');
    // `work` is the calling number; work_extension is derived from `extension` and ignored. mobile and fax
    // are directory numbers a PUT replaces like any field: wxc_sdk (people/__init__.py create_update) and
    // wxcadm write every entry back as read, so leaving them out erases them.
    input.otherNumbers = [];
    for (const n of body.phoneNumbers as unknown[]) {
      const entry = (typeof n === 'object' && n !== null ? n : {}) as { type?: unknown; value?: unknown };
      if (entry.type !== 'mobile' && entry.type !== 'fax') continue;
      if (typeof entry.value !== 'string' || !entry.value) throw badRequest('phoneNumbers[].value must be a string.');
      input.otherNumbers.push({ type: entry.type, value: entry.value });
    }
    const work = body.phoneNumbers.find(
      (n: unknown) => typeof n === 'object' && n !== null && (n as { type?: unknown }).type === 'work',
    ) as { value?: unknown } | undefined;
    if (work) {
      if (typeof work.value !== 'string') throw badRequest('phoneNumbers[].value must be a string.');
      const normalised = normaliseNumber(work.value);
      if (!normalised) throw badRequest(`Invalid phone number: ${work.value}`);
      input.workNumber = normalised;
    }
  }
  if (body.loginEnabled !== undefined && body.loginEnabled !== null) {
    if (typeof body.loginEnabled !== 'boolean') throw badRequest('loginEnabled must be a boolean.');
    input.loginEnabled = body.loginEnabled;
  }
  return input;
}

/** Known license ids, at most one of them a calling license (returned). */
function checkLicenses(state: SimState, ids: string[]): string | undefined {
  const unknown = ids.find((id) => !state.licenses.has(id));
  if (unknown) throw licenseNotRecognized(unknown);
  const calling = ids.filter((id) => state.isCallingLicense(id));
  if (calling.length > 1) throw callingLicenseConflict(calling);
  return calling[0];
}

const CALLING_NEEDS =
  'A Webex Calling user needs the calling license, locationId and phoneNumbers (type work) or extension in the same request.';

/** Non-calling licenses are best-effort, as Webex documents: one without free units is skipped. */
function grantOtherLicenses(state: SimState, person: PersonRecord, ids: string[]): void {
  for (const id of ids) {
    if (state.isCallingLicense(id) || person.licenses.includes(id)) continue;
    if (state.hasFreeUnit(id)) state.grantLicense(person, id);
  }
}

function createPerson(ctx: RequestContext): Reply {
  const { state } = ctx;
  const callingData = boolParam(ctx, 'callingData') ?? false;
  const minResponse = boolParam(ctx, 'minResponse') ?? false;
  const body = bodyObject(ctx);
  if (body.emails === undefined) throw badRequest('emails is required.');
  const input = parsePersonInput(body);
  if (!input.emails?.length) throw badRequest('emails must hold one email address.');
  if (!input.displayName && !input.firstName && !input.lastName) {
    throw badRequest('At least one of displayName, firstName or lastName is required.');
  }
  // Only the first address is used, per the API reference.
  const email = input.emails[0];
  if (state.personByEmail(email)) throw conflict(`User with email ${email} already exists.`);

  const licenseIds = [...new Set(input.licenses ?? [])];
  const callingLicense = checkLicenses(state, licenseIds);
  let target: CallingTarget | undefined;
  if (callingLicense) {
    if (!input.locationId || (!input.workNumber && !input.extension)) throw badRequest(CALLING_NEEDS);
    target = resolveCallingTarget(state, { locationId: input.locationId, phoneNumber: input.workNumber, extension: input.extension });
    checkFreeUnit(state, callingLicense);
  } else if (input.workNumber || input.extension) {
    throw badRequest('phoneNumbers and extension can only be set for Webex Calling users. ' + CALLING_NEEDS);
  }

  const now = state.timestamp();
  const person: PersonRecord = {
    id: state.newId('PEOPLE'),
    emails: [email],
    displayName: input.displayName || [input.firstName, input.lastName].filter(Boolean).join(' '),
    firstName: input.firstName,
    lastName: input.lastName,
    nickName: input.firstName,
    avatar: input.avatar,
    department: input.department,
    title: input.title,
    manager: input.manager,
    managerId: input.managerId,
    addresses: input.addresses,
    roles: input.roles ?? [],
    licenses: [],
    siteUrls: input.siteUrls ?? [],
    otherNumbers: input.otherNumbers ?? [],
    distinctiveRingEnabled: false,
    created: now,
    lastModified: now,
    status: 'pending',
    invitePending: true,
    loginEnabled: true,
  };
  state.addPerson(person);
  if (callingLicense && target) {
    state.grantLicense(person, callingLicense);
    state.setCalling(person, target);
  }
  grantOtherLicenses(state, person, licenseIds);
  return { status: 200, body: minResponse ? { id: person.id } : personView(state, person, { callingData }) };
}

type CallingPlan = { kind: 'keep' } | { kind: 'clear' } | { kind: 'set'; target: CallingTarget };

/** What a PUT does to the person's calling data; validates everything before anything changes. */
function planCalling(
  state: SimState,
  person: PersonRecord,
  input: PersonInput,
  callingLicense: string | undefined,
  callingData: boolean,
): CallingPlan {
  if (!callingLicense) {
    // A read-modify-write that drops the calling license still carries the old number and extension:
    // they go with the license.
    if (person.calling) return { kind: 'clear' };
    if (callingData && (input.workNumber || input.extension)) {
      throw badRequest('phoneNumbers and extension can only be set for Webex Calling users.');
    }
    return { kind: 'keep' };
  }
  if (callingLicense !== state.callingLicenseOf(person)) checkFreeUnit(state, callingLicense);
  if (person.calling) {
    // Without callingData Webex ignores the calling fields of the body.
    if (!callingData) return { kind: 'keep' };
    const locationId = person.calling.locationId;
    if (input.locationId && input.locationId !== locationId) {
      throw badRequest(
        'locationId cannot be changed for an existing Webex Calling user. Use the move users job ' +
          '(POST /telephony/config/jobs/person/moveLocation).',
      );
    }
    // A full replace: a number or extension missing from the body is removed, and one must remain.
    if (!input.workNumber && !input.extension) throw badRequest('A Webex Calling user needs a phone number or an extension.');
    if (input.workNumber) checkNumberForPerson(state, locationId, input.workNumber, person.id);
    if (input.extension && input.extension !== person.calling.extension) {
      checkExtension(state, locationId, input.extension, person.id);
    }
    return { kind: 'set', target: { locationId, phoneNumber: input.workNumber, extension: input.extension } };
  }
  if (!callingData) {
    throw badRequest(`Assigning a Webex Calling license with PUT /people needs callingData=true. ${CALLING_NEEDS}`);
  }
  if (!input.locationId || (!input.workNumber && !input.extension)) throw badRequest(CALLING_NEEDS);
  const target = resolveCallingTarget(
    state,
    { locationId: input.locationId, phoneNumber: input.workNumber, extension: input.extension },
    person.id,
  );
  return { kind: 'set', target };
}

function updatePerson(ctx: RequestContext): Reply {
  const { state } = ctx;
  const person = requirePerson(state, ctx.params.personId);
  const callingData = boolParam(ctx, 'callingData') ?? false;
  const minResponse = boolParam(ctx, 'minResponse') ?? false;
  boolParam(ctx, 'showAllTypes');
  const input = parsePersonInput(bodyObject(ctx));
  if (!input.displayName?.trim()) throw badRequest('displayName is required.');
  if (input.emails) {
    if (!input.emails.length) throw badRequest('emails must hold at least one email address.');
    for (const email of input.emails) {
      const other = state.personByEmail(email);
      if (other && other.id !== person.id) throw conflict(`User with email ${email} already exists.`);
    }
  }
  const licenseIds = [...new Set(input.licenses ?? [])];
  const callingLicense = checkLicenses(state, licenseIds);
  const plan = planCalling(state, person, input, callingLicense, callingData);

  // Everything is valid: replace the record. Fields missing from the body are cleared.
  if (input.emails) state.setEmails(person, input.emails);
  person.displayName = input.displayName;
  person.firstName = input.firstName;
  person.lastName = input.lastName;
  // Webex does not let nickName be set: it follows firstName.
  person.nickName = input.firstName;
  person.avatar = input.avatar;
  person.department = input.department;
  person.title = input.title;
  person.manager = input.manager;
  person.managerId = input.managerId;
  person.addresses = input.addresses;
  person.roles = input.roles ?? [];
  person.siteUrls = input.siteUrls ?? [];
  person.otherNumbers = input.otherNumbers ?? [];
  if (input.loginEnabled !== undefined) person.loginEnabled = input.loginEnabled;

  // Grant a new calling license before revoking the old one, so a license swap keeps the calling data.
  if (callingLicense) state.grantLicense(person, callingLicense);
  for (const id of [...person.licenses]) if (!licenseIds.includes(id)) state.revokeLicense(person, id);
  if (plan.kind === 'set') state.setCalling(person, plan.target);
  if (plan.kind === 'clear') state.clearCalling(person);
  grantOtherLicenses(state, person, licenseIds);
  person.lastModified = state.timestamp();

  if (minResponse) return { status: 204 };
  return { status: 200, body: personView(state, person, { callingData }) };
}

function deletePerson(ctx: RequestContext): Reply {
  const person = requirePerson(ctx.state, ctx.params.personId);
  ctx.state.deletePerson(person);
  return { status: 204 };
}
