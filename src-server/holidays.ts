/** The public holidays the server keeps for every workstation, oldest first. */
import type { ServerHoliday } from '../src-shared/sync/protocol';
import type { Db } from './db';

export async function listHolidays(db: Db): Promise<ServerHoliday[]> {
  const rows = await db.query<{ day: string; name: string }>('SELECT day, name FROM holidays ORDER BY day');
  return rows.map((r) => ({ date: r.day, name: r.name }));
}
