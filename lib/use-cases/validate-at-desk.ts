import "server-only";
// The front desk validates presence on a student's behalf (no smartphone, a
// problem with the code…). Staff of a library may act only on that library's
// reservations. The window is the student's one — from 15 min before the start
// to the validation deadline — on purpose: past the deadline the background
// pass turns the reservation into a no-show and frees the place, so a late
// desk validation would race it and could hand out a place given to someone else.
import { getReservationForPresence, markValidated, type PresenceReservationRow } from "@/lib/data/presence";
import { DomainError } from "@/lib/domain/errors";
import { decidePresence } from "@/lib/domain/presence";
import { presenceError } from "./presence-errors";
import { toValidated, type ValidatedPresence } from "./validate-presence";

export interface StaffIdentity {
  /** The library the staff member works at. */
  libraryId: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Validates reservation `reservationId` (actor STAFF). Throws DomainError:
 * unknown_reservation, forbidden (another library's reservation),
 * too_early (details.opensAt), too_late, already_validated, not_confirmed,
 * no_reservation (cancelled or expired).
 */
export async function validateAtDesk(input: { reservationId: string; staff: StaffIdentity; now: Date }): Promise<ValidatedPresence> {
  const { now } = input;
  const r = UUID_RE.test(input.reservationId) ? await getReservationForPresence(input.reservationId) : null;
  if (!r) throw new DomainError("unknown_reservation");
  if (r.libraryId !== input.staff.libraryId) throw new DomainError("forbidden");
  const library = r.library;

  let current: PresenceReservationRow = r;
  if (decidePresence({ now, windows: library, reservations: [r] }).outcome === "validated") {
    const validated = await markValidated({ id: r.id, now, actor: "STAFF" });
    if (validated) return toValidated(library, validated, now);
    // Changed meanwhile (validated by the student, no-show, cancelled): answer on the fresh row.
    current = (await getReservationForPresence(r.id)) ?? { ...r, status: "CANCELLED" };
  }
  if (current.status === "VALIDATED") throw new DomainError("already_validated");
  const decision = decidePresence({ now, windows: library, reservations: [current] });
  if (decision.outcome === "no_reservation" || decision.outcome === "validated") {
    throw new DomainError("no_reservation", "Cette réservation est annulée ou expirée : elle ne peut pas être validée.");
  }
  throw presenceError(decision, library.timeZone);
}
