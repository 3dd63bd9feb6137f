/**
 * The oldest VanThu a workstation may sync with (`minimum-version set 1.2.0`): older ones are
 * answered VERSION with a message the clerk can act on; their local work goes on.
 */
import { VERSION_PATTERN } from '../src-shared/domain/versions';
import type { Db } from './db';

const KEY = 'minimum_app_version';

export async function readMinimumVersion(db: Db): Promise<string | null> {
  const [row] = await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [KEY]);
  return row?.value ?? null;
}

/** Sets it (null clears it); false when the text is not a version. */
export async function writeMinimumVersion(db: Db, version: string | null): Promise<boolean> {
  if (version === null) {
    await db.query('DELETE FROM settings WHERE key = $1', [KEY]);
    return true;
  }
  if (!VERSION_PATTERN.test(version)) return false;
  await db.query(
    'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value',
    [KEY, version],
  );
  return true;
}
