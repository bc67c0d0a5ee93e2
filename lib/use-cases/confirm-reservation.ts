import "server-only";
// "Confirmer ma réservation": the POST of the confirm page, with the CONFIRM
// token of the email. Confirms the reservation and marks the address confirmed
// (its later bookings are confirmed at once), in one transaction with the
// "Réservation confirmée" email.
import { markBookerConfirmed } from "@/lib/data/bookers";
import { enqueueEmail } from "@/lib/data/outbox";
import { getReservationView, reservationEmailPayload, type ReservationView } from "@/lib/data/reservations";
import { transitionReservation } from "@/lib/data/reservation-transitions";
import { markTokenUsed } from "@/lib/data/tokens";
import { transaction } from "@/lib/data/tx";
import { DomainError } from "@/lib/domain/errors";
import { requireUsableToken } from "./get-reservation-by-token";

function refusal(r: ReservationView | null, now: Date): DomainError {
  if (!r) return new DomainError("unknown_reservation");
  if (r.status === "CONFIRMED" || r.status === "VALIDATED") return new DomainError("already_confirmed");
  if (r.status === "PENDING" && r.confirmDeadline !== null && r.confirmDeadline <= now) return new DomainError("token_expired");
  return new DomainError("not_pending");
}

/**
 * Confirms the reservation of a CONFIRM token. Throws DomainError:
 * token_invalid (unknown, malformed, or another purpose such as a cancel
 * token), token_used, token_expired (link or confirmation window),
 * already_confirmed, not_pending (cancelled or expired meanwhile).
 */
export async function confirmReservation(input: { token: string; now: Date }): Promise<ReservationView> {
  const { now } = input;
  const token = await requireUsableToken(input.token, "CONFIRM", now);
  return transaction(async (tx) => {
    // Compare-and-set on the token first: of two concurrent clicks, one wins.
    if (!(await markTokenUsed(tx, token.id, now))) throw new DomainError("token_used");
    const before = await getReservationView(token.reservationId, tx);
    if (!before || before.status !== "PENDING" || (before.confirmDeadline !== null && before.confirmDeadline <= now)) {
      throw refusal(before, now); // rolls the token back: the link keeps saying why
    }
    const moved = await transitionReservation(tx, { id: before.id, to: "CONFIRMED", from: ["PENDING"], at: now, actor: "STUDENT" });
    if (!moved) throw refusal(await getReservationView(before.id, tx), now);
    await markBookerConfirmed(tx, before.bookerId, now);
    await enqueueEmail(tx, {
      template: "reservation-confirmed",
      dedupeKey: `reservation-confirmed:${before.id}`,
      recipient: before.email,
      reservationId: before.id,
      payload: reservationEmailPayload(before),
    });
    const after = await getReservationView(before.id, tx);
    if (!after) throw new DomainError("unknown_reservation");
    return after;
  });
}
