/**
 * "Is there an update for this workstation?", under plain Node with fetch: latest.yml and its
 * signature are fetched together, the signature is checked against the shipped keys over the
 * exact bytes received, and only then is the text read and the decision taken. Nothing here
 * throws for a network or a feed problem: an unreachable server is "try later", a bad feed is
 * refused and logged; neither touches the installed app.
 */
import { FeedFormatError, parseLatestYml, type LatestYml } from '../../../src-shared/updates/latest-yml';
import { decideUpdate, type EffectivePolicy, type UpdateDecision } from './decision';
import { verifyFeed, type UpdateKey } from './feed-signature';

export type UpdateCheck =
  | { kind: 'decided'; decision: Exclude<UpdateDecision, { kind: 'download' }> }
  | { kind: 'available'; version: string; channelUrl: string; release: LatestYml; keyId: string }
  | { kind: 'rejected'; reason: string }
  | { kind: 'unreachable'; reason: string };

export interface CheckOptions {
  current: string;
  policy: EffectivePolicy;
  /** rolloutBucket(workstation id). */
  bucket: number;
  keys: readonly UpdateKey[];
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}

/** Where a channel's files are: <feed>/<channel>/ (latest.yml, its .sig, installers). */
export function channelUrl(feedUrl: string, channel: string): string {
  return `${feedUrl.replace(/\/+$/, '')}/${encodeURIComponent(channel)}/`;
}

class Unreachable extends Error {}

async function fetchBytes(
  doFetch: typeof globalThis.fetch,
  url: string,
  timeoutMs: number,
  optional: boolean,
): Promise<Uint8Array | null> {
  let response: Response;
  try {
    response = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs), cache: 'no-store' });
  } catch (error) {
    throw new Unreachable(`${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (optional && response.status === 404) return null;
  if (!response.ok) throw new Unreachable(`${url}: HTTP ${response.status}`);
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new Unreachable(`${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function checkForUpdate(options: CheckOptions): Promise<UpdateCheck> {
  const { policy } = options;
  if (policy.disabled) return { kind: 'decided', decision: { kind: 'disabled' } };
  if (!policy.feedUrl) return { kind: 'decided', decision: { kind: 'noFeed' } };
  const base = channelUrl(policy.feedUrl, policy.channel);
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;

  let feed: Uint8Array;
  let signature: Uint8Array | null;
  try {
    [feed, signature] = (await Promise.all([
      fetchBytes(doFetch, `${base}latest.yml`, timeoutMs, false),
      fetchBytes(doFetch, `${base}latest.yml.sig`, timeoutMs, true),
    ])) as [Uint8Array, Uint8Array | null];
  } catch (error) {
    if (error instanceof Unreachable) return { kind: 'unreachable', reason: error.message };
    throw error;
  }

  const verified = verifyFeed(feed, signature && Buffer.from(signature).toString('utf8'), options.keys);
  if (!verified.ok) return { kind: 'rejected', reason: `${base}latest.yml: signature ${verified.reason}` };

  let release: LatestYml;
  try {
    release = parseLatestYml(Buffer.from(feed).toString('utf8'));
  } catch (error) {
    if (error instanceof FeedFormatError) return { kind: 'rejected', reason: `${base}latest.yml: ${error.message}` };
    throw error;
  }
  const decision = decideUpdate({ current: options.current, policy, release, bucket: options.bucket });
  if (decision.kind !== 'download') return { kind: 'decided', decision };
  return { kind: 'available', version: release.version, channelUrl: base, release, keyId: verified.keyId };
}

/**
 * Whether what electron-updater fetched for itself is the release that was verified: the same
 * version and the same files with the same SHA-512. electron-updater checks the installer
 * against that SHA-512, so a match means it installs only signed bytes.
 */
export function matchesVerified(
  verified: LatestYml,
  fetched: { version: string; files?: readonly { url: string; sha512: string }[] },
): boolean {
  if (fetched.version !== verified.version) return false;
  const files = fetched.files ?? [];
  if (files.length !== verified.files.length) return false;
  return verified.files.every((v, i) => files[i]?.url === v.url && files[i]?.sha512 === v.sha512);
}
