import { webexId } from './ids';
import type { LocationRecord, NumberRecord, PersonRecord, SimSeed } from './state';

/** Credentials of the demo org. Fake values, meaningful only to the simulator. */
export const SIM_ACCESS_TOKEN = 'sim-access-token';
export const SIM_CLIENT_ID = 'sim-service-app-client-id';
export const SIM_CLIENT_SECRET = 'sim-service-app-client-secret';
export const SIM_REFRESH_TOKEN = 'sim-refresh-token';

const ORG_UUID = '6f1b8a0e-5d4c-4e21-9a3b-0c7d2e9f4a10';

// Fixed uuids so the ids below are the same in every process (tests, local runtime, benchmarks).
export const DEMO_IDS = {
  orgId: webexId('ORGANIZATION', ORG_UUID),
  locations: {
    headquarters: webexId('LOCATION', '0b6f7c1e-2a4d-4f8e-9c31-1a2b3c4d5e01'),
    branchOffice: webexId('LOCATION', '0b6f7c1e-2a4d-4f8e-9c31-1a2b3c4d5e02'),
    partnerHub: webexId('LOCATION', '0b6f7c1e-2a4d-4f8e-9c31-1a2b3c4d5e03'),
    warehouse: webexId('LOCATION', '0b6f7c1e-2a4d-4f8e-9c31-1a2b3c4d5e04'),
  },
  // License ids decode to `<org uuid>:<type>_<uuid>`, the shape wxc_sdk reads the license type from.
  licenses: {
    callingProfessional: webexId('LICENSE', `${ORG_UUID}:BCSTD_7a1d0c2e-3f4b-4c5d-8e6f-000000000001`),
    callingBasic: webexId('LICENSE', `${ORG_UUID}:BCBASIC_7a1d0c2e-3f4b-4c5d-8e6f-000000000002`),
    meetingsEnterprise: webexId('LICENSE', `${ORG_UUID}:EE_7a1d0c2e-3f4b-4c5d-8e6f-000000000003_sim-demo.webex.com`),
    messaging: webexId('LICENSE', `${ORG_UUID}:MS_7a1d0c2e-3f4b-4c5d-8e6f-000000000004`),
  },
  people: {
    alice: webexId('PEOPLE', '9c2e4b1a-7d3f-4a6e-8b5c-2d1e0f3a4b01'),
    bob: webexId('PEOPLE', '9c2e4b1a-7d3f-4a6e-8b5c-2d1e0f3a4b02'),
    carol: webexId('PEOPLE', '9c2e4b1a-7d3f-4a6e-8b5c-2d1e0f3a4b03'),
  },
  roles: {
    fullAdmin: webexId('ROLE', 'id_full_admin'),
  },
} as const;

export const DEMO_NUMBERS = {
  headquartersMain: '+14085550100',
  branchOfficeMain: '+12125550100',
  partnerHubMain: '+13125550100',
  alicePrimary: '+14085550101',
  carolPrimary: '+12125550101',
  carolAlternate: '+12125550102',
  /**
   * Headquarters numbers a new user must not get as primary number, sorted before its free standard ones:
   * Webex's primary candidates include inactive and mobile numbers (webex-user-call-settings-2-2.yml,
   * primary availableNumbers), and the pool holds service and toll-free numbers too.
   */
  headquartersInactive: '+14085550001',
  headquartersMobile: '+14085550002',
  headquartersService: '+14085550003',
  headquartersTollFree: '+18005550100',
  /** Reserved (`isReservedNumber`): listed, never assignable; sorted before the free standard ones too. */
  headquartersReserved: '+14085550004',
} as const;

export const DEMO_EMAILS = {
  alice: 'alice.admin@example.com',
  bob: 'bob.builder@example.com',
  carol: 'carol.calling@example.com',
} as const;

function pool(prefix: string, first: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(first + i).padStart(4, '0')}`);
}

function numbersFor(locationId: string, phoneNumbers: string[]): NumberRecord[] {
  return phoneNumbers.map((phoneNumber) => ({ phoneNumber, locationId, state: 'ACTIVE', tollFree: false, service: false }));
}

/** The demo organisation. A fresh object each call; consumed units follow from the people's licenses. */
export function demoSeed(): SimSeed {
  const { locations: loc, licenses: lic, people: ppl } = DEMO_IDS;
  const locations: LocationRecord[] = [
    {
      id: loc.headquarters, name: 'Headquarters', timeZone: 'America/Los_Angeles', preferredLanguage: 'en_us',
      announcementLanguage: 'en_us',
      address: { address1: '170 West Tasman Drive', city: 'San Jose', state: 'CA', postalCode: '95134', country: 'US' },
      latitude: '37.4089', longitude: '-121.9540', notes: 'Main campus',
      callingEnabled: true, routingPrefix: '8001', pstn: 'LOCAL_GATEWAY', mainNumber: DEMO_NUMBERS.headquartersMain,
      callParkExtensions: ['1900'],
    },
    {
      id: loc.branchOffice, name: 'Branch Office', timeZone: 'America/New_York', preferredLanguage: 'en_us',
      announcementLanguage: 'en_us',
      address: { address1: '1 Penn Plaza', address2: 'Floor 20', city: 'New York', state: 'NY', postalCode: '10119', country: 'US' },
      latitude: '40.7506', longitude: '-73.9935',
      callingEnabled: true, routingPrefix: '8002', pstn: 'NON_INTEGRATED_CCP', mainNumber: DEMO_NUMBERS.branchOfficeMain,
    },
    {
      id: loc.partnerHub, name: 'Partner Hub', timeZone: 'America/Chicago', preferredLanguage: 'en_us',
      announcementLanguage: 'en_us',
      address: { address1: '233 South Wacker Drive', city: 'Chicago', state: 'IL', postalCode: '60606', country: 'US' },
      notes: 'Cisco Calling Plan (integrated PSTN): numbers are managed by the provider',
      callingEnabled: true, routingPrefix: '8003', pstn: 'CISCO_PSTN', mainNumber: DEMO_NUMBERS.partnerHubMain,
    },
    {
      // In /locations but not enabled for Webex Calling: not in /telephony/config/locations.
      id: loc.warehouse, name: 'Warehouse', timeZone: 'America/Denver', preferredLanguage: 'en_us',
      announcementLanguage: 'en_us',
      address: { address1: '1 Industrial Way', city: 'Denver', state: 'CO', postalCode: '80216', country: 'US' },
      notes: 'No Webex Calling here', callingEnabled: false,
    },
  ];

  const numbers: NumberRecord[] = [
    ...numbersFor(loc.headquarters, pool('+1408555', 100, 20)),
    ...numbersFor(loc.branchOffice, pool('+1212555', 100, 10)),
    ...numbersFor(loc.partnerHub, pool('+1312555', 100, 2)),
    { phoneNumber: DEMO_NUMBERS.headquartersInactive, locationId: loc.headquarters, state: 'INACTIVE', tollFree: false, service: false },
    { phoneNumber: DEMO_NUMBERS.headquartersMobile, locationId: loc.headquarters, state: 'ACTIVE', tollFree: false, service: false, mobile: true },
    { phoneNumber: DEMO_NUMBERS.headquartersService, locationId: loc.headquarters, state: 'ACTIVE', tollFree: false, service: true },
    { phoneNumber: DEMO_NUMBERS.headquartersTollFree, locationId: loc.headquarters, state: 'ACTIVE', tollFree: true, service: false },
    { phoneNumber: DEMO_NUMBERS.headquartersReserved, locationId: loc.headquarters, state: 'ACTIVE', tollFree: false, service: false, reserved: true },
  ];
  const own = (phoneNumber: string, owner: NumberRecord['owner']) => {
    const n = numbers.find((x) => x.phoneNumber === phoneNumber);
    if (n) n.owner = owner;
  };
  own(DEMO_NUMBERS.alicePrimary, { personId: ppl.alice, kind: 'PRIMARY' });
  own(DEMO_NUMBERS.carolPrimary, { personId: ppl.carol, kind: 'PRIMARY' });
  own(DEMO_NUMBERS.carolAlternate, { personId: ppl.carol, kind: 'ALTERNATE', ringPattern: 'NORMAL' });

  const base = {
    roles: [] as string[], siteUrls: [] as string[], otherNumbers: [] as PersonRecord['otherNumbers'],
    distinctiveRingEnabled: false, status: 'active' as const, invitePending: false, loginEnabled: true,
  };
  const people: PersonRecord[] = [
    {
      ...base, id: ppl.alice, emails: [DEMO_EMAILS.alice], displayName: 'Alice Admin', firstName: 'Alice',
      lastName: 'Admin', nickName: 'Alice', department: 'IT', title: 'Administrator',
      roles: [DEMO_IDS.roles.fullAdmin], licenses: [lic.callingProfessional, lic.meetingsEnterprise],
      siteUrls: ['sim-demo.webex.com'], otherNumbers: [{ type: 'mobile', value: '+14085559001' }],
      calling: { locationId: loc.headquarters, extension: '1001' },
      created: '2024-01-15T10:00:00.000Z', lastModified: '2024-01-15T10:00:00.000Z',
      timezone: 'America/Los_Angeles', lastActivity: '2024-06-01T09:30:00.000Z',
    },
    {
      ...base, id: ppl.bob, emails: [DEMO_EMAILS.bob], displayName: 'Bob Builder', firstName: 'Bob',
      lastName: 'Builder', nickName: 'Bob', department: 'Facilities',
      licenses: [lic.messaging, lic.meetingsEnterprise], siteUrls: ['sim-demo.webex.com'],
      // Directory-synced numbers that a PUT must carry back (a PUT without them erases them, as wxc_sdk and wxcadm show).
      otherNumbers: [{ type: 'mobile', value: '+14085559002' }, { type: 'fax', value: '+14085559102' }],
      created: '2024-02-01T10:00:00.000Z', lastModified: '2024-02-01T10:00:00.000Z',
      lastActivity: '2024-06-02T14:00:00.000Z', status: 'inactive',
    },
    {
      ...base, id: ppl.carol, emails: [DEMO_EMAILS.carol], displayName: 'Carol Calling', firstName: 'Carol',
      lastName: 'Calling', nickName: 'Carol', title: 'Sales',
      licenses: [lic.callingBasic], otherNumbers: [{ type: 'mobile', value: '+12125559003' }],
      calling: { locationId: loc.branchOffice, extension: '2001' },
      created: '2024-03-01T10:00:00.000Z', lastModified: '2024-03-01T10:00:00.000Z',
      timezone: 'America/New_York', lastActivity: '2024-06-03T16:45:00.000Z',
    },
  ];

  return {
    orgId: DEMO_IDS.orgId,
    locations,
    licenses: [
      { id: lic.callingProfessional, name: 'Webex Calling - Professional', totalUnits: 10, calling: true, subscriptionId: 'Sub-SIM-0001' },
      { id: lic.callingBasic, name: 'Webex Calling - Basic', totalUnits: 5, calling: true, subscriptionId: 'Sub-SIM-0001' },
      {
        id: lic.meetingsEnterprise, name: 'Webex Meetings - Enterprise', totalUnits: 100, calling: false,
        subscriptionId: 'Sub-SIM-0001', siteUrl: 'sim-demo.webex.com', siteType: 'Control Hub managed site',
      },
      { id: lic.messaging, name: 'Messaging', totalUnits: 100, calling: false, subscriptionId: 'Sub-SIM-0001' },
    ],
    numbers,
    people,
    oauthClients: [{ clientId: SIM_CLIENT_ID, clientSecret: SIM_CLIENT_SECRET, name: 'Provisioning Service App' }],
    accessTokens: [{ token: SIM_ACCESS_TOKEN, expiresInSeconds: 14 * 24 * 3600 }],
    refreshTokens: [{ token: SIM_REFRESH_TOKEN, clientId: SIM_CLIENT_ID, expiresInSeconds: 90 * 24 * 3600 }],
  };
}
