// /api/cron: the protected route an external scheduler calls every minute.
// Called through the route module's GET/POST with real Requests, on a real
// PostgreSQL; mail goes to the dev mailbox (no SMTP_URL in this file).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const SECRET = "cron-secret-for-tests-0123456789abcdef";
// Before anything reads env() in this file.
vi.stubEnv("CRON_SECRET", SECRET);
vi.stubEnv("SMTP_URL", "");
afterAll(() => {
  vi.unstubAllEnvs();
});

const { GET, POST, dynamic } = await import("@/app/api/cron/route");
const { checkCronAuthorization, withCronAuth } = await import("@/lib/http/with-cron-auth");
const { db } = await import("@/lib/data/db");
const { createLibrary, insertReservation } = await import("../support/factories");

const MIN = 60_000;
const QUARTER = 15 * MIN;

let ids: { pending: string; absent: string; reminded: string };

/** State that shows whether a pass ran: statuses, reminder flag, outbox, events, dev mailbox. */
async function snapshot() {
  const rows = await db().reservation.findMany({ select: { id: true, status: true, reminderSentAt: true }, orderBy: { id: "asc" } });
  return {
    rows,
    outbox: await db().emailOutbox.count(),
    events: await db().reservationEvent.count(),
    mails: await db().devMail.count(),
  };
}

beforeAll(async () => {
  // The route uses the real clock: build the due work around it.
  const now = Date.now();
  const quarter = Math.floor(now / QUARTER) * QUARTER; // reservations cover whole quarter hours
  const lib = await createLibrary({ seats: 3 });
  const pending = await insertReservation({
    libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: "attente@etu.univ-test.fr",
    startsAt: new Date(quarter + 24 * 60 * MIN), endsAt: new Date(quarter + 25 * 60 * MIN),
    status: "PENDING", confirmDeadline: new Date(now - MIN),
  });
  const absent = await insertReservation({
    libraryId: lib.libraryId, resourceId: lib.seatIds[1]!, email: "absent@etu.univ-test.fr",
    startsAt: new Date(quarter - 60 * MIN), endsAt: new Date(quarter + 60 * MIN),
    status: "CONFIRMED", validationDeadline: new Date(quarter - 40 * MIN),
  });
  const reminded = await insertReservation({
    libraryId: lib.libraryId, resourceId: lib.seatIds[2]!, email: "rappel@etu.univ-test.fr",
    startsAt: new Date(quarter + 4 * QUARTER), endsAt: new Date(quarter + 8 * QUARTER),
    status: "CONFIRMED", reminderAt: new Date(now - MIN),
  });
  ids = { pending: pending.id, absent: absent.id, reminded: reminded.id };
});

const request = (method: "GET" | "POST", authorization?: string) =>
  new Request("http://localhost:3000/api/cron", { method, headers: authorization === undefined ? {} : { authorization } });

describe("/api/cron", () => {
  it("is dynamic: never prerendered nor cached", () => {
    expect(dynamic).toBe("force-dynamic");
  });

  it.each([
    ["no header", "GET", undefined],
    ["a wrong secret", "GET", "Bearer not-the-secret-0123456789abcdef"],
    ["the secret with one more character", "POST", `Bearer ${SECRET}x`],
    ["the secret cut short", "POST", `Bearer ${SECRET.slice(0, -1)}`],
    ["another scheme", "GET", `Basic ${Buffer.from(`cron:${SECRET}`).toString("base64")}`],
    ["the bare secret, no scheme", "POST", SECRET],
    ["an empty bearer", "GET", "Bearer "],
  ] as const)("answers 401 to %s, and nothing runs", async (_label, method, authorization) => {
    const before = await snapshot();
    const res = await (method === "GET" ? GET : POST)(request(method, authorization));
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="cron"');
    const body = await res.json();
    expect(body.error.code).toBe("unauthorized");
    expect(typeof body.error.message).toBe("string");
    expect(JSON.stringify(body)).not.toContain(SECRET);
    expect(await snapshot()).toEqual(before);
    expect(before.outbox).toBe(0);
    expect(before.rows.map((r) => r.status).sort()).toEqual(["CONFIRMED", "CONFIRMED", "PENDING"]);
  });

  it("with the right secret, runs one pass and answers 200 with counts that match what happened", async () => {
    const res = await GET(request("GET", `Bearer ${SECRET}`));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = await res.json();
    expect(body).toEqual({
      expired: 1,
      noShows: 1,
      reminders: 1,
      emailsSent: 3,
      emailsRetried: 0,
      emailsFailed: 0,
      emailsSkipped: 0,
      durationMs: expect.any(Number),
    });
    expect(body.durationMs).toBeGreaterThanOrEqual(0);

    const byId = async (id: string) => db().reservation.findUniqueOrThrow({ where: { id }, select: { status: true, reminderSentAt: true } });
    expect((await byId(ids.pending)).status).toBe("EXPIRED");
    expect((await byId(ids.absent)).status).toBe("NO_SHOW");
    expect((await byId(ids.reminded)).reminderSentAt).not.toBeNull();
    const outbox = await db().emailOutbox.findMany({ select: { template: true, status: true }, orderBy: { template: "asc" } });
    expect(outbox).toEqual([
      { template: "reservation-expired", status: "SENT" },
      { template: "reservation-no-show", status: "SENT" },
      { template: "reservation-reminder", status: "SENT" },
    ]);
    const mails = await db().devMail.findMany({ select: { recipient: true }, orderBy: { recipient: "asc" } });
    expect(mails.map((m) => m.recipient)).toEqual(["absent@etu.univ-test.fr", "attente@etu.univ-test.fr", "rappel@etu.univ-test.fr"]);
  });

  it("POST does the same; a second pass finds nothing left to do", async () => {
    const res = await POST(request("POST", `bearer ${SECRET}`));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ expired: 0, noShows: 0, reminders: 0, emailsSent: 0, emailsRetried: 0, emailsFailed: 0 });
    expect(await db().emailOutbox.count()).toBe(3);
    expect(await db().devMail.count()).toBe(3);
  });
});

describe("withCronAuth", () => {
  it("keeps the route closed when CRON_SECRET is not set, whatever is sent", async () => {
    const handler = vi.fn(async () => new Response("ran"));
    const guarded = withCronAuth(handler, { secret: () => undefined });
    for (const authorization of [undefined, "Bearer ", `Bearer ${SECRET}`, "Bearer undefined"]) {
      const res = await guarded(request("GET", authorization));
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it("tells the cases apart, the scheme being case-insensitive", () => {
    expect(checkCronAuthorization(`Bearer ${SECRET}`, SECRET)).toBe("ok");
    expect(checkCronAuthorization(`BEARER  ${SECRET} `, SECRET)).toBe("ok");
    expect(checkCronAuthorization(null, SECRET)).toBe("missing");
    expect(checkCronAuthorization(`Token ${SECRET}`, SECRET)).toBe("missing");
    expect(checkCronAuthorization(`Bearer ${SECRET.toUpperCase()}`, SECRET)).toBe("wrong");
    expect(checkCronAuthorization(`Bearer ${SECRET}`, undefined)).toBe("no_secret");
  });
});
