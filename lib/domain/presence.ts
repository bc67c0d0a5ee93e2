// Presence validation: given the time, the library's windows and the
// reservations an address holds at that library today, what does a validation
// attempt do? Pure: no Prisma, no Next, `now` is a parameter.
//
// A confirmed reservation may be validated from `validationOpensBeforeMinutes`
// before its start (default 15) until its validation deadline (start + the
// library's `validationWindowMinutes`, default 20, stored on the reservation
// when it was made: that stored deadline is what the background pass enforces,
// so it wins). The window is half-open: [opensAt, closesAt).
//
// When the address holds several reservations, the answer is chosen in this
// order (the first that applies wins):
//   1. validated          a confirmed reservation whose window is open now (earliest start first)
//   2. already_validated  a validated reservation that has not ended
//   3. not_confirmed      a pending reservation whose window is open or that is in progress
//   4. too_early          the next confirmed or pending reservation whose window opens later today
//   5. too_late           a confirmed reservation past its deadline, or one marked no-show
//   6. no_reservation     nothing else (cancelled and expired reservations are ignored)
// So "the current one wins", and otherwise "the next upcoming decides too_early"
// (a lost morning slot does not hide the afternoon one).

import { validationWindow, type LibraryWindows, type ReservationStatus } from "./reservation-state";
import { addDays, formatTimeFr, localDateOf, zonedInstant } from "./time";

export type PresenceWindows = Pick<LibraryWindows, "validationOpensBeforeMinutes" | "validationWindowMinutes">;

export interface PresenceReservation {
  id: string;
  status: ReservationStatus;
  startsAt: Date;
  endsAt: Date;
  /** The stored deadline; when absent it is computed from the library's window. */
  validationDeadline?: Date;
}

export type PresenceDecision<R extends PresenceReservation = PresenceReservation> =
  | { outcome: "validated"; reservation: R }
  | { outcome: "already_validated"; reservation: R }
  | { outcome: "not_confirmed"; reservation: R }
  | { outcome: "too_early"; reservation: R; opensAt: Date }
  | { outcome: "too_late"; reservation: R }
  | { outcome: "no_reservation" };

export type PresenceOutcome = PresenceDecision["outcome"];

/** When presence of this reservation may be validated: [opensAt, closesAt). */
export function presenceWindow(r: PresenceReservation, windows: PresenceWindows): { opensAt: Date; closesAt: Date } {
  const w = validationWindow(r.startsAt, windows);
  return { opensAt: w.opensAt, closesAt: r.validationDeadline ?? w.closesAt };
}

const byStart = <R extends PresenceReservation>(a: R, b: R) => a.startsAt.getTime() - b.startsAt.getTime();

/** Decides a validation attempt at `now` among the address's reservations at one library. */
export function decidePresence<R extends PresenceReservation>(input: {
  now: Date;
  windows: PresenceWindows;
  reservations: readonly R[];
}): PresenceDecision<R> {
  const t = input.now.getTime();
  const rows = [...input.reservations]
    .filter((r) => r.status !== "CANCELLED" && r.status !== "EXPIRED")
    .sort(byStart)
    .map((r) => ({ r, ...presenceWindow(r, input.windows) }));
  const isOpen = (x: (typeof rows)[number]) => x.opensAt.getTime() <= t && t < x.closesAt.getTime();

  const open = rows.find((x) => x.r.status === "CONFIRMED" && isOpen(x));
  if (open) return { outcome: "validated", reservation: open.r };

  const validated = rows.find((x) => x.r.status === "VALIDATED" && t < x.r.endsAt.getTime());
  if (validated) return { outcome: "already_validated", reservation: validated.r };

  const pending = rows.find((x) => x.r.status === "PENDING" && x.opensAt.getTime() <= t && t < x.r.endsAt.getTime());
  if (pending) return { outcome: "not_confirmed", reservation: pending.r };

  const upcoming = rows
    .filter((x) => (x.r.status === "CONFIRMED" || x.r.status === "PENDING") && t < x.opensAt.getTime())
    .sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime())[0];
  if (upcoming) return { outcome: "too_early", reservation: upcoming.r, opensAt: upcoming.opensAt };

  const late = rows
    .filter((x) => x.r.status === "NO_SHOW" || (x.r.status === "CONFIRMED" && t >= x.closesAt.getTime()))
    .at(-1);
  if (late) return { outcome: "too_late", reservation: late.r };

  return { outcome: "no_reservation" };
}

/**
 * The instants that bound "today" at the library: local midnight to the next
 * local midnight (23 or 25 hours long on DST days). Reservations overlapping
 * it are the ones a validation attempt looks at.
 */
export function presenceDay(now: Date, timeZone: string): { from: Date; to: Date } {
  const today = localDateOf(now, timeZone);
  return { from: zonedInstant(today, 0, timeZone), to: zonedInstant(addDays(today, 1), 0, timeZone) };
}

/** "Il est trop tôt pour valider votre présence : revenez à partir de 13 h 45." */
export function tooEarlyMessage(opensAt: Date, timeZone: string): string {
  return `Il est trop tôt pour valider votre présence : revenez à partir de ${formatTimeFr(opensAt, timeZone)}.`;
}
