import { callingLicenseConflict, checkFreeUnit, licenseNotRecognized, normaliseNumber, resolveCallingTarget } from '../calling';
import { badRequest, notFound, SimError } from '../errors';
import { errorBody, type Reply } from '../http';
import type { RequestContext, Router } from '../router';
import type { LicenseRecord, PersonRecord, SimState } from '../state';
import { bodyObject, optionalString } from './params';

/**
 * Licenses API. PATCH /licenses/users applies each license on its own, like Webex: 200 when all
 * applied, 206 when only some did, 400 (with the documented errorCode) when none did.
 */
export function registerLicenses(router: Router): void {
  router
    .on('GET', '/licenses', listLicenses)
    .on('GET', '/licenses/:licenseId', getLicense)
    .on('PATCH', '/licenses/users', patchUserLicenses);
}

function licenseView(state: SimState, license: LicenseRecord): Record<string, unknown> {
  const consumed = state.consumedUnits(license.id);
  return {
    id: license.id,
    name: license.name,
    totalUnits: license.totalUnits,
    consumedUnits: consumed,
    consumedByUsers: consumed,
    consumedByWorkspaces: 0,
    subscriptionId: license.subscriptionId,
    siteUrl: license.siteUrl,
    siteType: license.siteType,
  };
}

function listLicenses(ctx: RequestContext): Reply {
  const { state } = ctx;
  const orgId = ctx.query.get('orgId');
  const licenses = orgId !== null && orgId !== state.orgId ? [] : [...state.licenses.values()];
  return { status: 200, body: { items: licenses.map((l) => licenseView(state, l)) } };
}

function getLicense(ctx: RequestContext): Reply {
  const { state } = ctx;
  const license = state.licenses.get(ctx.params.licenseId);
  if (!license) throw notFound('License not found.');
  const view = licenseView(state, license);
  if (ctx.query.get('includeAssignedTo') === 'user') {
    view.users = [...state.people.values()]
      .filter((p) => p.licenses.includes(license.id))
      .map((p) => ({ id: p.id, type: 'INTERNAL', displayName: p.displayName, email: p.emails[0] }));
  }
  return { status: 200, body: view };
}

interface LicenseOperation {
  id: string;
  operation: 'add' | 'remove';
  properties?: { locationId?: string; phoneNumber?: string; extension?: string };
}

function parseOperations(body: Record<string, unknown>): LicenseOperation[] {
  if (body.licenses === undefined || body.licenses === null) return [];
  if (!Array.isArray(body.licenses)) throw badRequest('licenses must be an array.');
  return body.licenses.map((raw: unknown) => {
    if (typeof raw !== 'object' || raw === null) throw badRequest('Each license must be an object.');
    const item = raw as Record<string, unknown>;
    const id = optionalString(item, 'id');
    if (!id) throw badRequest('licenses[].id is required.');
    const operation = item.operation ?? 'add';
    if (operation !== 'add' && operation !== 'remove') throw badRequest(`Invalid license operation: ${String(operation)}`);
    let properties: LicenseOperation['properties'];
    if (item.properties !== undefined && item.properties !== null) {
      if (typeof item.properties !== 'object') throw badRequest('licenses[].properties must be an object.');
      const p = item.properties as Record<string, unknown>;
      properties = {
        locationId: optionalString(p, 'locationId') || undefined,
        phoneNumber: optionalString(p, 'phoneNumber') || undefined,
        extension: optionalString(p, 'extension') || undefined,
      };
    }
    return { id, operation, properties };
  });
}

/** Applies one license operation, or throws the error Webex reports for it. */
function applyOperation(state: SimState, person: PersonRecord, op: LicenseOperation): void {
  const license = state.licenses.get(op.id);
  if (!license) throw licenseNotRecognized(op.id);
  if (op.operation === 'remove') {
    state.revokeLicense(person, op.id);
    return;
  }
  if (person.licenses.includes(op.id)) return;
  if (!license.calling) {
    checkFreeUnit(state, op.id);
    state.grantLicense(person, op.id);
    return;
  }
  if (state.callingLicenseOf(person)) throw callingLicenseConflict([op.id]);
  const props = op.properties;
  if (!props || (!props.phoneNumber && !props.extension)) {
    throw new SimError(400, 'License properties missing', {
      errorCode: 400411,
      description: `Each Webex Calling license should contain its own calling properties. The following license(s) do not have properties: ${op.id}`,
    });
  }
  let phoneNumber: string | undefined;
  if (props.phoneNumber) {
    phoneNumber = normaliseNumber(props.phoneNumber);
    if (!phoneNumber) throw badRequest(`Invalid phone number: ${props.phoneNumber}`);
  }
  if (!phoneNumber && !props.locationId) {
    throw badRequest(`locationId is mandatory when phoneNumber is not provided (license ${op.id}).`);
  }
  const target = resolveCallingTarget(state, { locationId: props.locationId, phoneNumber, extension: props.extension }, person.id);
  checkFreeUnit(state, op.id);
  state.grantLicense(person, op.id);
  state.setCalling(person, target);
}

function applySiteUrls(person: PersonRecord, body: Record<string, unknown>): void {
  if (body.siteUrls === undefined || body.siteUrls === null) return;
  if (!Array.isArray(body.siteUrls)) throw badRequest('siteUrls must be an array.');
  for (const raw of body.siteUrls) {
    const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    if (typeof item.siteUrl !== 'string' || item.accountType !== 'attendee') {
      throw new SimError(400, 'Invalid site URL', { errorCode: 400216, description: `Request contains invalid attendee siteUrls: ${String(item.siteUrl)}` });
    }
    const entry = `${item.siteUrl}#attendee`;
    person.siteUrls = person.siteUrls.filter((s) => s !== entry);
    if (item.operation !== 'remove') person.siteUrls.push(entry);
  }
}

function patchUserLicenses(ctx: RequestContext): Reply {
  const { state } = ctx;
  const body = bodyObject(ctx);
  const personId = optionalString(body, 'personId');
  const email = optionalString(body, 'email');
  if (!personId && !email) throw badRequest('At least one of email or personId is required.');
  const person = personId ? state.people.get(personId) : state.personByEmail(email as string);
  if (!person) throw notFound('User not found.');
  const operations = parseOperations(body);
  applySiteUrls(person, body);

  // Removals first, so a license swap in one request frees units and numbers before the add.
  const ordered = [...operations.filter((o) => o.operation === 'remove'), ...operations.filter((o) => o.operation === 'add')];
  const failures: SimError[] = [];
  for (const op of ordered) {
    try {
      applyOperation(state, person, op);
    } catch (error) {
      if (!(error instanceof SimError)) throw error;
      failures.push(error);
    }
  }
  if (operations.length > failures.length) person.lastModified = state.timestamp();
  if (failures.length && failures.length === operations.length) {
    const first = failures[0];
    const response = errorBody(first.message, ctx.trackingId, first);
    response.errors = failures.map((f) => ({ description: f.description, ...(f.errorCode !== undefined ? { errorCode: f.errorCode } : {}) }));
    return { status: 400, body: response };
  }
  const siteUrls = person.siteUrls.map((s) => {
    const [siteUrl, role] = s.split('#');
    return { siteUrl, accountType: role === 'attendee' ? 'attendee' : 'host' };
  });
  return {
    status: failures.length ? 206 : 200,
    body: {
      orgId: state.orgId,
      personId: person.id,
      email: person.emails[0],
      licenses: [...person.licenses],
      ...(siteUrls.length ? { siteUrls } : {}),
    },
  };
}
