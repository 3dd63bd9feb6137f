/**
 * Small, rarely changing tables (organisations, terms, sequences, document types) are read on
 * every registration; caching them makes bulk imports fast. Cached values are dropped when this
 * connection changes them (`invalidate`), when a transaction or savepoint rolls back (writes go
 * through `transaction` for that), and when another connection — the CLI beside the app — has
 * committed since (SQLite's data_version tells).
 */
import type { Sqlite } from './open';

export function createReadCache(sqlite: Sqlite) {
  const version = sqlite.prepare('PRAGMA data_version').pluck();
  const values = new Map<string, unknown>();
  let seen = version.get() as number;
  // One wrapper for every transaction: better-sqlite3 prepares BEGIN/COMMIT/SAVEPOINT statements
  // each time a wrapper is made, which costs more than a small write.
  const inTransaction = sqlite.transaction((fn: () => unknown) => fn());

  return {
    get<T>(key: string, load: () => T): T {
      // Inside our own transaction no other connection can commit, so the check is skipped.
      if (!sqlite.inTransaction) {
        const now = version.get() as number;
        if (now !== seen) {
          values.clear();
          seen = now;
        }
      }
      if (!values.has(key)) values.set(key, load());
      return values.get(key) as T;
    },

    invalidate(): void {
      values.clear();
    },

    /**
     * Reads that must agree with each other (a count and the rows it counts) in one DEFERRED
     * transaction: a snapshot that takes no write lock, so a long export never holds up the sync.
     */
    snapshot<T>(fn: () => T): T {
      return inTransaction.deferred(fn) as T;
    },

    /** An IMMEDIATE transaction (a savepoint when nested); a rollback also empties the cache. */
    transaction<T>(fn: () => T): T {
      try {
        return inTransaction.immediate(fn) as T;
      } catch (error) {
        values.clear();
        throw error;
      }
    },
  };
}

export type ReadCache = ReturnType<typeof createReadCache>;
