/**
 * The static security scan (scripts/security-scan.ts) really finds an unsafe window, and the
 * justifications file neither hides an unjustified finding nor keeps a stale justification.
 * `npm run security:scan` runs the same scan over src-main/electron.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../scripts/security-scan';
import { triage, type Accepted, type Finding } from '../../scripts/security-triage';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('the Electronegativity scan', () => {
  it('flags a window without isolation or sandbox, and missing navigation and permission guards', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-scan-'));
    dirs.push(dir);
    fs.writeFileSync(
      path.join(dir, 'window.ts'),
      `import { BrowserWindow } from 'electron';
export function open(): BrowserWindow {
  const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });
  w.loadURL('https://example.com/' as string);
  return w;
}
`,
    );
    const { findings, parseErrors } = await scan(dir);
    expect(parseErrors).toEqual([]);
    const checks = findings.map((f) => f.check);
    // The two global checks are the guards src-main/electron has, so its scan does not raise them.
    expect(checks).toEqual(
      expect.arrayContaining([
        'CONTEXT_ISOLATION_JS_CHECK',
        'SANDBOX_JS_CHECK',
        'LIMIT_NAVIGATION_GLOBAL_CHECK',
        'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
      ]),
    );
    expect(findings.find((f) => f.check === 'SANDBOX_JS_CHECK')).toMatchObject({ file: 'window.ts', line: 3 });
  }, 60_000);
});

describe('justifications', () => {
  const finding = (over: Partial<Finding> = {}): Finding => ({
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'security.ts',
    line: 43,
    sample: 'void shell.openExternal(details.url)',
    severity: 'MEDIUM',
    description: 'Review the use of openExternal',
    ...over,
  });
  const accepted: Accepted = {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'security.ts',
    match: 'shell.openExternal(details.url)',
    reason: 'Only http: and https: URLs reach openExternal; tested in guards.test.ts.',
  };

  it('cover a finding by check, file and line text, wherever the line moves', () => {
    expect(triage([finding({ line: 90 })], [accepted])).toEqual({ unaccepted: [], stale: [], problems: [] });
  });

  it('do not cover the same check elsewhere, and report themselves stale when nothing matches', () => {
    const other = finding({ sample: 'shell.openExternal(untrusted)' });
    expect(triage([other], [accepted])).toEqual({ unaccepted: [other], stale: [accepted], problems: [] });
  });

  it('need a reason and, outside global checks, the flagged text', () => {
    const { problems } = triage([finding()], [{ ...accepted, match: undefined, reason: 'fine' }]);
    expect(problems).toEqual([expect.stringContaining('needs "match"'), expect.stringContaining('needs a "reason"')]);
  });

  it('are all well formed in the checked-in file', () => {
    const file = path.resolve(__dirname, '../../security/electronegativity-accepted.json');
    const list = JSON.parse(fs.readFileSync(file, 'utf8')) as Accepted[];
    expect(list.length).toBeGreaterThan(0);
    expect(triage([], list).problems).toEqual([]);
  });
});
