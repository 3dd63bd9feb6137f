import { describe, expect, it } from 'vitest';
import {
  POLICY_REGISTRY_KEY,
  readMachinePolicy,
  readPolicyFile,
  readRegistryPolicy,
  type CommandRunner,
} from '../../../src-main/core/updates/policy-sources';

/** `reg query` as Windows prints it. */
const REG_OUTPUT = [
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\VanThu',
  '    FeedUrl    REG_SZ    https://lienthong.hoabinh.gov.vn/updates',
  '    Channel    REG_SZ    beta',
  '    MinimumVersion    REG_SZ    1.2.0',
  '    Disabled    REG_DWORD    0x0',
  '',
].join('\r\n');

function fakeReg(answer: { code: number; stdout: string }) {
  const calls: string[][] = [];
  const run: CommandRunner = (command, args) => {
    calls.push([command, ...args]);
    return Promise.resolve(answer);
  };
  return { run, calls };
}

describe('the machine policy', () => {
  it('reads the HKLM policy values with reg query', async () => {
    const reg = fakeReg({ code: 0, stdout: REG_OUTPUT });
    expect(await readRegistryPolicy(reg.run)).toEqual({
      policy: {
        feedUrl: 'https://lienthong.hoabinh.gov.vn/updates',
        channel: 'beta',
        minimumVersion: '1.2.0',
        disabled: false,
      },
      warnings: [],
    });
    expect(reg.calls).toEqual([['reg', 'query', POLICY_REGISTRY_KEY]]);
    const off = fakeReg({ code: 0, stdout: REG_OUTPUT.replace('0x0', '0x1') });
    expect((await readRegistryPolicy(off.run)).policy.disabled).toBe(true);
  });

  it('treats a missing key as no policy, and drops a wrong value with a warning, keeping the rest', async () => {
    expect(await readRegistryPolicy(fakeReg({ code: 1, stdout: '' }).run)).toEqual({ policy: {}, warnings: [] });
    const wrong = fakeReg({ code: 0, stdout: REG_OUTPUT.replace('beta', 'nightly') });
    const reading = await readRegistryPolicy(wrong.run);
    expect(reading.policy).toEqual({
      feedUrl: 'https://lienthong.hoabinh.gov.vn/updates',
      minimumVersion: '1.2.0',
      disabled: false,
    });
    expect(reading.warnings).toEqual(['registry: ignored channel="nightly"']);
    const broken: CommandRunner = () => Promise.reject(new Error('spawn reg ENOENT'));
    expect((await readRegistryPolicy(broken)).warnings[0]).toMatch(/reg query failed/);
  });

  it('reads a policy file elsewhere, missing meaning none and bad JSON ignored with a warning', () => {
    const files: Record<string, string> = {
      '/etc/vanthu/policy.json': JSON.stringify({ channel: 'stable', disabled: true, colour: 'blue' }),
      '/bad.json': '{ channel: beta',
    };
    const read = (f: string) => {
      if (!(f in files)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return files[f]!;
    };
    expect(readPolicyFile('/etc/vanthu/policy.json', read)).toEqual({
      policy: { channel: 'stable', disabled: true },
      warnings: ['/etc/vanthu/policy.json: unknown keys colour'],
    });
    expect(readPolicyFile('/nowhere.json', read)).toEqual({ policy: {}, warnings: [] });
    expect(readPolicyFile('/bad.json', read)).toEqual({ policy: {}, warnings: ['/bad.json: not JSON, ignored'] });
  });

  it('asks the registry on Windows and the file elsewhere', async () => {
    const reg = fakeReg({ code: 0, stdout: REG_OUTPUT });
    const read = () => JSON.stringify({ channel: 'stable' });
    expect((await readMachinePolicy({ platform: 'win32', run: reg.run, readFile: read })).policy.channel).toBe('beta');
    expect((await readMachinePolicy({ platform: 'linux', run: reg.run, readFile: read })).policy.channel).toBe(
      'stable',
    );
    expect(reg.calls).toHaveLength(1);
  });
});
