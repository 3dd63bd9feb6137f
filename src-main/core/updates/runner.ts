/**
 * The update loop, with electron-updater behind a small interface so it runs under plain Node:
 * read the machine policy, check the signed feed (check.ts), and only for a verified release
 * of this workstation's channel and rollout point electron-updater's generic provider at the
 * channel folder and let it download. electron-updater fetches latest.yml again for itself; the
 * download starts only when what it read is the verified release (matchesVerified), so a feed
 * swapped between the two reads is never installed. Every failure is a log line and a later
 * try, never an error in the clerk's face.
 */
import { checkForUpdate, matchesVerified, type UpdateCheck } from './check';
import { effectivePolicy, rolloutBucket, type UpdatePolicy } from './decision';
import type { UpdateKey } from './feed-signature';
import type { PolicyReading } from './policy-sources';
import { nextCheckDelay } from './schedule';

/** What is used of electron-updater's AppUpdater (structurally: core never imports it). */
export interface UpdateInstaller {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  isUserWithinRollout: (info: never) => boolean | Promise<boolean>;
  setFeedURL(options: { provider: 'generic'; url: string; useMultipleRangeRequest: boolean }): void;
  checkForUpdates(): Promise<{ updateInfo: { version: string; files: { url: string; sha512: string }[] } } | null>;
  downloadUpdate(): Promise<unknown>;
}

export interface UpdateRunnerOptions {
  installer: UpdateInstaller;
  currentVersion: string;
  keys: readonly UpdateKey[];
  /** This machine's policy (registry or file), read at every check: a new policy applies. */
  machinePolicy: () => Promise<PolicyReading>;
  /** What the inbox server says for every workstation (fetchServerPolicy), read at every check. */
  serverPolicy?: () => Promise<UpdatePolicy>;
  /** The feed when no policy names one: the enrolled inbox server's /updates. */
  defaultFeedUrl: () => string | null;
  /** updateIdentity(dataDir). */
  workstationId: string;
  log: (line: string) => void;
  /** A verified release starts downloading, or its download failed (for the screen). */
  onDownload?: (version: string) => void;
  onDownloadFailed?: (version: string) => void;
  fetch?: typeof globalThis.fetch;
  setTimer?: (run: () => void, ms: number) => { unref?: () => void };
  clearTimer?: (timer: unknown) => void;
  random?: () => number;
}

export type UpdateOutcome = UpdateCheck | { kind: 'downloading'; version: string };

export function createUpdateRunner(options: UpdateRunnerOptions) {
  const { installer, log } = options;
  const bucket = rolloutBucket(options.workstationId);
  let failures = 0;
  let timer: unknown = null;
  let stopped = false;
  let downloading: string | null = null;

  // electron-updater never decides on its own: no download without us, no downgrade, and the
  // rollout already decided with this workstation's bucket.
  installer.autoDownload = false;
  installer.autoInstallOnAppQuit = true;
  installer.allowDowngrade = false;
  installer.isUserWithinRollout = () => true;

  async function once(): Promise<UpdateOutcome> {
    const machine = await options.machinePolicy();
    for (const warning of machine.warnings) log(`updater: policy: ${warning}`);
    const server = (await options.serverPolicy?.()) ?? {};
    const policy = effectivePolicy(machine.policy, server, {
      feedUrl: options.defaultFeedUrl(),
    });
    const result = await checkForUpdate({
      current: options.currentVersion,
      policy,
      bucket,
      keys: options.keys,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    if (result.kind !== 'available') return result;
    if (downloading === result.version) return { kind: 'downloading', version: result.version };

    installer.setFeedURL({ provider: 'generic', url: result.channelUrl, useMultipleRangeRequest: false });
    const seen = await installer.checkForUpdates();
    if (!seen || !matchesVerified(result.release, seen.updateInfo)) {
      return { kind: 'rejected', reason: `${result.channelUrl}latest.yml changed after it was verified` };
    }
    downloading = result.version;
    options.onDownload?.(result.version);
    installer.downloadUpdate().catch((error: unknown) => {
      downloading = null;
      options.onDownloadFailed?.(result.version);
      log(`updater: download of ${result.version} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    return { kind: 'downloading', version: result.version };
  }

  /** One check, never throwing; the outcome is logged. */
  async function checkNow(): Promise<UpdateOutcome> {
    let outcome: UpdateOutcome;
    try {
      outcome = await once();
    } catch (error) {
      outcome = { kind: 'unreachable', reason: error instanceof Error ? error.message : String(error) };
    }
    failures = outcome.kind === 'unreachable' ? failures + 1 : 0;
    if (outcome.kind === 'decided') log(`updater: ${outcome.decision.kind}`);
    else if (outcome.kind === 'rejected') log(`updater: refused feed: ${outcome.reason}`);
    else if (outcome.kind === 'unreachable') log(`updater: feed unreachable (${failures} in a row): ${outcome.reason}`);
    else log(`updater: ${outcome.kind} ${outcome.version}`);
    return outcome;
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    const set = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    const handle = set(() => {
      void checkNow().then((outcome) =>
        schedule(nextCheckDelay(outcome.kind === 'downloading' ? 'available' : outcome.kind, failures, options.random)),
      );
    }, delayMs);
    handle.unref?.();
    timer = handle;
  }

  return {
    checkNow,
    /** First check after `firstDelayMs` (let the app settle), then on nextCheckDelay's rhythm. */
    start(firstDelayMs = 60_000): void {
      schedule(firstDelayMs);
    },
    stop(): void {
      stopped = true;
      if (timer !== null) (options.clearTimer ?? ((t) => clearTimeout(t as NodeJS.Timeout)))(timer);
    },
  };
}
