/**
 * The dependency audit's judgement (scripts/audit-report.ts) over npm audit's real output shapes:
 * an unreachable endpoint is never read as a clean audit, an advisory at high or above fails
 * unless an unexpired justification names it, and the lockfile checks catch foreign sources.
 */
import { describe, expect, it } from 'vitest';
import { judge, lockfileProblems, readAudit, type AllowedAdvisory } from '../../scripts/audit-report';

// What `npm audit --json` prints when the registry refuses the bulk advisory POST (as here).
const REFUSED = JSON.stringify({
  message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
  method: 'POST',
  statusCode: 405,
  body: '',
  error: { summary: '', detail: '' },
});
const OFFLINE = JSON.stringify({
  error: { code: 'ENOTFOUND', summary: 'request to https://registry.npmjs.org failed', detail: '' },
});
const ADVISORY = 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc';
const REPORT = JSON.stringify({
  auditReportVersion: 2,
  vulnerabilities: {
    'node-forge': {
      name: 'node-forge',
      severity: 'high',
      via: [{ source: 1, name: 'node-forge', title: 'Signature forgery', url: ADVISORY, severity: 'high' }],
      effects: ['pkijs'],
    },
    pkijs: { name: 'pkijs', severity: 'high', via: ['node-forge'], effects: [] },
    semver: {
      name: 'semver',
      severity: 'moderate',
      via: [
        {
          source: 2,
          name: 'semver',
          title: 'ReDoS',
          url: 'https://github.com/advisories/GHSA-x',
          severity: 'moderate',
        },
      ],
    },
  },
  metadata: { vulnerabilities: { high: 2, moderate: 1, total: 3 } },
});
const CLEAN = JSON.stringify({ auditReportVersion: 2, vulnerabilities: {}, metadata: {} });

const allow = (over: Partial<AllowedAdvisory> = {}): AllowedAdvisory => ({
  package: 'node-forge',
  advisory: ADVISORY,
  reason: 'Only reached through certificate parsing of trusted anchors the administrator adds.',
  expires: '2027-01-31',
  ...over,
});

describe('reading npm audit', () => {
  it('tells an unreachable endpoint from a report', () => {
    expect(readAudit(REFUSED)).toMatchObject({ kind: 'unreachable', reason: expect.stringContaining('405') });
    expect(readAudit(OFFLINE)).toMatchObject({ kind: 'unreachable', reason: expect.stringContaining('ENOTFOUND') });
    expect(readAudit(CLEAN)).toEqual({ kind: 'report', findings: [] });
    expect(readAudit('npm ERR! something')).toMatchObject({ kind: 'unreadable' });
  });

  it('fails on a high advisory, not on a moderate one, and judges a dependent at its source', () => {
    const outcome = readAudit(REPORT);
    if (outcome.kind !== 'report') throw new Error(outcome.kind);
    const { failing, problems } = judge(outcome.findings, [], 'high', '2026-12-03');
    expect(failing.map((f) => f.package)).toEqual(['node-forge']);
    expect(problems).toEqual([]);
  });

  it('lets a justified advisory pass until its justification expires', () => {
    const outcome = readAudit(REPORT);
    if (outcome.kind !== 'report') throw new Error(outcome.kind);
    expect(judge(outcome.findings, [allow()], 'high', '2026-12-03')).toEqual({ failing: [], problems: [] });
    const expired = judge(outcome.findings, [allow()], 'high', '2027-02-01');
    expect(expired.failing.map((f) => f.package)).toEqual(['node-forge']);
    expect(expired.problems).toEqual([expect.stringContaining('expired on 2027-01-31')]);
    expect(judge(outcome.findings, [allow({ reason: 'ok' })], 'high', '2026-12-03').problems).toEqual([
      expect.stringContaining('needs a "reason"'),
    ]);
  });
});

describe('lockfile checks', () => {
  const pkg = { dependencies: { zod: '4.6.7', 'better-sqlite3': 'file:src-main/core/db/sqlite-shim' } };
  const entry = { version: '1.0.0', integrity: 'sha512-abc' };

  it('accepts registry packages, with or without a resolved URL, and links inside the repository', () => {
    const lock = {
      lockfileVersion: 3,
      packages: {
        '': {},
        'node_modules/zod': entry,
        'node_modules/a': { ...entry, resolved: 'https://registry.npmjs.org/a/-/a-1.0.0.tgz' },
        'node_modules/better-sqlite3': { resolved: 'src-main/core/db/sqlite-shim', link: true },
        'src-main/core/db/sqlite-shim': { name: 'better-sqlite3' },
      },
    };
    expect(lockfileProblems(lock, pkg)).toEqual([]);
  });

  it('refuses git, foreign or missing-integrity sources, outside links and loose versions', () => {
    const lock = {
      lockfileVersion: 3,
      packages: {
        'node_modules/g': { ...entry, resolved: 'git+ssh://git@github.com/x/g.git#abc' },
        'node_modules/h': { ...entry, resolved: 'http://example.com/h.tgz' },
        'node_modules/i': { version: '1.0.0' },
        'node_modules/j': { resolved: '../elsewhere', link: true },
      },
    };
    expect(lockfileProblems(lock, { dependencies: { react: '^19.0.0' } })).toEqual([
      expect.stringContaining('node_modules/g: not from the npm registry'),
      expect.stringContaining('node_modules/h: not from the npm registry'),
      'node_modules/i: no SHA-512 integrity',
      expect.stringContaining('node_modules/j: links outside the repository'),
      expect.stringContaining('react is not pinned'),
    ]);
  });
});
