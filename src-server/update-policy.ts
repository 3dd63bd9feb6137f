/** The server-wide update policy, one JSON row in settings (see src-shared/updates/server-policy.ts). */
import { ServerUpdatePolicy } from '../src-shared/updates/server-policy';
import type { Db } from './db';

const KEY = 'update_policy';

export async function readUpdatePolicy(db: Db): Promise<ServerUpdatePolicy> {
  const [row] = await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [KEY]);
  if (!row) return {};
  const parsed = ServerUpdatePolicy.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : {};
}

export async function writeUpdatePolicy(db: Db, policy: ServerUpdatePolicy): Promise<void> {
  if (Object.keys(policy).length === 0) {
    await db.query('DELETE FROM settings WHERE key = $1', [KEY]);
    return;
  }
  await db.query(
    'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value',
    [KEY, JSON.stringify(ServerUpdatePolicy.parse(policy))],
  );
}
