/**
 * Reading `npm audit --json` and the lockfile, kept pure so the tests can feed them fixtures.
 * npm audit needs the registry's bulk advisory endpoint (a POST); where it cannot be reached
 * (offline, or a mirror that answers only GET, as on these build machines) the report must say
 * "not audited", never "no vulnerabilities".
 */
export type AuditOutcome =
  | { kind: 'unreachable'; reason: string }
  | { kind: 'report'; findings: AuditFinding[] }
  | { kind: 'unreadable'; reason: string };

export interface AuditFinding {
  package: string;
  severity: string;
  /** The package's own advisories; a package only vulnerable through others has none. */
  advisories: Array<{ url: string; severity: string; title: string }>;
  /** The vulnerable packages it depends on, judged as findings of their own. */
  through: string[];
}

export interface AllowedAdvisory {
  package: string;
  /** The advisory's URL as npm audit prints it, e.g. https://github.com/advisories/GHSA-... */
  advisory: string;
  reason: string;
  /** YYYY-MM-DD: a justification is looked at again, not kept forever. */
  expires: string;
}

const SEVERITY_ORDER = ['info', 'low', 'moderate', 'high', 'critical'];
const NETWORK_CODES = /E(NOTFOUND|CONNREFUSED|CONNRESET|TIMEDOUT|AI_AGAIN|NETUNREACH|HOSTUNREACH)|ETIMEDOUT/;

export function readAudit(stdout: string): AuditOutcome {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(stdout);
  } catch {
    return { kind: 'unreadable', reason: `npm audit printed no JSON: ${stdout.slice(0, 200)}` };
  }
  const vulnerabilities = json.vulnerabilities as Record<string, Record<string, unknown>> | undefined;
  if (vulnerabilities && typeof vulnerabilities === 'object') {
    return {
      kind: 'report',
      findings: Object.values(vulnerabilities).map((v) => {
        const via = (v.via as Array<string | { url?: string; title?: string; severity?: string }>) ?? [];
        return {
          package: String(v.name),
          severity: String(v.severity),
          advisories: via.flatMap((x) =>
            typeof x === 'string'
              ? []
              : [
                  {
                    url: String(x.url ?? ''),
                    severity: String(x.severity ?? v.severity),
                    title: String(x.title ?? ''),
                  },
                ],
          ),
          through: via.filter((x): x is string => typeof x === 'string'),
        };
      }),
    };
  }
  // npm's error shapes: the failed request itself ({ statusCode, message, ... }) or { error: {...} }.
  const error = (json.error ?? {}) as { code?: string; summary?: string };
  const status = typeof json.statusCode === 'number' ? json.statusCode : undefined;
  const text = [json.message, json.code, error.code, error.summary].filter(Boolean).join(' ');
  if (status !== undefined || NETWORK_CODES.test(text) || /audit endpoint/i.test(text)) {
    return { kind: 'unreachable', reason: text || `HTTP ${status}` };
  }
  return { kind: 'unreadable', reason: text || 'npm audit printed neither a report nor an error' };
}

export function atLeast(severity: string, level: string): boolean {
  return SEVERITY_ORDER.indexOf(severity) >= SEVERITY_ORDER.indexOf(level);
}

/** Findings at `level` or above that no unexpired allow-list entry covers, and the list's faults. */
export function judge(
  findings: AuditFinding[],
  allowed: AllowedAdvisory[],
  level: string,
  today: string,
): { failing: AuditFinding[]; problems: string[] } {
  const problems: string[] = [];
  for (const a of allowed) {
    if (!a.package || !a.advisory) problems.push(`an entry needs "package" and "advisory"`);
    if (!a.reason || a.reason.trim().length < 40) problems.push(`${a.advisory}: needs a "reason" explaining the risk`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(a.expires ?? '')) problems.push(`${a.advisory}: needs "expires" as YYYY-MM-DD`);
    else if (a.expires < today) problems.push(`${a.advisory}: expired on ${a.expires}; look at it again`);
  }
  const live = allowed.filter((a) => (a.expires ?? '') >= today);
  const failing = findings.filter((f) =>
    f.advisories.some(
      (adv) => atLeast(adv.severity, level) && !live.some((a) => a.package === f.package && a.advisory === adv.url),
    ),
  );
  return { failing, problems };
}

interface LockPackage {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dev?: boolean;
}

/**
 * Offline supply-chain checks of package-lock.json: every installed package comes from the npm
 * registry with a SHA-512 integrity (no git, no plain-HTTP or foreign tarballs), and links point
 * inside the repository; package.json pins exact versions.
 */
export function lockfileProblems(
  lock: { lockfileVersion?: number; packages?: Record<string, LockPackage> },
  pkg: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> },
): string[] {
  const problems: string[] = [];
  if ((lock.lockfileVersion ?? 0) < 2) problems.push('package-lock.json: lockfileVersion 2 or later expected');
  for (const [where, entry] of Object.entries(lock.packages ?? {})) {
    if (where === '') continue;
    if (entry.link) {
      if (entry.resolved?.startsWith('..') || entry.resolved?.startsWith('/')) {
        problems.push(`${where}: links outside the repository (${entry.resolved})`);
      }
      continue;
    }
    // A package inside the repository (file: dependency), installed as a link's target.
    if (!where.includes('node_modules/')) continue;
    // No `resolved` means the configured registry (npm's omit-lockfile-registry-resolved).
    if (entry.resolved !== undefined && !entry.resolved.startsWith('https://registry.npmjs.org/')) {
      problems.push(`${where}: not from the npm registry (${entry.resolved})`);
    }
    if (!entry.integrity?.startsWith('sha512-')) problems.push(`${where}: no SHA-512 integrity`);
  }
  for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
    if (!range.startsWith('file:') && !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(range)) {
      problems.push(`package.json: ${name} is not pinned to an exact version (${range})`);
    }
  }
  return problems;
}
