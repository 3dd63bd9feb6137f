/**
 * Where the machine's update policy comes from: on Windows the values an administrator (or a
 * group policy) puts under HKLM\SOFTWARE\Policies\VanThu, read with `reg query` so no native
 * module is needed; elsewhere a JSON file (/etc/vanthu/policy.json). Each value is checked on
 * its own: one mistyped value is dropped with a warning, the rest of the policy still applies.
 * The command runner and the file reader are injected so both readers are tested over fakes.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { UpdatePolicy } from './decision';

export const POLICY_REGISTRY_KEY = 'HKLM\\SOFTWARE\\Policies\\VanThu';

export type CommandRunner = (command: string, args: string[]) => Promise<{ code: number; stdout: string }>;

export interface PolicyReading {
  policy: UpdatePolicy;
  /** English, for the log: what was ignored and why. */
  warnings: string[];
}

const FIELDS = ['feedUrl', 'channel', 'minimumVersion', 'disabled'] as const;
type Field = (typeof FIELDS)[number];

/** Keeps the values that parse; names the rest in warnings. */
function checkEach(raw: Partial<Record<Field, unknown>>, where: string): PolicyReading {
  const policy: Record<string, unknown> = {};
  const warnings: string[] = [];
  for (const field of FIELDS) {
    if (raw[field] === undefined) continue;
    const parsed = UpdatePolicy.shape[field].safeParse(raw[field]);
    if (parsed.success) policy[field] = parsed.data;
    else warnings.push(`${where}: ignored ${field}=${JSON.stringify(raw[field])}`);
  }
  return { policy: UpdatePolicy.parse(policy), warnings };
}

export const execRunner: CommandRunner = (command, args) =>
  new Promise((resolve) => {
    execFile(command, args, { windowsHide: true, timeout: 10_000, encoding: 'utf8' }, (error, stdout) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: stdout ?? '' });
    });
  });

/** The registry's policy; no key (reg exits 1) is an empty policy, not an error. */
export async function readRegistryPolicy(run: CommandRunner = execRunner): Promise<PolicyReading> {
  let answer: { code: number; stdout: string };
  try {
    answer = await run('reg', ['query', POLICY_REGISTRY_KEY]);
  } catch (error) {
    return { policy: {}, warnings: [`registry: reg query failed: ${String(error)}`] };
  }
  if (answer.code !== 0) return { policy: {}, warnings: [] };
  const raw: Partial<Record<Field, unknown>> = {};
  for (const line of answer.stdout.split(/\r?\n/)) {
    const m = /^\s+(\S+)\s+(REG_SZ|REG_EXPAND_SZ|REG_DWORD)\s+(.*?)\s*$/.exec(line);
    if (!m) continue;
    const field = FIELDS.find((f) => f.toLowerCase() === m[1]!.toLowerCase());
    if (!field) continue;
    const value = m[3]!;
    if (field === 'disabled') raw.disabled = m[2] === 'REG_DWORD' ? Number(value) !== 0 : /^(1|true)$/i.test(value);
    else raw[field] = value;
  }
  return checkEach(raw, 'registry');
}

/** The default place of the policy file where there is no registry. */
export function defaultPolicyFile(platform: NodeJS.Platform = process.platform): string | null {
  if (platform === 'win32') return null;
  if (platform === 'darwin') return '/Library/Application Support/VanThu/policy.json';
  return '/etc/vanthu/policy.json';
}

/** A JSON policy file; a missing file is an empty policy. */
export function readPolicyFile(
  file: string,
  readFile: (file: string) => string = (f) => fs.readFileSync(f, 'utf8'),
): PolicyReading {
  let text: string;
  try {
    text = readFile(file);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { policy: {}, warnings: missing ? [] : [`${file}: not readable: ${String(error)}`] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { policy: {}, warnings: [`${file}: not JSON, ignored`] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { policy: {}, warnings: [`${file}: not a JSON object, ignored`] };
  const reading = checkEach(raw as Partial<Record<Field, unknown>>, file);
  const unknown = Object.keys(raw).filter((k) => !(FIELDS as readonly string[]).includes(k));
  if (unknown.length) reading.warnings.push(`${file}: unknown keys ${unknown.join(', ')}`);
  return reading;
}

/** This machine's policy, from wherever this platform keeps it. */
export async function readMachinePolicy(options: {
  platform?: NodeJS.Platform;
  run?: CommandRunner;
  policyFile?: string | null;
  readFile?: (file: string) => string;
}): Promise<PolicyReading> {
  const platform = options.platform ?? process.platform;
  if (platform === 'win32') return readRegistryPolicy(options.run);
  const file = options.policyFile === undefined ? defaultPolicyFile(platform) : options.policyFile;
  return file ? readPolicyFile(file, options.readFile) : { policy: {}, warnings: [] };
}
