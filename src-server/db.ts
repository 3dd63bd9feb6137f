/**
 * The server's database behind one small interface: embedded PGlite (a folder, no setup) by
 * default, PostgreSQL when DATABASE_URL is set. Same SQL for both; migrations are plain files
 * applied in order and recorded in schema_migrations.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Db {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `work` in one transaction; a throw rolls it back and is thrown again. */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}

interface Runner {
  query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;
}

/** A Db over one connection already inside a transaction. */
function inTransaction(kind: Db['kind'], runner: Runner, exec: (sql: string) => Promise<unknown>): Db {
  return {
    kind,
    query: async <T>(sql: string, params?: unknown[]) => (await runner.query(sql, params)).rows as T[],
    exec: async (sql: string) => void (await exec(sql)),
    transaction: () => Promise.reject(new Error('nested transactions are not used')),
    close: async () => undefined,
  };
}

export async function openPglite(dataDir: string | null): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pg = new PGlite(dataDir ?? undefined);
  await pg.waitReady;
  // PGlite runs one query at a time: a queue keeps concurrent requests (and transactions) apart.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    kind: 'pglite',
    query: <T>(sql: string, params?: unknown[]) => serial(async () => (await pg.query(sql, params)).rows as T[]),
    exec: (sql: string) => serial(async () => void (await pg.exec(sql))),
    transaction: <T>(work: (tx: Db) => Promise<T>) =>
      serial(() => pg.transaction((tx) => work(inTransaction('pglite', tx, (sql) => tx.exec(sql))))),
    close: () => serial(() => pg.close()),
  };
}

export async function openPostgres(url: string, log: (line: string) => void = console.error): Promise<Db> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection dropped by the database must not take the server down.
  pool.on('error', (error) => log(`inbox server: database connection lost: ${error.message}`));
  return {
    kind: 'postgres',
    query: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as T[],
    exec: async (sql: string) => void (await pool.query(sql)),
    async transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(inTransaction('postgres', client, (sql) => client.query(sql)));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Beside the code (src-server/migrations), or copied beside the bundle (dist/server/migrations). */
function migrationsDir(): string {
  const candidates = [path.join(__dirname, 'migrations'), path.resolve(__dirname, '../../src-server/migrations')];
  const found = candidates.find((d) => fs.existsSync(d));
  if (!found) throw new Error(`server migrations not found (looked in ${candidates.join(', ')})`);
  return found;
}

export async function migrate(db: Db, dir = migrationsDir()): Promise<string[]> {
  await db.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const done = new Set((await db.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
  const applied: string[] = [];
  for (const name of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    if (done.has(name)) continue;
    const sql = fs.readFileSync(path.join(dir, name), 'utf8');
    await db.transaction(async (tx) => {
      await tx.exec(sql);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
    });
    applied.push(name);
  }
  return applied;
}

/** DATABASE_URL when set (PostgreSQL), else PGlite in `dataDir`/db; migrated. */
export async function openDb(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  log?: (line: string) => void,
): Promise<Db> {
  const db = env.DATABASE_URL ? await openPostgres(env.DATABASE_URL, log) : await openPglite(path.join(dataDir, 'db'));
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
