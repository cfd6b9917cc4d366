import { csvRows, parseCsv, rowToJoinerDetail } from '../bulk/csv';
import { preflightCsv } from '../bulk/csv-joiners';
import { ValidationError, type FieldIssue } from '../errors';
import type { UserJoinedDetail } from '../schemas/lifecycle-events';

/** One person the roster says should have Webex Calling, and where it came from (for error messages). */
export interface RosterEntry {
  /** `lines.<line>` of a CSV, `users.<index>` of JSON: a field issue is `<where>.<column>`. */
  where: string;
  detail: UserJoinedDetail;
}

/**
 * A roster CSV in the bulk joiners' columns, through the same preflight as POST /bulk/joiners/csv:
 * every problem is a ValidationError naming `lines.<line>.<column>` (or `header…`), and nothing is planned.
 */
export function rosterFromCsv(text: string): RosterEntry[] {
  preflightCsv(text);
  // The preflight refused every malformed row, so each one converts.
  return refuseSharedNumbers(csvRows(parseCsv(text)).map(({ line, row }) => {
    const result = rowToJoinerDetail(row);
    if ('issues' in result) throw new ValidationError(result.issues.map((i) => ({ field: `lines.${line}.${i.field}`, message: i.message })));
    return { where: `lines.${line}`, detail: result.detail as UserJoinedDetail };
  }));
}

/**
 * A number belongs to one person: two rows giving the same one would be planned twice, and at apply the
 * second user would be created without calling. The roster is refused, naming both rows.
 */
function refuseSharedNumbers(entries: RosterEntry[]): RosterEntry[] {
  const first = new Map<string, string>();
  const issues: FieldIssue[] = [];
  for (const { where, detail } of entries) {
    if (!detail.phoneNumber) continue;
    const earlier = first.get(detail.phoneNumber);
    if (earlier === undefined) first.set(detail.phoneNumber, where);
    else issues.push({ field: `${where}.phoneNumber`, message: `${detail.phoneNumber} is also the number of ${earlier}: each number once per roster` });
  }
  if (issues.length) throw new ValidationError(issues);
  return entries;
}

/** JSON users, already `Webex User Joined` details (ReconcilePlanInput): each once. */
export function rosterFromUsers(users: UserJoinedDetail[]): RosterEntry[] {
  const seen = new Map<string, number>();
  const issues: FieldIssue[] = [];
  for (const [i, user] of users.entries()) {
    const key = user.email.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else issues.push({ field: `users.${i}.email`, message: `duplicate of users.${first}.email (each user once per roster)` });
  }
  if (issues.length) throw new ValidationError(issues);
  return refuseSharedNumbers(users.map((detail, i) => ({ where: `users.${i}`, detail })));
}
