// Zero setup: instrumentation.ts starts the in-process scheduler in the Node.js
// runtime unless CRON_MODE=external (or during `next build`, or on the edge),
// and the scheduler's first run does the due work on a real PostgreSQL.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/data/db";
import { createLibrary, insertReservation } from "../support/factories";

const MIN = 60_000;
const QUARTER = 15 * MIN;

/** A fresh copy of instrumentation.ts and of the modules it reads (env() is cached per module instance). */
async function freshRegister() {
  vi.resetModules();
  const { register } = await import("@/instrumentation");
  const scheduler = await import("@/lib/jobs/scheduler");
  return { register, scheduler };
}

afterEach(async () => {
  (await import("@/lib/jobs/scheduler")).stopBackgroundScheduler();
  vi.unstubAllEnvs();
});

describe("instrumentation.ts register()", () => {
  it.each([
    ["on the edge runtime", { NEXT_RUNTIME: "edge", CRON_MODE: "" }],
    ["during next build", { NEXT_RUNTIME: "nodejs", NEXT_PHASE: "phase-production-build", CRON_MODE: "" }],
    ["with CRON_MODE=external", { NEXT_RUNTIME: "nodejs", CRON_MODE: "external" }],
  ])("starts nothing %s", async (_label, vars) => {
    for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
    const { register, scheduler } = await freshRegister();
    await register();
    expect(scheduler.backgroundScheduler()).toBeUndefined();
  });

  it("in the Node.js runtime, starts one scheduler whose first run, a few seconds later, does the due work", async () => {
    const lib = await createLibrary({ seats: 1 });
    const now = Date.now();
    const quarter = Math.floor(now / QUARTER) * QUARTER;
    const r = await insertReservation({
      libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: "oubli@etu.univ-test.fr",
      startsAt: new Date(quarter + 24 * 60 * MIN), endsAt: new Date(quarter + 25 * 60 * MIN),
      status: "PENDING", confirmDeadline: new Date(now - MIN),
    });

    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    vi.stubEnv("CRON_MODE", "");
    const { register, scheduler } = await freshRegister();
    const sigterm = process.listenerCount("SIGTERM");
    await register();
    const started = scheduler.backgroundScheduler();
    expect(started).toBeDefined();
    await register(); // a second register (dev reload) keeps the one scheduler
    expect(scheduler.backgroundScheduler()).toBe(started);
    expect(process.listenerCount("SIGTERM")).toBe(sigterm + 1);

    await vi.waitFor(async () => expect((await db().reservation.findUniqueOrThrow({ where: { id: r.id } })).status).toBe("EXPIRED"), {
      timeout: 20_000,
      interval: 250,
    });
    await vi.waitFor(async () => expect(await db().emailOutbox.findMany({ where: { reservationId: r.id }, select: { template: true, status: true } })).toEqual([
      { template: "reservation-expired", status: "SENT" },
    ]), { timeout: 10_000, interval: 250 });

    scheduler.stopBackgroundScheduler();
    expect(scheduler.backgroundScheduler()).toBeUndefined();
    expect(process.listenerCount("SIGTERM")).toBe(sigterm);
  });
});
