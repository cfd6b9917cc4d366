/**
 * Scope names as Cisco's descriptions write them ("…with a scope of `spark-admin:telephony_config_read`"), for the
 * generator (generate.ts): it reads Cisco's documents at build time, never a caller's text. The prefixes are written
 * factored (`spark`, `spark-admin`, `spark-compliance`; `identity`, `Identity`): each is followed by `:`, so no two
 * can match at one place, and the names found are those of the five written out; the factored pattern is the one a
 * ReDoS checker's automaton analyses in a fraction of the time (its states grow with the literals' letters).
 */
export function scopesIn(text: string): string[] {
  return [...new Set(text.match(/\b(?:spark(?:-admin|-compliance)?|[Ii]dentity):[A-Za-z_]+\b/g) ?? [])].sort();
}
