import "server-only";
// kickOutbox: call it from a server action or a route handler once the write
// that enqueued emails has committed. The outbox is delivered right after the
// response is sent (next/server `after`), so the student gets the email within
// seconds without waiting for it. Best effort: anything left (SMTP down, the
// process stopping) stays in the outbox for the background pass (/api/cron).
import { after } from "next/server";
import { log } from "@/lib/log";
import { deliverOutbox } from "./deliver-outbox";

// Kicks from concurrent requests of this process share one delivery loop:
// a kick during a run asks for one more run instead of starting another.
const state = globalThis as unknown as { strapontinOutboxKick?: { running: Promise<void> | null; again: boolean } };
const kick = (state.strapontinOutboxKick ??= { running: null, again: false });

async function deliverOnce() {
  try {
    // Small and bounded: a kick delivers what was just written; backlogs are the cron pass's job.
    await deliverOutbox({ now: new Date(), limit: 50, maxBatches: 2 });
  } catch (err) {
    log.error("outbox: delivery after the response failed, the background pass will retry", { error: err });
  }
}

/** Runs the outbox delivery (coalesced per process); resolves when done, never rejects. */
export function runOutboxKick(): Promise<void> {
  if (kick.running) {
    kick.again = true;
    return kick.running;
  }
  kick.running = (async () => {
    do {
      kick.again = false;
      await deliverOnce();
    } while (kick.again);
  })().finally(() => {
    kick.running = null;
    if (kick.again) void runOutboxKick(); // a kick that arrived as the loop was ending
  });
  return kick.running;
}

/** Schedules an outbox delivery after the current response. Never throws. */
export function kickOutbox(): void {
  try {
    after(runOutboxKick);
  } catch (err) {
    // Outside a request (a script, a test): nothing to hook onto; the background pass delivers.
    log.debug("outbox: kickOutbox outside a request, left to the background pass", { error: err });
  }
}
