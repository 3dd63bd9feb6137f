/**
 * Whether this workstation takes an update, decided without Electron so it can be tested here
 * (ARCHITECTURE.md "Done here, and done on Windows"): the administrator's policy (the machine's
 * own, from HKLM or a policy file, above what the inbox server says, above the defaults), the
 * channel, the staged rollout and the minimum version the server still talks to. The updater
 * in src-main/electron only carries out what this says.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { compareVersions, tooOldToSync, VERSION_PATTERN } from '../../../src-shared/domain/versions';

export { compareVersions };

const Version = z.string().regex(VERSION_PATTERN, 'Số phiên bản phải có dạng 1.2.3');

export const UpdatePolicy = z.object({
  /** Where latest.yml and the installers are (the inbox server hosts them by default). */
  feedUrl: z.string().url().optional(),
  channel: z.enum(['stable', 'beta']).optional(),
  /** Below it, local work goes on but sync is refused with a clear message. */
  minimumVersion: Version.optional(),
  /** An administrator may stop updates on a machine (a PC under inspection, a slow line). */
  disabled: z.boolean().optional(),
});
export type UpdatePolicy = z.infer<typeof UpdatePolicy>;

export interface EffectivePolicy {
  feedUrl: string | null;
  channel: 'stable' | 'beta';
  minimumVersion: string | null;
  disabled: boolean;
  /** Where each value came from, for the About screen and the logs. */
  from: Record<'feedUrl' | 'channel' | 'minimumVersion' | 'disabled', 'machine' | 'server' | 'default'>;
}

/** The machine's policy wins key by key, then the server's, then the defaults. */
export function effectivePolicy(machine: UpdatePolicy, server: UpdatePolicy, defaults: { feedUrl: string | null }) {
  const choose = <K extends keyof UpdatePolicy, D>(key: K, fallback: D) =>
    machine[key] !== undefined
      ? { value: machine[key] as NonNullable<UpdatePolicy[K]>, from: 'machine' as const }
      : server[key] !== undefined
        ? { value: server[key] as NonNullable<UpdatePolicy[K]>, from: 'server' as const }
        : { value: fallback, from: 'default' as const };
  const feedUrl = choose('feedUrl', defaults.feedUrl);
  const channel = choose('channel', 'stable' as const);
  const minimumVersion = choose('minimumVersion', null);
  const disabled = choose('disabled', false);
  return {
    feedUrl: feedUrl.value,
    channel: channel.value,
    minimumVersion: minimumVersion.value,
    disabled: disabled.value,
    from: {
      feedUrl: feedUrl.from,
      channel: channel.from,
      minimumVersion: minimumVersion.from,
      disabled: disabled.from,
    },
  } satisfies EffectivePolicy;
}

/** This workstation's place in a staged rollout, 0-99: the same on every check. */
export function rolloutBucket(workstationId: string): number {
  return createHash('sha256').update(workstationId).digest().readUInt32BE(0) % 100;
}

/** What the feed offers (latest.yml): its version and the share of workstations it is for. */
export interface FeedRelease {
  version: string;
  /** electron-builder's stagingPercentage; absent means everyone. */
  stagingPercentage?: number;
}

export type UpdateDecision =
  | { kind: 'disabled' }
  | { kind: 'noFeed' }
  | { kind: 'upToDate' }
  | { kind: 'otherChannel'; version: string }
  | { kind: 'staged'; version: string; percentage: number }
  | { kind: 'download'; version: string };

export function decideUpdate(input: {
  current: string;
  policy: EffectivePolicy;
  release: FeedRelease;
  bucket: number;
}): UpdateDecision {
  const { current, policy, release, bucket } = input;
  if (policy.disabled) return { kind: 'disabled' };
  if (!policy.feedUrl) return { kind: 'noFeed' };
  // Never back: a feed that offers an older version (a restored server) is ignored.
  if (compareVersions(release.version, current) <= 0) return { kind: 'upToDate' };
  // The stable channel takes releases only; beta takes pre-releases too.
  if (policy.channel === 'stable' && release.version.includes('-'))
    return { kind: 'otherChannel', version: release.version };
  const percentage = release.stagingPercentage ?? 100;
  if (bucket >= percentage) return { kind: 'staged', version: release.version, percentage };
  return { kind: 'download', version: release.version };
}

/**
 * Sync refuses a version below the policy's minimum; everything local goes on. Null when it
 * may sync, else the clerk's message.
 */
export function syncRefusal(current: string, policy: Pick<EffectivePolicy, 'minimumVersion'>): string | null {
  if (!policy.minimumVersion || compareVersions(current, policy.minimumVersion) >= 0) return null;
  return tooOldToSync(current, policy.minimumVersion);
}
