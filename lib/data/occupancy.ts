import "server-only";
// Live occupancy: how many places are really used now (validated reservations
// in progress) and how many the library has. A group room is one place.
import { db } from "./db";

/** Validated reservations in progress at `now`, per library: one query for all the libraries given. */
export async function countOccupied(libraryIds: readonly string[], now: Date): Promise<Map<string, number>> {
  const counts = new Map<string, number>(libraryIds.map((id) => [id, 0]));
  if (libraryIds.length === 0) return counts;
  const rows = await db().$queryRaw<Array<{ library_id: string; n: number }>>`
    SELECT library_id::text AS library_id, count(*)::int AS n
      FROM reservation
     WHERE library_id = ANY(${[...libraryIds]}::uuid[])
       AND status = 'validated'
       AND starts_at <= ${now}::timestamptz
       AND ends_at > ${now}::timestamptz
     GROUP BY library_id`;
  for (const r of rows) counts.set(r.library_id, r.n);
  return counts;
}
