// The reservation state machine and the deadlines that drive it. Pure.
//
//   pending ──confirm──▶ confirmed ──validate──▶ validated
//      │                    │  │
//      ├─cancel─▶ cancelled ◀┘  └─(no validation by the deadline)─▶ no_show
//      └─(not confirmed by the deadline)─▶ expired
//
// Staff may also cancel a validated reservation (a closure, an incident).

export const RESERVATION_STATUSES = ["PENDING", "CONFIRMED", "VALIDATED", "CANCELLED", "EXPIRED", "NO_SHOW"] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/** Statuses that hold the place (and its reservation_slot rows). */
export const LIVE_STATUSES: readonly ReservationStatus[] = ["PENDING", "CONFIRMED", "VALIDATED"];

export type ReservationActor = "STUDENT" | "STAFF" | "SYSTEM";

const TRANSITIONS: Record<ReservationStatus, readonly ReservationStatus[]> = {
  PENDING: ["CONFIRMED", "CANCELLED", "EXPIRED"],
  CONFIRMED: ["VALIDATED", "CANCELLED", "NO_SHOW"],
  VALIDATED: ["CANCELLED"],
  CANCELLED: [],
  EXPIRED: [],
  NO_SHOW: [],
};

export function canTransition(from: ReservationStatus, to: ReservationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses from which `to` may be reached: the "compare" of a compare-and-set. */
export function allowedFrom(to: ReservationStatus): ReservationStatus[] {
  return RESERVATION_STATUSES.filter((s) => TRANSITIONS[s].includes(to));
}

export const isLive = (s: ReservationStatus) => LIVE_STATUSES.includes(s);

export interface LibraryWindows {
  confirmationWindowMinutes: number;
  validationWindowMinutes: number;
  validationOpensBeforeMinutes: number;
  reminderBeforeMinutes: number;
}

const minutes = (n: number) => n * 60_000;

/**
 * Status and deadlines of a new reservation. A first booking from an address
 * waits for its confirmation, at most the library's confirmation window and
 * never past the end of the validation grace (it could not be used then).
 * A booking from a confirmed address is confirmed at once.
 */
export function initialState(input: {
  now: Date;
  startsAt: Date;
  bookerConfirmed: boolean;
  windows: LibraryWindows;
}): { status: "PENDING" | "CONFIRMED"; confirmDeadline: Date | null; validationDeadline: Date; reminderAt: Date | null } {
  const { now, startsAt, windows } = input;
  const validationDeadline = new Date(startsAt.getTime() + minutes(windows.validationWindowMinutes));
  const reminder = new Date(startsAt.getTime() - minutes(windows.reminderBeforeMinutes));
  // No reminder when the booking is made inside the reminder period: the confirmation says it all.
  const reminderAt = windows.reminderBeforeMinutes > 0 && reminder > now ? reminder : null;
  if (input.bookerConfirmed) return { status: "CONFIRMED", confirmDeadline: null, validationDeadline, reminderAt };
  const confirmBy = new Date(Math.min(now.getTime() + minutes(windows.confirmationWindowMinutes), validationDeadline.getTime()));
  return { status: "PENDING", confirmDeadline: confirmBy, validationDeadline, reminderAt };
}

/** When presence may be validated: from some minutes before the start to the end of the grace. */
export function validationWindow(startsAt: Date, windows: Pick<LibraryWindows, "validationOpensBeforeMinutes" | "validationWindowMinutes">) {
  return {
    opensAt: new Date(startsAt.getTime() - minutes(windows.validationOpensBeforeMinutes)),
    closesAt: new Date(startsAt.getTime() + minutes(windows.validationWindowMinutes)),
  };
}

/** A student may cancel a live reservation until it ends ("upcoming" ones, shown in green). */
export function studentMayCancel(r: { status: ReservationStatus; endsAt: Date }, now: Date): boolean {
  return isLive(r.status) && r.endsAt > now;
}
