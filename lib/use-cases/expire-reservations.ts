import "server-only";
// Background work, run by the system (no caller to authorise: the cron route
// checks its secret, the in-process scheduler is the app itself).
// A pending reservation not confirmed by its confirm_deadline (the library's
// confirmation window, 2 h by default, fixed when it was made) becomes expired:
// its place is free at once and the student is told why by email.
import { expireDueReservations, type BatchOptions } from "@/lib/data/background";

/** Expires every pending reservation with confirm_deadline <= now; returns how many this call changed. */
export async function expireReservations(input: { now: Date } & BatchOptions): Promise<number> {
  const { now, ...options } = input;
  return expireDueReservations(now, options);
}
