import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generateUpdateKeyPair,
  readUpdateKey,
  signFeed,
  verifyFeed,
} from '../../../src-main/core/updates/feed-signature';
import { latestYml } from './fixtures';

const admin = generateUpdateKeyPair();
const next = generateUpdateKeyPair();
const stranger = generateUpdateKeyPair();
const feed = Buffer.from(latestYml('1.3.0', 'installer bytes'));

describe('the feed signature', () => {
  it('accepts latest.yml signed by a shipped key and names the key', () => {
    const keys = [readUpdateKey(admin.publicPem, 'admin.pem')];
    expect(verifyFeed(feed, signFeed(feed, admin.privatePem), keys)).toEqual({ ok: true, keyId: admin.id });
  });

  it('refuses the feed when any byte changed after signing', () => {
    const signature = signFeed(feed, admin.privatePem);
    const keys = [readUpdateKey(admin.publicPem, 'admin.pem')];
    for (const at of [0, feed.indexOf('sha512') + 10, feed.length - 1]) {
      const tampered = Buffer.from(feed);
      tampered[at] = tampered[at]! ^ 1;
      expect(verifyFeed(tampered, signature, keys)).toEqual({ ok: false, reason: 'badSignature' });
    }
  });

  it('refuses a signature by a key that does not ship, even when it claims a shipped key id', () => {
    const keys = [readUpdateKey(admin.publicPem, 'admin.pem')];
    const foreign = signFeed(feed, stranger.privatePem);
    expect(verifyFeed(feed, foreign, keys)).toEqual({ ok: false, reason: 'unknownKey' });
    const forged = foreign.replace(stranger.id, admin.id);
    expect(verifyFeed(feed, forged, keys)).toEqual({ ok: false, reason: 'badSignature' });
  });

  it('refuses a missing, empty or malformed signature, and everything when no key ships', () => {
    const keys = [readUpdateKey(admin.publicPem, 'admin.pem')];
    expect(verifyFeed(feed, null, keys)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyFeed(feed, '  \n', keys)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyFeed(feed, 'ed25519 abc', keys)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyFeed(feed, signFeed(feed, admin.privatePem), [])).toEqual({ ok: false, reason: 'noKeys' });
  });

  it('accepts either key while keys rotate, and only the new one after the old is removed', () => {
    const both = [readUpdateKey(admin.publicPem, 'admin.pem'), readUpdateKey(next.publicPem, 'next.pem')];
    expect(verifyFeed(feed, signFeed(feed, admin.privatePem), both).ok).toBe(true);
    expect(verifyFeed(feed, signFeed(feed, next.privatePem), both)).toEqual({ ok: true, keyId: next.id });
    const onlyNext = [both[1]!];
    expect(verifyFeed(feed, signFeed(feed, admin.privatePem), onlyNext)).toEqual({ ok: false, reason: 'unknownKey' });
  });

  it('will not load a private key or a non-Ed25519 key as a shipped key', () => {
    expect(() => readUpdateKey(admin.privatePem, 'oops.pem')).toThrow(/private key/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' });
    expect(() => readUpdateKey(rsa.toString(), 'rsa.pem')).toThrow(/Ed25519/);
  });
});
