/**
 * Matching scanner findings against the checked-in justifications. A justification names the
 * check, the file and a piece of the flagged line (not its number, which moves with every edit
 * above it), and says why the finding is no risk.
 */
export interface Finding {
  check: string;
  file: string;
  line: number;
  /** The flagged source line, trimmed; empty for global checks. */
  sample: string;
  severity: string;
  description: string;
}

export interface Accepted {
  check: string;
  file: string;
  /** A piece of the flagged line; omitted only for global checks, whose file is "N/A". */
  match?: string;
  reason: string;
}

export interface Triage {
  unaccepted: Finding[];
  /** Justifications matching no finding. */
  stale: Accepted[];
  /** Justifications that are not well formed. */
  problems: string[];
}

const MIN_REASON = 40;

function covers(a: Accepted, f: Finding): boolean {
  return a.check === f.check && a.file === f.file && (a.match === undefined || f.sample.includes(a.match));
}

export function triage(findings: Finding[], accepted: Accepted[]): Triage {
  const problems: string[] = [];
  accepted.forEach((a, i) => {
    const where = `entry ${i + 1} (${a.check ?? '?'})`;
    if (!a.check || !a.file) problems.push(`${where}: needs "check" and "file"`);
    if (a.file !== 'N/A' && !a.match) problems.push(`${where}: needs "match", a piece of the flagged line`);
    if (typeof a.reason !== 'string' || a.reason.trim().length < MIN_REASON) {
      problems.push(`${where}: needs a "reason" that explains why the finding is no risk`);
    }
  });
  return {
    unaccepted: findings.filter((f) => !accepted.some((a) => covers(a, f))),
    stale: accepted.filter((a) => !findings.some((f) => covers(a, f))),
    problems,
  };
}
