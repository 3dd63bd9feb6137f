/**
 * Static security scan of the Electron code (`npm run security:scan`): Doyensec's
 * Electronegativity over src-main/electron. It fails on any finding not justified in
 * security/electronegativity-accepted.json, on a justification that no longer matches a finding
 * (so the list cannot hide a later regression at the same place), and on a file the scanner
 * could not parse (a file it skipped would otherwise pass silently). A few seconds, offline.
 *
 * Usage: tsx scripts/security-scan.ts [DIR]   (DIR defaults to src-main/electron)
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { triage, type Accepted, type Finding } from './security-triage';

const ROOT = path.resolve(__dirname, '..');
const ACCEPTED_FILE = path.join(ROOT, 'security/electronegativity-accepted.json');

/**
 * Checks left out, and why: AvailableSecurityFixesGlobalCheck downloads Electron's release list
 * (there is no network here, and a pinned Electron is kept current by dependency updates, not by
 * this scan).
 */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

export async function scan(dir: string): Promise<{ findings: Finding[]; parseErrors: string[] }> {
  const run = (await import('@doyensec/electronegativity')).default;
  const electronVersion = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8'))
    .version as string;
  const result = await run(
    {
      input: path.resolve(dir),
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS.map((c) => c.toLowerCase()),
      isRelative: true,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
  return {
    findings: result.issues.map((i) => ({
      check: i.id,
      file: i.file,
      line: i.location.line,
      sample: (i.sample ?? '').trim(),
      severity: i.severity.format(),
      description: i.description,
    })),
    parseErrors: result.errors.filter((e) => !e.tolerable).map((e) => `${e.file}: ${e.message}`),
  };
}

async function main(): Promise<number> {
  const dir = process.argv[2] ?? path.join(ROOT, 'src-main/electron');
  const accepted = JSON.parse(fs.readFileSync(ACCEPTED_FILE, 'utf8')) as Accepted[];
  const { findings, parseErrors } = await scan(dir);
  const { unaccepted, stale, problems } = triage(findings, accepted);
  for (const e of parseErrors) console.error(`security scan: could not parse ${e}`);
  for (const p of problems) console.error(`security scan: ${path.relative(ROOT, ACCEPTED_FILE)}: ${p}`);
  for (const f of unaccepted) {
    console.error(`security scan: ${f.check} (${f.severity}) ${f.file}:${f.line}: ${f.sample}\n  ${f.description}`);
  }
  for (const a of stale) console.error(`security scan: accepted ${a.check} in ${a.file} matches no finding; remove it`);
  const failed = parseErrors.length + problems.length + unaccepted.length + stale.length > 0;
  console.log(
    `security scan (Electronegativity) of ${path.relative(ROOT, dir) || dir}: ${findings.length} finding(s), ` +
      `${findings.length - unaccepted.length} justified in ${path.relative(ROOT, ACCEPTED_FILE)}, ` +
      `${unaccepted.length} not justified${failed ? ' - FAILED' : ''}`,
  );
  return failed ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error('security scan failed to run:', error);
      process.exit(2);
    },
  );
}
