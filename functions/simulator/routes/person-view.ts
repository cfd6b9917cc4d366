import type { PersonRecord, SimState } from '../state';

export interface PersonViewOptions {
  /** `callingData=true`: add locationId, extension and the work/work_extension numbers. */
  callingData: boolean;
  /** Listing by `id=`: Webex leaves out the admin-only licenses and roles there. */
  listedById?: boolean;
}

/**
 * A person as Webex's `Person` schema shows it. Unset fields are left out, as Webex does;
 * `invitePending`/`loginEnabled` are the strings "true"/"false" of the response schema.
 */
export function personView(state: SimState, person: PersonRecord, options: PersonViewOptions): Record<string, unknown> {
  const phoneNumbers: { type: string; value: string; primary?: boolean }[] = [];
  const calling = person.calling;
  const location = calling ? state.locations.get(calling.locationId) : undefined;
  if (options.callingData && calling) {
    const primary = state.primaryNumberOf(person.id);
    if (primary) phoneNumbers.push({ type: 'work', value: primary.phoneNumber, primary: true });
    if (calling.extension && location) {
      phoneNumbers.push({ type: 'work_extension', value: `${location.routingPrefix}${calling.extension}` });
    }
  }
  for (const n of person.otherNumbers) phoneNumbers.push({ type: n.type, value: n.value, primary: false });

  const showCalling = options.callingData && calling;
  const local = person.emails[0]?.split('@')[0] ?? person.id;
  const sipAddresses: { type: string; value: string; primary: boolean }[] = [];
  if (calling) sipAddresses.push({ type: 'cloud-calling', value: `${local}@sim-demo.calls.webex.com`, primary: true });
  if (person.siteUrls.length) {
    sipAddresses.push({ type: 'personal-room', value: `${local}@${person.siteUrls[0].split('#')[0]}`, primary: false });
  }

  return {
    id: person.id,
    emails: [...person.emails],
    ...(phoneNumbers.length ? { phoneNumbers } : {}),
    ...(showCalling && calling.extension ? { extension: calling.extension } : {}),
    ...(showCalling ? { locationId: calling.locationId } : {}),
    displayName: person.displayName,
    nickName: person.nickName,
    firstName: person.firstName,
    lastName: person.lastName,
    avatar: person.avatar,
    orgId: state.orgId,
    ...(options.listedById ? {} : { roles: [...person.roles], licenses: [...person.licenses] }),
    department: person.department,
    manager: person.manager,
    managerId: person.managerId,
    title: person.title,
    addresses: person.addresses?.length ? person.addresses.map((a) => ({ ...a })) : undefined,
    created: person.created,
    lastModified: person.lastModified,
    timezone: person.timezone,
    lastActivity: person.lastActivity,
    ...(person.siteUrls.length ? { siteUrls: [...person.siteUrls] } : {}),
    ...(sipAddresses.length ? { sipAddresses } : {}),
    status: person.status,
    invitePending: String(person.invitePending),
    loginEnabled: String(person.loginEnabled),
    type: 'person',
  };
}
