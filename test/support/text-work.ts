/**
 * The work a check does over text, counted instead of timed (a count is the same on a loaded machine as on an
 * idle one): every code unit read with `charCodeAt` / `codePointAt`, and every regular expression run, with
 * the length of the text it was run over. Hand-written scans read text through those two methods, and every
 * pattern (`test`, `exec`, `match`, `replace`, `split`, zod's `.regex()` and formats) runs through
 * `RegExp.prototype.exec`, which is what is counted: a replaced `exec` is called by all of them.
 */
export interface TextWork {
  unitReads: number;
  regexRuns: { source: string; length: number }[];
}

export function countTextWork<T>(fn: () => T): { result: T; work: TextWork } {
  const work: TextWork = { unitReads: 0, regexRuns: [] };
  const strings = String.prototype;
  const { charCodeAt, codePointAt } = strings;
  const { exec } = RegExp.prototype;
  strings.charCodeAt = function (this: string, index: number) {
    work.unitReads++;
    return charCodeAt.call(this, index);
  };
  strings.codePointAt = function (this: string, index: number) {
    work.unitReads++;
    return codePointAt.call(this, index);
  };
  RegExp.prototype.exec = function (this: RegExp, input: string) {
    work.regexRuns.push({ source: this.source, length: String(input).length });
    return exec.call(this, input);
  };
  try {
    return { result: fn(), work };
  } finally {
    strings.charCodeAt = charCodeAt;
    strings.codePointAt = codePointAt;
    RegExp.prototype.exec = exec;
  }
}
