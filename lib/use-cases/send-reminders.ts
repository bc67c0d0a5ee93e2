import "server-only";
// The reminder some time before the start (reminder_at, fixed when the
// reservation was made from the library's reminderBeforeMinutes, 1 h by
// default): sent once per reservation, only while it is live and not started.
import { sendDueReminders, type BatchOptions } from "@/lib/data/background";

/** Enqueues the reminder of every reservation whose reminder is due; returns how many this call enqueued. */
export async function sendReminders(input: { now: Date } & BatchOptions): Promise<number> {
  const { now, ...options } = input;
  return sendDueReminders(now, options);
}
