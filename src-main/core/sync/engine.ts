/**
 * One synchronisation pass: push the outbox (urgent first; files uploaded, resumably, before the
 * operation that names them), then read the organisation's feed from the saved cursor until it
 * is drained. Each change is applied in one transaction together with the new cursor, so a crash
 * between two changes neither loses nor repeats one. Files of received documents are fetched
 * and checked before that transaction (the store is content-addressed, so a retry costs nothing).
 */
import os from 'node:os';
import { VanThuError } from '../../../src-shared/ipc/errors';
import { MAX_OPS_PER_PUSH, Op } from '../../../src-shared/sync/protocol';
import type { Sqlite } from '../db/open';
import type { FileStore } from '../files';
import type { CredentialStore } from './credentials';
import type { Exchange } from './exchange';
import { snapshotFiles, type OrgChannel } from './org-channel';
import { PARALLEL_TRANSFERS, transferAll } from './transfers';
import { BlobDropped, createTransport, SyncRefused, SyncUnavailable, type Transport } from './transport';

/** Each file once, however many operations or changes name it. */
function uniqueFiles<F extends { sha256: string }>(list: readonly F[]): F[] {
  return [...new Map(list.map((f) => [f.sha256, f])).values()];
}

export interface SyncProgress {
  phase: 'upload' | 'push' | 'pull' | 'download';
  done: number;
  total: number;
  label: string;
}

export interface EngineDeps {
  sqlite: Sqlite;
  files: FileStore;
  exchange: Exchange;
  orgChannel: OrgChannel;
  credentials: CredentialStore;
  transaction: <T>(work: () => T) => T;
  /** Tests pass a fetch bound to a test server, or one that fails like a dead network. */
  fetch?: typeof fetch;
  appVersion: string;
  onProgress?: (progress: SyncProgress) => void;
}

interface StateRow {
  serverUrl: string;
  organId: string;
  organName: string;
  workstationId: string;
  cursor: number;
  lastSyncAt: string | null;
  lastError: string | null;
}

export interface RunResult {
  pushed: number;
  rejected: number;
  received: number;
  /** The server had dropped changes older than this workstation's cursor. */
  resynced?: boolean;
}

export function createSyncEngine(deps: EngineDeps) {
  const { sqlite, files, exchange, credentials } = deps;
  const selectState = sqlite.prepare(
    'SELECT server_url AS serverUrl, organ_id AS organId, organ_name AS organName, workstation_id AS workstationId, cursor, last_sync_at AS lastSyncAt, last_error AS lastError FROM sync_state WHERE id = 1',
  );
  const saveState = sqlite.prepare(
    'INSERT OR REPLACE INTO sync_state (id, server_url, organ_id, organ_name, workstation_id, cursor) VALUES (1, ?, ?, ?, ?, 0)',
  );
  const saveCursor = sqlite.prepare('UPDATE sync_state SET cursor = ? WHERE id = 1');
  const finishRun = sqlite.prepare('UPDATE sync_state SET last_sync_at = ?, last_error = ? WHERE id = 1');
  const pending = sqlite.prepare(
    "SELECT id, payload FROM sync_outbox WHERE state = 'pending' ORDER BY priority DESC, id LIMIT ?",
  );
  const markDone = sqlite.prepare(
    "UPDATE sync_outbox SET state = 'done', done_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
  );
  const markRejected = sqlite.prepare(
    "UPDATE sync_outbox SET state = 'rejected', attempts = attempts + 1, last_error = ? WHERE id = ?",
  );
  const markAttempt = sqlite.prepare('UPDATE sync_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?');
  const replaceDirectory = {
    clear: sqlite.prepare('DELETE FROM sync_directory'),
    insert: sqlite.prepare('INSERT INTO sync_directory (organ_id, name) VALUES (?, ?)'),
  };

  // What arrived of downloads that dropped, to go on from on the next pass (this run of the app).
  const partials = new Map<string, Buffer>();

  async function download(t: Transport, sha256: string, onProgress: (got: number, total: number) => void) {
    try {
      const bytes = await t.downloadBlob(sha256, onProgress, partials.get(sha256));
      partials.delete(sha256);
      return bytes;
    } catch (error) {
      partials.delete(sha256);
      if (error instanceof BlobDropped && error.received.length > 0) {
        // A few at most: one per transfer under way when the line dropped.
        if (partials.size >= PARALLEL_TRANSFERS * 2) partials.delete(partials.keys().next().value!);
        partials.set(sha256, error.received);
      }
      throw error;
    }
  }

  function state(): StateRow | null {
    return (selectState.get() as StateRow | undefined) ?? null;
  }

  function transport(row: StateRow): Transport {
    return createTransport({
      serverUrl: row.serverUrl,
      credential: credentials.read(),
      appVersion: deps.appVersion,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
  }

  async function refreshDirectory(t: Transport): Promise<void> {
    const { organisations } = await t.directory();
    deps.transaction(() => {
      replaceDirectory.clear.run();
      for (const o of organisations) replaceDirectory.insert.run(o.organId, o.name);
    });
  }

  async function push(t: Transport, result: RunResult): Promise<void> {
    for (;;) {
      const rows = pending.all(MAX_OPS_PER_PUSH) as { id: number; payload: string }[];
      if (rows.length === 0) return;
      const ops = rows.map((r) => ({ id: r.id, op: Op.parse(JSON.parse(r.payload)) }));
      // Files first: the server refuses a document whose files it does not hold.
      const uploads = ops.flatMap(({ op }) =>
        op.kind === 'document.send'
          ? op.files
          : op.kind === 'portal.publish'
            ? [op.file]
            : op.kind === 'org.change'
              ? snapshotFiles(op.fields)
              : [],
      );
      await transferAll(
        uniqueFiles(uploads),
        (f, progress) =>
          t.uploadBlob(f.sha256, files.read(f.sha256), (sent, total) => progress(sent / Math.max(1, total))),
        (done, total, label) => deps.onProgress?.({ phase: 'upload', done, total, label }),
      );
      deps.onProgress?.({ phase: 'push', done: 0, total: ops.length, label: '' });
      const { results } = await t.push({ ops: ops.map((o) => o.op) });
      const byKey = new Map(results.map((r) => [r.key, r]));
      const now = new Date().toISOString();
      deps.transaction(() => {
        for (const { id, op } of ops) {
          const r = byKey.get(op.key);
          if (!r) {
            markAttempt.run('Máy chủ chưa trả lời cho mục này; sẽ gửi lại.', id);
          } else if (r.outcome === 'rejected') {
            markRejected.run(r.error?.message ?? 'Máy chủ liên thông từ chối.', id);
            result.rejected++;
          } else {
            markDone.run(now, id);
            exchange.markSent(op);
            result.pushed++;
          }
        }
      });
      // An answer that left items pending would loop forever: stop, the scheduler retries.
      if (ops.some(({ op }) => !byKey.has(op.key))) return;
    }
  }

  async function pull(t: Transport, row: StateRow, result: RunResult): Promise<void> {
    let cursor = row.cursor;
    for (;;) {
      let page;
      try {
        page = await t.pull(cursor, 0);
      } catch (error) {
        // The server no longer keeps what this workstation missed: go on from what it has, and
        // say so (what was lost cannot be fetched again; the senders can be asked to resend).
        if (
          !(error instanceof SyncRefused) ||
          error.wire.code !== 'RESYNC_REQUIRED' ||
          error.wire.resumeAfter === undefined
        ) {
          throw error;
        }
        cursor = error.wire.resumeAfter;
        saveCursor.run(cursor);
        result.resynced = true;
        continue;
      }
      const filesOf = (body: (typeof page.changes)[number]['body']) =>
        body.kind === 'document.received'
          ? body.files
          : body.kind === 'org.change' && body.workstationId !== row.workstationId
            ? snapshotFiles(body.fields)
            : [];
      // The page's files first, a few at once; then its changes in order, each with the files
      // it names. A file that could not be fetched stops the page at the change that needs it.
      let failure: { error: unknown } | null = null;
      const missing = uniqueFiles(page.changes.flatMap((c) => filesOf(c.body))).filter((f) => !files.has(f.sha256));
      await transferAll(
        missing,
        async (f, progress) => {
          await files.putPdf(await download(t, f.sha256, (got, total) => progress(got / Math.max(1, total))));
        },
        (done, total, label) => deps.onProgress?.({ phase: 'download', done, total, label }),
      ).catch((error: unknown) => {
        failure = { error };
      });
      for (const change of page.changes) {
        const body = change.body;
        const own = body.kind === 'org.change' && body.workstationId === row.workstationId;
        const list = filesOf(body);
        if (failure && list.some((f) => !files.has(f.sha256))) throw (failure as { error: unknown }).error;
        if (list.length > 0 && body.kind === 'document.received') result.received++;
        deps.transaction(() => {
          if (body.kind === 'org.change') {
            if (!own) deps.orgChannel.apply(body);
          } else {
            exchange.applyChange(change.seq, body, row.workstationId);
          }
          saveCursor.run(change.seq);
        });
        cursor = change.seq;
      }
      if (page.cursor > cursor) {
        saveCursor.run(page.cursor);
        cursor = page.cursor;
      }
      if (!page.more) return;
    }
  }

  return {
    state,

    configured(): boolean {
      return state() !== null && credentials.read() !== null;
    },

    /**
     * Trades an administrator's one-time code for this workstation's credential, saying which
     * organisations it numbers (the server keeps one numbering workstation per organisation).
     */
    async enroll(serverUrl: string, code: string, workstationName = os.hostname(), numbers: string[] = []) {
      const url = serverUrl.trim().replace(/\/+$/, '');
      if (!/^https?:\/\/[^\s/]+/.test(url)) {
        throw new VanThuError('VALIDATION', 'Địa chỉ máy chủ liên thông phải bắt đầu bằng http:// hoặc https://');
      }
      const t = createTransport({
        serverUrl: url,
        appVersion: deps.appVersion,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      });
      const answer = await t
        .enroll({ code, workstationName, appVersion: deps.appVersion, numbers })
        .catch((e: unknown) => {
          throw toVanThuError(e);
        });
      credentials.write(answer.credential);
      deps.transaction(() => saveState.run(url, answer.organId, answer.organName, answer.workstationId));
      await refreshDirectory(transport(state()!)).catch(() => undefined); // fetched again on the next pass
      return { organId: answer.organId, organName: answer.organName, workstationId: answer.workstationId };
    },

    /** The public holidays the server keeps, for an administrator to take (a VanThuError). */
    async holidays() {
      const row = state();
      if (!row || !credentials.read()) throw new VanThuError('CONFLICT', NOT_CONFIGURED);
      const answer = await transport(row)
        .holidays()
        .catch((e: unknown) => {
          throw toVanThuError(e);
        });
      return answer.holidays;
    },

    /**
     * Waits (long-poll) until the server has something new for this workstation, or the wait
     * runs out; true when there is. Reads nothing: the pass that follows applies the changes.
     */
    async waitForChanges(seconds: number, signal: AbortSignal): Promise<boolean> {
      const row = state();
      if (!row) return false;
      const page = await transport(row).pull(row.cursor, seconds, signal);
      return page.changes.length > 0;
    },

    /** One pass. Throws SyncUnavailable (retry later) or SyncRefused (a human must act). */
    async runOnce(): Promise<RunResult> {
      const row = state();
      if (!row || !credentials.read()) throw new SyncRefused(401, { code: 'UNAUTHENTICATED', message: NOT_CONFIGURED });
      const t = transport(row);
      const result: RunResult = { pushed: 0, rejected: 0, received: 0 };
      try {
        await refreshDirectory(t);
        await push(t, result);
        await pull(t, row, result);
        finishRun.run(new Date().toISOString(), result.resynced ? RESYNCED : null);
        return result;
      } catch (error) {
        finishRun.run(row.lastSyncAt, error instanceof Error ? error.message : String(error));
        throw error;
      }
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;

const RESYNCED =
  'Máy này lâu chưa đồng bộ nên máy chủ đã xóa một số thay đổi cũ; VanThu đồng bộ tiếp từ các thay đổi còn lại. Nếu thiếu văn bản, hãy đề nghị nơi gửi gửi lại.';

const NOT_CONFIGURED =
  'Máy này chưa kết nối máy chủ liên thông. Quản trị viên vào mục Liên thông để nhập địa chỉ máy chủ và mã đăng ký.';

/** Wire failures as the contract's typed errors, for calls made on the clerk's request. */
export function toVanThuError(error: unknown): VanThuError {
  if (error instanceof VanThuError) return error;
  if (error instanceof SyncRefused) {
    const code = error.status === 401 ? 'FORBIDDEN' : error.status === 404 ? 'NOT_FOUND' : 'VALIDATION';
    return new VanThuError(code, error.message);
  }
  if (error instanceof SyncUnavailable) return new VanThuError('OFFLINE', error.message);
  return new VanThuError('INTERNAL', error instanceof Error ? error.message : String(error));
}
