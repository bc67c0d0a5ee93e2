import "server-only";
// Bookers: whoever books, known by a normalised email address. Callers pass
// addresses already normalised (lib/domain/email-address); the table's CHECK
// refuses any other form.
import { db } from "./db";
import type { Tx } from "./tx";

export interface BookerRow {
  id: string;
  email: string;
  confirmedAt: Date | null;
}

/**
 * Creates the booker of `email` when it does not exist yet, then locks its row
 * (`SELECT … FOR UPDATE`) until the end of the caller's transaction. Two
 * transactions booking for one address therefore run their "count, then
 * insert" one after the other: this is what makes the per-address daily limit
 * hold under concurrent requests (see create-reservation.ts).
 *
 * A concurrent first insert of the same address waits on the unique index and
 * then finds the row (ON CONFLICT DO NOTHING), so no unique violation escapes.
 */
export async function lockBooker(tx: Tx, email: string): Promise<BookerRow> {
  await tx.$executeRaw`INSERT INTO booker (id, email) VALUES (gen_random_uuid(), ${email}) ON CONFLICT (email) DO NOTHING`;
  const rows = await tx.$queryRaw<Array<{ id: string; email: string; confirmed_at: Date | null }>>`
    SELECT id::text AS id, email, confirmed_at FROM booker WHERE email = ${email} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new Error("booker row vanished after upsert");
  return { id: row.id, email: row.email, confirmedAt: row.confirmed_at };
}

/** Marks the address confirmed (first confirmation only); true when this call set it. */
export async function markBookerConfirmed(tx: Tx, bookerId: string, now: Date): Promise<boolean> {
  const { count } = await tx.booker.updateMany({ where: { id: bookerId, confirmedAt: null }, data: { confirmedAt: now } });
  return count === 1;
}

/** The booker of a normalised address, or null. Read-only. */
export async function findBookerByEmail(email: string): Promise<BookerRow | null> {
  return db().booker.findUnique({ where: { email }, select: { id: true, email: true, confirmedAt: true } });
}
