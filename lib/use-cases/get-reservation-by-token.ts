import "server-only";
// What a link from an email points at, for the token pages (confirm, cancel,
// the reservation's own page). Read-only: a GET (or a mail scanner) opening the
// link changes nothing; the pages' buttons POST to the write use cases.
import { findToken, type TokenLookup } from "@/lib/data/tokens";
import { getReservationView, type ReservationView } from "@/lib/data/reservations";
import { DomainError } from "@/lib/domain/errors";
import { studentMayCancel } from "@/lib/domain/reservation-state";
import { tokenSchema } from "@/lib/validation/reservation";

export type LinkPurpose = "CONFIRM" | "CANCEL" | "VIEW";

export type TokenState = "valid" | "used" | "expired";

/**
 * The token row of a raw link token of `purpose`, whatever its state, or null
 * for a malformed, unknown or other-purpose token (a cancel token is not a
 * confirm token). Read-only.
 */
export async function lookUpToken(raw: string, purpose: LinkPurpose): Promise<TokenLookup | null> {
  if (!tokenSchema.safeParse(raw).success) return null;
  return findToken(raw, purpose);
}

/** VIEW tokens open the reservation's page as often as needed: they are never "used". */
export function tokenState(t: TokenLookup, now: Date): TokenState {
  if (t.purpose !== "VIEW" && t.usedAt) return "used";
  if (t.expiresAt <= now) return "expired";
  return "valid";
}

/** The token, if it may act now; else the DomainError the page or action shows. */
export async function requireUsableToken(raw: string, purpose: LinkPurpose, now: Date): Promise<TokenLookup> {
  const t = await lookUpToken(raw, purpose);
  if (!t) throw new DomainError("token_invalid");
  const state = tokenState(t, now);
  if (state === "used") throw new DomainError("token_used");
  if (state === "expired") throw new DomainError("token_expired");
  return t;
}

export const confirmable = (r: Pick<ReservationView, "status" | "confirmDeadline">, now: Date) =>
  r.status === "PENDING" && r.confirmDeadline !== null && r.confirmDeadline > now;

export type ReservationByToken =
  | { found: false }
  | {
      found: true;
      tokenState: TokenState;
      reservation: ReservationView;
      /** What the page may offer now with this token. */
      can: { confirm: boolean; cancel: boolean; resend: boolean };
    };

/** The reservation behind a link and what its page may offer. Never mutates. */
export async function getReservationByToken(input: { token: string; purpose: LinkPurpose; now: Date }): Promise<ReservationByToken> {
  const t = await lookUpToken(input.token, input.purpose);
  if (!t) return { found: false };
  const reservation = await getReservationView(t.reservationId);
  if (!reservation) return { found: false };
  const state = tokenState(t, input.now);
  const valid = state === "valid";
  return {
    found: true,
    tokenState: state,
    reservation,
    can: {
      confirm: valid && input.purpose === "CONFIRM" && confirmable(reservation, input.now),
      cancel: valid && (input.purpose === "CANCEL" || input.purpose === "VIEW") && studentMayCancel(reservation, input.now),
      resend: valid && input.purpose === "VIEW" && confirmable(reservation, input.now),
    },
  };
}
