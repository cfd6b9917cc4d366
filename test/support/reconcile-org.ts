import { DEMO_IDS, demoSeed } from '../../functions/simulator/seed';
import type { NumberRecord, PersonRecord, SimSeed } from '../../functions/simulator/state';
import { webexId } from '../../functions/simulator/ids';

/**
 * A large simulated organisation (the demo org plus `people` calling users at @corp.example, spread over
 * the three calling locations, each with a primary number and an extension) and a roster CSV of it with
 * joiners, movers and leavers, for the reconciliation tests and bench.
 */

export const CORP_DOMAIN = 'corp.example';
const CALLING = [
  { id: DEMO_IDS.locations.headquarters, name: 'Headquarters', prefix: '+1408' },
  { id: DEMO_IDS.locations.branchOffice, name: 'Branch Office', prefix: '+1212' },
  { id: DEMO_IDS.locations.partnerHub, name: 'Partner Hub', prefix: '+1312' },
];
const DEPARTMENTS = ['Sales', 'Support', 'Engineering', 'Finance'];

const uuid = (n: number) => `5e1d0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const email = (i: number) => `person${String(i).padStart(5, '0')}@${CORP_DOMAIN}`;
const numberOf = (location: number, i: number) => `${CALLING[location].prefix}7${String(i).padStart(6, '0')}`;

export interface LargeOrg {
  seed: SimSeed;
  people: number;
  /** Free numbers per location, for joiners. */
  freeNumbers: string[][];
}

export function largeOrgSeed(people: number, freePerLocation = 0): LargeOrg {
  const seed = demoSeed();
  const calling = seed.licenses.find((l) => l.id === DEMO_IDS.licenses.callingProfessional)!;
  calling.totalUnits += people + 3 * freePerLocation;
  const base = {
    roles: [] as string[], siteUrls: [] as string[], otherNumbers: [] as PersonRecord['otherNumbers'], distinctiveRingEnabled: false,
    status: 'active' as const, invitePending: false, loginEnabled: true, created: '2025-01-01T00:00:00.000Z', lastModified: '2025-01-01T00:00:00.000Z',
  };
  for (let i = 0; i < people; i++) {
    const location = i % CALLING.length;
    const id = webexId('PEOPLE', uuid(i));
    seed.people.push({
      ...base, id, emails: [email(i)], firstName: `First${i}`, lastName: `Last${i}`, displayName: `First${i} Last${i}`,
      department: DEPARTMENTS[i % DEPARTMENTS.length], title: 'Staff', licenses: [calling.id],
      calling: { locationId: CALLING[location].id, extension: String(100000 + i) },
    });
    seed.numbers.push({ phoneNumber: numberOf(location, i), locationId: CALLING[location].id, state: 'ACTIVE', tollFree: false, service: false, owner: { personId: id, kind: 'PRIMARY' } });
  }
  const freeNumbers = CALLING.map((_, location) => Array.from({ length: freePerLocation }, (__, k) => numberOf(location, people + k)));
  freeNumbers.forEach((list, location) => {
    for (const phoneNumber of list) seed.numbers.push({ phoneNumber, locationId: CALLING[location].id, state: 'ACTIVE', tollFree: false, service: false } satisfies NumberRecord);
  });
  return { seed, people, freeNumbers };
}

export interface RosterMix {
  /** Fractions of the org's people. */
  joiners: number;
  movers: number;
  leavers: number;
  /** Of the people kept, those whose title the roster changes. */
  profileChanges?: number;
}

/**
 * The roster as the HR system would send it: every kept person with their current data (a mover in the
 * next location, some with a new title), the leavers left out, and the joiners with a free number each.
 */
export function rosterCsv(org: LargeOrg, mix: RosterMix): { csv: string; expected: { join: number; move: number; leave: number; updateProfile: number } } {
  const lines = ['email,firstName,lastName,displayName,department,title,location,phoneNumber'];
  const n = org.people;
  const leavers = Math.round(n * mix.leavers);
  const movers = Math.round(n * mix.movers);
  const changes = Math.round(n * (mix.profileChanges ?? 0));
  const joiners = Math.round(n * mix.joiners);
  // Leavers are the last people, movers the first, title changes the ones after the movers.
  for (let i = 0; i < n - leavers; i++) {
    const location = (i % CALLING.length + (i < movers ? 1 : 0)) % CALLING.length;
    const title = i >= movers && i < movers + changes ? 'Lead' : 'Staff';
    lines.push([email(i), `First${i}`, `Last${i}`, `First${i} Last${i}`, DEPARTMENTS[i % DEPARTMENTS.length], title, CALLING[location].name, ''].join(','));
  }
  for (let k = 0; k < joiners; k++) {
    const location = k % CALLING.length;
    const phoneNumber = org.freeNumbers[location][Math.floor(k / CALLING.length)];
    if (!phoneNumber) throw new Error('not enough free numbers for the joiners');
    lines.push([`joiner${String(k).padStart(5, '0')}@${CORP_DOMAIN}`, `New${k}`, 'Joiner', `New${k} Joiner`, 'Sales', 'Staff', CALLING[location].name, phoneNumber].join(','));
  }
  return { csv: `${lines.join('\r\n')}\r\n`, expected: { join: joiners, move: movers, leave: leavers, updateProfile: changes } };
}
