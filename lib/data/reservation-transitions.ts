import "server-only";
// Every status change of one reservation goes through transitionReservation: a
// compare-and-set on the current status (UPDATE … WHERE status IN (…)), plus an
// audit row, in the caller's transaction. Set-based passes (expiry, no-shows)
// write the same columns in their own SQL.
import { allowedFrom, type ReservationActor, type ReservationStatus } from "@/lib/domain/reservation-state";
import type { Tx } from "./tx";

const DB_STATUS: Record<ReservationStatus, string> = {
  PENDING: "pending",
  CONFIRMED: "confirmed",
  VALIDATED: "validated",
  CANCELLED: "cancelled",
  EXPIRED: "expired",
  NO_SHOW: "no_show",
};
const DB_ACTOR: Record<ReservationActor, string> = { STUDENT: "student", STAFF: "staff", SYSTEM: "system" };
export const toDbStatus = (s: ReservationStatus) => DB_STATUS[s];
export const toDbActor = (a: ReservationActor) => DB_ACTOR[a];

const TIMESTAMP_COLUMN: Partial<Record<ReservationStatus, string>> = {
  CONFIRMED: "confirmed_at",
  VALIDATED: "validated_at",
  CANCELLED: "cancelled_at",
  EXPIRED: "expired_at",
  NO_SHOW: "no_show_at",
};

export interface TransitionResult {
  id: string;
  fromStatus: ReservationStatus;
  toStatus: ReservationStatus;
}

/**
 * Moves a reservation to `to` if, and only if, its current status is one from
 * which `to` may be reached (or one of `from` when given). Returns null when the
 * compare fails: somebody else changed it first.
 */
export async function transitionReservation(
  tx: Tx,
  input: {
    id: string;
    to: ReservationStatus;
    at: Date;
    actor: ReservationActor;
    from?: ReservationStatus[];
    reason?: string | null;
  },
): Promise<TransitionResult | null> {
  const from = (input.from ?? allowedFrom(input.to)).map(toDbStatus);
  const column = TIMESTAMP_COLUMN[input.to];
  const isCancel = input.to === "CANCELLED";
  const isValidate = input.to === "VALIDATED";
  // Column names come from the constant map above, never from input.
  const params: unknown[] = [input.id, from, toDbStatus(input.to)];
  const sets = ["status = $3::reservation_status"];
  const param = (value: unknown, cast = "") => {
    params.push(value);
    return `$${params.length}${cast}`;
  };
  if (column) sets.push(`${column} = ${param(input.at, "::timestamptz")}`);
  if (isCancel) sets.push(`cancelled_by = ${param(toDbActor(input.actor), "::actor")}`, `cancel_reason = ${param(input.reason ?? null, "::text")}`);
  if (isValidate) sets.push(`validated_by = ${param(toDbActor(input.actor), "::actor")}`);
  const rows = await tx.$queryRawUnsafe<Array<{ id: string; from_status: string }>>(
    `WITH prev AS (
       SELECT id, status FROM reservation WHERE id = $1::uuid AND status = ANY($2::reservation_status[]) FOR UPDATE
     )
     UPDATE reservation r SET ${sets.join(", ")}
       FROM prev
      WHERE r.id = prev.id
     RETURNING r.id::text AS id, prev.status::text AS from_status`,
    ...params,
  );
  const row = rows[0];
  if (!row) return null;
  const fromStatus = row.from_status.toUpperCase() as ReservationStatus;
  await tx.reservationEvent.create({
    data: { reservationId: row.id, fromStatus, toStatus: input.to, actor: input.actor, reason: input.reason ?? null, at: input.at },
  });
  return { id: row.id, fromStatus, toStatus: input.to };
}
