import "server-only";
// One pass of all due background work, in this order: expire unconfirmed
// reservations, mark no-shows, enqueue reminders, then deliver the outbox (so
// the emails of this pass leave in this pass). Called by /api/cron and by the
// in-process scheduler (lib/jobs/scheduler.ts); safe to run anywhere, any number
// of times, concurrently: every step claims its rows with FOR UPDATE SKIP LOCKED
// and changes them with a compare-and-set.
import { performance } from "node:perf_hooks";
import { deliverOutbox } from "@/lib/email/deliver-outbox";
import { expireReservations } from "./expire-reservations";
import { markNoShows } from "./mark-no-shows";
import { sendReminders } from "./send-reminders";

export interface BackgroundPassResult {
  expired: number;
  noShows: number;
  reminders: number;
  emailsSent: number;
  /** Failed this time, tried again after a backoff. */
  emailsRetried: number;
  /** Given up: shown as failed to staff. */
  emailsFailed: number;
  /** Closed without sending because they no longer made sense (e.g. a reminder of a cancelled reservation). */
  emailsSkipped: number;
  durationMs: number;
}

export interface BackgroundPassOptions {
  now: Date;
  /** Reservations claimed per transaction by each step (default 500). */
  batchSize?: number;
}

/**
 * Runs the four steps. A step that throws does not stop the others (expiry
 * must not wait for a broken SMTP server, nor the reverse); the first error is
 * rethrown once all have run, so the caller logs it and the route answers 500.
 */
export async function runBackgroundPass(input: BackgroundPassOptions): Promise<BackgroundPassResult> {
  const { now, batchSize } = input;
  const started = performance.now();
  let firstError: unknown;
  const step = async <T>(fn: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      firstError ??= err;
      return fallback;
    }
  };
  const expired = await step(() => expireReservations({ now, batchSize }), 0);
  const noShows = await step(() => markNoShows({ now, batchSize }), 0);
  const reminders = await step(() => sendReminders({ now, batchSize }), 0);
  const mail = await step(() => deliverOutbox({ now }), { sent: 0, retried: 0, failed: 0, skipped: 0 });
  if (firstError !== undefined) throw firstError;
  return {
    expired,
    noShows,
    reminders,
    emailsSent: mail.sent,
    emailsRetried: mail.retried,
    emailsFailed: mail.failed,
    emailsSkipped: mail.skipped,
    durationMs: Math.round(performance.now() - started),
  };
}
