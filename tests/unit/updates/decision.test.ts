import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  decideUpdate,
  effectivePolicy,
  rolloutBucket,
  syncRefusal,
  UpdatePolicy,
} from '../../../src-main/core/updates/decision';

const SERVER_FEED = 'https://lienthong.hoabinh.gov.vn/updates/';

describe('the update decision', () => {
  it('orders versions as semver does', () => {
    const sorted = [
      '1.10.0',
      '1.2.0',
      '1.2.10',
      '1.2.9',
      '1.3.0-beta.2',
      '1.3.0-beta.10',
      '1.3.0',
      '1.3.0-alpha',
      '0.9.9',
    ];
    expect([...sorted].sort(compareVersions)).toEqual([
      '0.9.9',
      '1.2.0',
      '1.2.9',
      '1.2.10',
      '1.3.0-alpha',
      '1.3.0-beta.2',
      '1.3.0-beta.10',
      '1.3.0',
      '1.10.0',
    ]);
    expect(compareVersions('2.0.0', '2.0.0')).toBe(0);
  });

  it('takes the machine policy over the server’s, key by key, then the defaults', () => {
    const machine = UpdatePolicy.parse({ channel: 'beta' });
    const server = UpdatePolicy.parse({ channel: 'stable', minimumVersion: '1.2.0', feedUrl: SERVER_FEED });
    expect(effectivePolicy(machine, server, { feedUrl: null })).toEqual({
      feedUrl: SERVER_FEED,
      channel: 'beta',
      minimumVersion: '1.2.0',
      disabled: false,
      from: { feedUrl: 'server', channel: 'machine', minimumVersion: 'server', disabled: 'default' },
    });
    expect(effectivePolicy({}, {}, { feedUrl: null })).toMatchObject({ feedUrl: null, channel: 'stable' });
    expect(UpdatePolicy.safeParse({ minimumVersion: 'mới nhất' }).success).toBe(false);
    expect(UpdatePolicy.safeParse({ feedUrl: 'không phải địa chỉ' }).success).toBe(false);
  });

  it('downloads a newer release of its channel when its rollout bucket is in, never an older one', () => {
    const policy = effectivePolicy({}, { feedUrl: SERVER_FEED }, { feedUrl: null });
    const decide = (version: string, bucket = 10, stagingPercentage?: number) =>
      decideUpdate({
        current: '1.2.0',
        policy,
        release: stagingPercentage === undefined ? { version } : { version, stagingPercentage },
        bucket,
      });
    expect(decide('1.3.0')).toEqual({ kind: 'download', version: '1.3.0' });
    expect(decide('1.2.0')).toEqual({ kind: 'upToDate' });
    expect(decide('1.1.5')).toEqual({ kind: 'upToDate' });
    expect(decide('1.3.0-beta.1')).toEqual({ kind: 'otherChannel', version: '1.3.0-beta.1' });
    expect(decide('1.3.0', 10, 20)).toEqual({ kind: 'download', version: '1.3.0' });
    expect(decide('1.3.0', 20, 20)).toEqual({ kind: 'staged', version: '1.3.0', percentage: 20 });
    expect(decide('1.3.0', 99, 0)).toMatchObject({ kind: 'staged' });
    const beta = effectivePolicy({ channel: 'beta' }, { feedUrl: SERVER_FEED }, { feedUrl: null });
    expect(decideUpdate({ current: '1.2.0', policy: beta, release: { version: '1.3.0-beta.1' }, bucket: 50 })).toEqual({
      kind: 'download',
      version: '1.3.0-beta.1',
    });
    const off = effectivePolicy({ disabled: true }, { feedUrl: SERVER_FEED }, { feedUrl: null });
    expect(decideUpdate({ current: '1.2.0', policy: off, release: { version: '9.0.0' }, bucket: 0 })).toEqual({
      kind: 'disabled',
    });
    const noFeed = effectivePolicy({}, {}, { feedUrl: null });
    expect(decideUpdate({ current: '1.2.0', policy: noFeed, release: { version: '9.0.0' }, bucket: 0 })).toEqual({
      kind: 'noFeed',
    });
  });

  it('spreads workstations over the rollout buckets, each always in the same one', () => {
    const buckets = Array.from({ length: 2000 }, (_, i) => rolloutBucket(`ws-${i}`));
    expect(buckets.every((b) => Number.isInteger(b) && b >= 0 && b < 100)).toBe(true);
    expect(rolloutBucket('ws-7')).toBe(rolloutBucket('ws-7'));
    // A 20 % stage reaches about a fifth of them.
    const share = buckets.filter((b) => b < 20).length / buckets.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.25);
  });

  it('lets an old version work locally but refuses it sync, saying so in Vietnamese', () => {
    expect(syncRefusal('1.2.0', { minimumVersion: null })).toBeNull();
    expect(syncRefusal('1.2.0', { minimumVersion: '1.2.0' })).toBeNull();
    expect(syncRefusal('1.1.9', { minimumVersion: '1.2.0' })).toMatch(
      /Phiên bản VanThu 1\.1\.9 đã cũ.*1\.2\.0.*vẫn làm được/,
    );
  });
});
