/**
 * Dependency audit (`npm run security:audit`), a second or two:
 * 1. offline, always: package-lock.json and package.json (scripts/audit-report.ts,
 *    lockfileProblems): registry-only sources with integrity, exact versions;
 * 2. `npm audit --omit=dev` (what ships in the app) at level high: fails on an advisory not
 *    justified, with an expiry date, in security/audit-allowlist.json.
 * When npm's audit endpoint cannot be reached it says so plainly ("NOT AUDITED") and does not
 * pass the audit off as clean: with --require-endpoint (used by `npm run dist`, on a machine with
 * internet) that is a failure; without it (`npm test` on the offline build machines, whose
 * registry mirror refuses the audit POST) the offline checks still decide.
 *
 * Exit codes: 0 clean (or not audited without --require-endpoint), 1 findings or lockfile
 * problems, 2 audit endpoint unreachable with --require-endpoint, 3 npm audit unreadable.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { judge, lockfileProblems, readAudit, type AllowedAdvisory } from './audit-report';

const ROOT = path.resolve(__dirname, '..');
const ALLOWLIST = 'security/audit-allowlist.json';
const LEVEL = 'high';

function main(): number {
  const requireEndpoint = process.argv.includes('--require-endpoint') || process.env.VANTHU_AUDIT_REQUIRED === '1';
  const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
  const lockProblems = lockfileProblems(readJson('package-lock.json'), readJson('package.json'));
  for (const p of lockProblems) console.error(`dependency audit: ${p}`);

  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['audit', '--omit=dev', '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    shell: process.platform === 'win32',
  });
  const outcome = run.error ? { kind: 'unreachable' as const, reason: run.error.message } : readAudit(run.stdout);

  let auditFailed = 0;
  if (outcome.kind === 'unreachable') {
    console.warn(
      `dependency audit: NOT AUDITED - npm's audit endpoint is unreachable (${outcome.reason}).` +
        (requireEndpoint ? '' : ' Run `npm run security:audit -- --require-endpoint` where the registry is reachable.'),
    );
    if (requireEndpoint) auditFailed = 2;
  } else if (outcome.kind === 'unreadable') {
    console.error(`dependency audit: ${outcome.reason}`);
    auditFailed = 3;
  } else {
    const allowed = readJson(ALLOWLIST) as AllowedAdvisory[];
    const today = new Date().toISOString().slice(0, 10);
    const { failing, problems } = judge(outcome.findings, allowed, LEVEL, today);
    for (const p of problems) console.error(`dependency audit: ${ALLOWLIST}: ${p}`);
    for (const f of failing) {
      for (const a of f.advisories) console.error(`dependency audit: ${f.package} (${a.severity}) ${a.title} ${a.url}`);
    }
    if (failing.length + problems.length > 0) auditFailed = 1;
    console.log(
      `dependency audit: ${outcome.findings.length} vulnerable package(s) in production dependencies, ${failing.length} at ${LEVEL} or above not justified`,
    );
  }
  console.log(
    `dependency audit: lockfile ${lockProblems.length === 0 ? 'clean' : `${lockProblems.length} problem(s)`}`,
  );
  if (lockProblems.length > 0) return 1;
  return auditFailed;
}

process.exit(main());
