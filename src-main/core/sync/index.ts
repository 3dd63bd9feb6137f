/**
 * The exchange with the inbox server, composed: what the register writes (exchange), one pass
 * over the wire (engine), when passes run (scheduler), and the state the UI shows.
 */
import type { SyncStatus } from '../../../src-shared/ipc/sync';
import type { AuditLog } from '../audit';
import type { Accounts } from '../auth';
import type { Sqlite } from '../db/open';
import type { FileStore } from '../files';
import type { Documents, Organisations } from '../register';
import type { CredentialStore } from './credentials';
import { createSyncEngine, type SyncProgress } from './engine';
export { toVanThuError } from './engine';
import { createExchange } from './exchange';
import { createSyncScheduler, type SchedulerOptions } from './scheduler';
import { createOrgChannel } from './org-channel';
import type { Handling, Units } from '../handling';
import { compareVietnamese } from '../../../src-shared/domain/collate';

export { fileCredentialStore, encryptedCredentialStore, type CredentialStore } from './credentials';
export { createTransport, SyncRefused, SyncUnavailable } from './transport';
export { backoffDelay } from './scheduler';

const LONG_POLL_SECONDS = 25;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
const LISTEN_RETRY_MS = 30_000;
const EMPTY_ANSWER_PAUSE_MS = 5_000;

export interface SyncDeps {
  sqlite: Sqlite;
  accounts: Accounts;
  files: FileStore;
  documents: Documents;
  /** Directives and line changes travel on the organisation channel too. */
  handling: Handling;
  units: Units;
  organisations: Organisations;
  audit: AuditLog;
  transaction: <T>(work: () => T) => T;
  credentials: CredentialStore;
  appVersion: string;
  fetch?: typeof fetch;
  schedule?: Omit<SchedulerOptions, 'run' | 'onState'>;
  /** The inbox server answered again after a failure: the network is back (revocation re-checks). */
  onNetworkRestored?: () => void;
}

/** An item of the outbox not yet taken by the server. */
export interface OutboxItem {
  id: number;
  kind: string;
  state: 'pending' | 'rejected';
  priority: number;
  documentId: number | null;
  attempts: number;
  error: string | null;
  createdAt: string;
}

export function createSync(deps: SyncDeps) {
  const exchange = createExchange(deps.sqlite, deps);
  // Asked on every register change: kept in memory, not read from disk each time.
  let connected = false;
  // The enrolled organisation's OrganId, kept beside `connected` for the same reason.
  let channelOrgan: string | null = null;
  const orgChannel = createOrgChannel(deps.sqlite, {
    ...deps,
    enqueue: (op, documentId) => exchange.enqueue(op, 0, documentId),
    active: () => connected,
    channelOrgan: () => channelOrgan,
  });
  let progress: SyncProgress | null = null;
  const engine = createSyncEngine({
    ...deps,
    exchange,
    orgChannel,
    onProgress: (p) => {
      progress = p;
    },
  });
  const scheduler = createSyncScheduler({
    ...deps.schedule,
    run: async () => {
      const wasOffline = scheduler.state().online === false;
      try {
        const result = await engine.runOnce();
        if (wasOffline) deps.onNetworkRestored?.();
        return result;
      } finally {
        progress = null;
      }
    },
  });
  const counts = deps.sqlite.prepare(`SELECT
      (SELECT COUNT(*) FROM sync_outbox WHERE state = 'pending') AS pending,
      (SELECT COUNT(*) FROM inbox_items WHERE state = 'waiting') AS waiting`);
  const rejected = deps.sqlite.prepare(
    "SELECT id, kind, document_id AS documentId, last_error AS error, created_at AS createdAt FROM sync_outbox WHERE state = 'rejected' ORDER BY id DESC LIMIT 50",
  );
  const retryRejected = deps.sqlite.prepare(
    "UPDATE sync_outbox SET state = 'pending', last_error = NULL WHERE id = ? AND state = 'rejected'",
  );
  const directory = deps.sqlite.prepare('SELECT organ_id AS organId, name FROM sync_directory');
  const outboxItems = deps.sqlite.prepare(
    `SELECT id, kind, state, priority, document_id AS documentId, attempts, last_error AS error, created_at AS createdAt
     FROM sync_outbox WHERE state != 'done' ORDER BY state = 'rejected', priority DESC, id`,
  );

  /** Any change that queued something for the server: sync soon, if sync runs at all. */
  const changed = () => {
    if (engine.configured()) scheduler.changed();
  };

  /** Something the clerk sent is on its way at once, not after the edits' debounce. */
  const sendSoon = () => {
    if (engine.configured()) scheduler.soon();
  };

  connected = engine.configured();
  channelOrgan = engine.state()?.organId ?? null;

  /**
   * Near-real-time delivery: while started, one long-poll waits for the server to have news,
   * and a pass runs as soon as it does (the timer stays as a safety net). Offline, it waits a
   * while before asking again.
   */
  let listening: AbortController | null = null;
  function listen(): void {
    if (listening) return;
    const controller = new AbortController();
    listening = controller;
    void (async () => {
      while (!controller.signal.aborted) {
        try {
          const asked = Date.now();
          const news = await engine.waitForChanges(LONG_POLL_SECONDS, controller.signal);
          // A server that answers at once with nothing (no long-poll) is not asked in a loop.
          if (!news && Date.now() - asked < 1000) await sleep(EMPTY_ANSWER_PAUSE_MS);
          if (news) {
            scheduler.soon();
            // Let that pass take the changes (and move the cursor) before asking again.
            do await sleep(300);
            while (!controller.signal.aborted && (scheduler.state().running || scheduler.state().nextAttemptSoon));
          }
        } catch {
          if (controller.signal.aborted) return;
          await sleep(LISTEN_RETRY_MS);
        }
      }
    })();
  }

  return {
    exchange,
    engine,
    orgChannel,
    scheduler,

    status(): SyncStatus {
      const row = engine.state();
      const s = scheduler.state();
      const { pending, waiting } = counts.get() as { pending: number; waiting: number };
      return {
        configured: engine.configured(),
        serverUrl: row?.serverUrl ?? null,
        organId: row?.organId ?? null,
        organName: row?.organName ?? null,
        online: s.online,
        running: s.running,
        pending,
        waitingToReceive: waiting,
        rejected: rejected.all() as SyncStatus['rejected'],
        lastSyncAt: row?.lastSyncAt ?? null,
        lastError: s.lastError ?? row?.lastError ?? null,
        nextAttemptAt: s.nextAttemptAt,
        progress,
      };
    },

    directory: () =>
      (directory.all() as { organId: string; name: string }[]).sort(
        (a, b) => compareVietnamese(a.name, b.name) || a.organId.localeCompare(b.organId),
      ),

    /** What waits to go, urgent first, and what the server refused (`vanthu outbox`). */
    outbox: () => outboxItems.all() as OutboxItem[],

    /** The server's list of public holidays (Quản trị › Ngày nghỉ › Nhận từ máy chủ). */
    holidays: () => engine.holidays(),

    /** `start: false` (the CLI): connect without starting background passes. */
    async enroll(serverUrl: string, code: string, workstationName?: string, options: { start?: boolean } = {}) {
      const numbers = deps.organisations
        .list()
        .filter((o) => o.numbersHere)
        .map((o) => o.organId);
      const enrolled = await engine.enroll(serverUrl, code, workstationName, numbers);
      connected = true;
      channelOrgan = enrolled.organId;
      // The organisation's other workstations get the register as it stands.
      orgChannel.publishAll();
      if (options.start !== false) {
        scheduler.start();
        listen();
      }
      return enrolled;
    },

    /** Runs a pass now; how it went is in the status (lastError, online). */
    async syncNow(): Promise<SyncStatus> {
      await scheduler.now();
      return this.status();
    },

    /** A refused item goes back to the queue (after the clerk fixed what was wrong). */
    retry(outboxId: number): void {
      retryRejected.run(outboxId);
      scheduler.networkRestored();
    },

    send(...args: Parameters<typeof exchange.send>) {
      const result = exchange.send(...args);
      sendSoon();
      return result;
    },

    sendSoon,

    recall(...args: Parameters<typeof exchange.recall>) {
      const result = exchange.recall(...args);
      changed();
      return result;
    },

    answerRecall(...args: Parameters<typeof exchange.answerRecall>) {
      exchange.answerRecall(...args);
      changed();
    },

    register: (...args: Parameters<typeof exchange.register>) => {
      const saved = exchange.register(...args);
      changed();
      return saved;
    },

    reject: (...args: Parameters<typeof exchange.reject>) => {
      exchange.reject(...args);
      changed();
    },

    start(): void {
      if (!engine.configured()) return;
      scheduler.start();
      listen();
    },
    stop(): void {
      listening?.abort();
      listening = null;
      scheduler.stop();
    },
  };
}

export type Sync = ReturnType<typeof createSync>;
