import { describe, expect, it } from 'vitest';
import { checkForUpdate, matchesVerified } from '../../../src-main/core/updates/check';
import { effectivePolicy } from '../../../src-main/core/updates/decision';
import { generateUpdateKeyPair, readUpdateKey, signFeed } from '../../../src-main/core/updates/feed-signature';
import { nextCheckDelay, CHECK_EVERY_MS } from '../../../src-main/core/updates/schedule';
import { parseLatestYml } from '../../../src-shared/updates/latest-yml';
import { latestYml } from './fixtures';

const admin = generateUpdateKeyPair();
const keys = [readUpdateKey(admin.publicPem, 'admin.pem')];
const FEED = 'https://lienthong.example.vn/updates';

/** A fetch answering from a map of URLs; anything else is a 404. */
function fakeFetch(files: Record<string, string>) {
  const asked: string[] = [];
  const fetch = (async (url: string) => {
    asked.push(url);
    return url in files ? new Response(files[url]) : new Response('không có', { status: 404 });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, asked };
}

const policy = effectivePolicy({}, {}, { feedUrl: FEED });

describe('checking for an update', () => {
  it('asks <feed>/<channel>/latest.yml with its signature and offers a newer signed release', async () => {
    const yml = latestYml('1.3.0', 'x');
    const { fetch, asked } = fakeFetch({
      [`${FEED}/stable/latest.yml`]: yml,
      [`${FEED}/stable/latest.yml.sig`]: signFeed(Buffer.from(yml), admin.privatePem),
    });
    const result = await checkForUpdate({ current: '1.2.0', policy, bucket: 0, keys, fetch });
    expect(result).toMatchObject({
      kind: 'available',
      version: '1.3.0',
      channelUrl: `${FEED}/stable/`,
      keyId: admin.id,
    });
    expect(asked.sort()).toEqual([`${FEED}/stable/latest.yml`, `${FEED}/stable/latest.yml.sig`]);
  });

  it('refuses an unsigned feed before reading it', async () => {
    const { fetch } = fakeFetch({ [`${FEED}/stable/latest.yml`]: 'version: not even read' });
    const result = await checkForUpdate({ current: '1.2.0', policy, bucket: 0, keys, fetch });
    expect(result).toEqual({ kind: 'rejected', reason: `${FEED}/stable/latest.yml: signature missing` });
  });

  it('says unreachable, never throws, when the network fails or the server errs', async () => {
    const down = (() => Promise.reject(new TypeError('fetch failed'))) as unknown as typeof globalThis.fetch;
    expect(await checkForUpdate({ current: '1.2.0', policy, bucket: 0, keys, fetch: down })).toMatchObject({
      kind: 'unreachable',
    });
    const empty = fakeFetch({}).fetch;
    expect(await checkForUpdate({ current: '1.2.0', policy, bucket: 0, keys, fetch: empty })).toMatchObject({
      kind: 'unreachable',
      reason: expect.stringContaining('HTTP 404'),
    });
  });

  it('does not even ask when updates are disabled or there is no feed', async () => {
    const { fetch, asked } = fakeFetch({});
    const off = effectivePolicy({ disabled: true }, {}, { feedUrl: FEED });
    expect(await checkForUpdate({ current: '1.2.0', policy: off, bucket: 0, keys, fetch })).toEqual({
      kind: 'decided',
      decision: { kind: 'disabled' },
    });
    const none = effectivePolicy({}, {}, { feedUrl: null });
    expect((await checkForUpdate({ current: '1.2.0', policy: none, bucket: 0, keys, fetch })).kind).toBe('decided');
    expect(asked).toEqual([]);
  });

  it('lets electron-updater go on only with the verified version and files', () => {
    const verified = parseLatestYml(latestYml('1.3.0', 'x'));
    const same = { version: '1.3.0', files: verified.files.map((f) => ({ ...f })) };
    expect(matchesVerified(verified, same)).toBe(true);
    const swapped = parseLatestYml(latestYml('1.3.0', 'other bytes'));
    expect(matchesVerified(verified, { version: '1.3.0', files: swapped.files })).toBe(false);
    expect(matchesVerified(verified, { ...same, version: '1.3.1' })).toBe(false);
    expect(matchesVerified(verified, { version: '1.3.0', files: [] })).toBe(false);
  });

  it('backs off while offline and checks every few hours otherwise, with jitter', () => {
    const mid = () => 0.5;
    expect(nextCheckDelay('unreachable', 1, mid)).toBe(2 * 60_000);
    expect(nextCheckDelay('unreachable', 3, mid)).toBe(8 * 60_000);
    expect(nextCheckDelay('unreachable', 30, mid)).toBe(CHECK_EVERY_MS);
    expect(nextCheckDelay('available', 0, mid)).toBe(CHECK_EVERY_MS);
    expect(nextCheckDelay('rejected', 0, () => 0)).toBe(0.8 * CHECK_EVERY_MS);
    expect(nextCheckDelay('decided', 0, () => 1)).toBe(1.2 * CHECK_EVERY_MS);
  });
});
