import "server-only";
// Cancelling a reservation: by the student (the POST of the cancel page, with
// the CANCEL token of the email, or of the reservation's own page with its
// VIEW token) or by staff. Compare-and-set to "cancelled": the trigger deletes
// the reservation_slot rows, so the place is free at once; the cancellation
// email is written in the same transaction.
import { enqueueEmail } from "@/lib/data/outbox";
import { getReservationView, reservationEmailPayload, type ReservationView } from "@/lib/data/reservations";
import { transitionReservation } from "@/lib/data/reservation-transitions";
import { markTokenUsed } from "@/lib/data/tokens";
import { transaction, type Tx } from "@/lib/data/tx";
import { DomainError } from "@/lib/domain/errors";
import { LIVE_STATUSES, studentMayCancel, type ReservationActor } from "@/lib/domain/reservation-state";
import { requireUsableToken } from "./get-reservation-by-token";

export const STAFF_REASON_MAX_LENGTH = 500;

function refusal(r: ReservationView | null): DomainError {
  if (!r) return new DomainError("unknown_reservation");
  if (r.status === "CANCELLED") return new DomainError("already_cancelled");
  return new DomainError("not_cancellable");
}

async function cancelInTx(
  tx: Tx,
  input: { reservationId: string; actor: ReservationActor; reason: string | null; now: Date; libraryId?: string },
): Promise<ReservationView> {
  const { now } = input;
  const before = await getReservationView(input.reservationId, tx);
  if (!before) throw new DomainError("unknown_reservation");
  if (input.libraryId !== undefined && before.library.id !== input.libraryId) throw new DomainError("forbidden");
  if (!studentMayCancel(before, now)) throw refusal(before);
  const moved = await transitionReservation(tx, {
    id: before.id,
    to: "CANCELLED",
    from: [...LIVE_STATUSES],
    at: now,
    actor: input.actor,
    reason: input.reason,
  });
  if (!moved) throw refusal(await getReservationView(before.id, tx));
  await enqueueEmail(tx, {
    template: "reservation-cancelled",
    dedupeKey: `reservation-cancelled:${before.id}`,
    recipient: before.email,
    reservationId: before.id,
    payload: {
      ...reservationEmailPayload(before),
      cancelledBy: input.actor.toLowerCase(),
      reason: input.reason,
    },
  });
  const after = await getReservationView(before.id, tx);
  if (!after) throw new DomainError("unknown_reservation");
  return after;
}

/**
 * Cancels the reservation of a CANCEL token (single use), or of a VIEW token
 * when `via` is "VIEW" (the reservation's own page; the token stays usable).
 * Throws DomainError: token_invalid, token_used, token_expired,
 * already_cancelled, not_cancellable (ended, expired, no-show).
 */
export async function cancelReservation(input: { token: string; now: Date; via?: "CANCEL" | "VIEW" }): Promise<ReservationView> {
  const { now } = input;
  const via = input.via ?? "CANCEL";
  const token = await requireUsableToken(input.token, via, now);
  return transaction(async (tx) => {
    if (via === "CANCEL" && !(await markTokenUsed(tx, token.id, now))) throw new DomainError("token_used");
    return cancelInTx(tx, { reservationId: token.reservationId, actor: "STUDENT", reason: null, now });
  });
}

/**
 * Staff cancels a live, not yet ended reservation of their library (closure,
 * incident), with an optional reason shown in the email. Throws DomainError:
 * unknown_reservation, forbidden (another library), already_cancelled,
 * not_cancellable. The caller authenticates the staff member.
 */
export async function cancelReservationByStaff(input: {
  reservationId: string;
  reason: string | null;
  now: Date;
  staff: { libraryId: string };
}): Promise<ReservationView> {
  const reason = input.reason?.trim() ? input.reason.trim().slice(0, STAFF_REASON_MAX_LENGTH) : null;
  return transaction((tx) =>
    cancelInTx(tx, { reservationId: input.reservationId, actor: "STAFF", reason, now: input.now, libraryId: input.staff.libraryId }),
  );
}
