import "server-only";
// A confirmed reservation whose presence was not validated by its
// validation_deadline (start + the library's validation window, 20 min by
// default) becomes a no-show: its reservation_slot rows go (trigger), so the
// rest of the booked period is free at once, and the student is told why.
import { markDueNoShows, type BatchOptions } from "@/lib/data/background";

/** Marks every confirmed reservation with validation_deadline <= now as no_show; returns how many this call changed. */
export async function markNoShows(input: { now: Date } & BatchOptions): Promise<number> {
  const { now, ...options } = input;
  return markDueNoShows(now, options);
}
