// Presence validation by a student: the window, wrong codes and their limits,
// what a wrong code may reveal, several reservations, the reservation link, and
// the background pass leaving validated reservations alone.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { rateLimitSpent } from "@/lib/data/rate-limits";
import { issueToken } from "@/lib/data/tokens";
import { transaction } from "@/lib/data/tx";
import { DomainError } from "@/lib/domain/errors";
import { markNoShows } from "@/lib/use-cases/mark-no-shows";
import {
  WRONG_CODE_ADDRESS_LIMIT,
  WRONG_CODE_CLIENT_LIMIT,
  WRONG_CODE_LIMIT_PER_ADDRESS,
  WRONG_CODE_LIMIT_PER_CLIENT,
  validatePresence,
} from "@/lib/use-cases/validate-presence";
import { createLibrary, insertReservation } from "../support/factories";

const MIN = 60_000;
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MIN);
// Wednesday 10 June 2026, 14:00 in Paris (CEST, +02:00).
const START = new Date("2026-06-10T12:00:00.000Z");
const email = () => `etu-${randomUUID().slice(0, 8)}@univ-exemple.fr`;
const client = () => `client-${randomUUID().slice(0, 8)}`;

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, message: e.message, details: e.details };
    throw e;
  }
  throw new Error("expected a DomainError, the call succeeded");
}

const statusOf = async (id: string) =>
  (await db().reservation.findUniqueOrThrow({ where: { id }, select: { status: true, validatedBy: true, validatedAt: true } }));

/** A code of the right shape that is not this library's. */
const otherCode = (code: string) => (code === "AAAAAA" ? "CCCCCC" : "AAAAAA");

describe("the validation window (15 min before → 20 min after the start)", () => {
  it("refuses at start − 16 min with the time to come back, accepts at start − 14 min", async () => {
    const lib = await createLibrary();
    const address = email();
    const r = await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: address, startsAt: START, endsAt: plus(START, 120), status: "CONFIRMED" });

    const early = await failure(validatePresence({ code: lib.establishmentCode, email: address, now: plus(START, -16), clientKey: client() }));
    expect(early.code).toBe("too_early");
    expect(early.message).toBe("Il est trop tôt pour valider votre présence : revenez à partir de 13 h 45.");
    expect(early.details).toEqual({ opensAt: "2026-06-10T11:45:00.000Z" });
    expect((await statusOf(r.id)).status).toBe("CONFIRMED");

    const ok = await validatePresence({ code: lib.establishmentCode, email: address, now: plus(START, -14), clientKey: client() });
    expect(ok.reservationId).toBe(r.id);
    expect(ok.library.slug).toBe(lib.slug);
    expect(ok.resource).toEqual({ label: "Place 1", kind: "SEAT", areaName: "Salle de lecture" });
    expect(ok.endsAt).toEqual(plus(START, 120));
    expect(await statusOf(r.id)).toEqual({ status: "VALIDATED", validatedBy: "STUDENT", validatedAt: plus(START, -14) });
    const events = await db().reservationEvent.findMany({ where: { reservationId: r.id }, select: { fromStatus: true, toStatus: true, actor: true } });
    expect(events).toEqual([{ fromStatus: "CONFIRMED", toStatus: "VALIDATED", actor: "STUDENT" }]);
  });

  it("accepts at start + 19 min, refuses at start + 21 min (too late)", async () => {
    const lib = await createLibrary();
    const a = email();
    const b = email();
    const ra = await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: a, startsAt: START, endsAt: plus(START, 120), status: "CONFIRMED" });
    const rb = await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[1]!, email: b, startsAt: START, endsAt: plus(START, 120), status: "CONFIRMED" });

    const ok = await validatePresence({ code: lib.establishmentCode, email: a, now: plus(START, 19), clientKey: client() });
    expect(ok.reservationId).toBe(ra.id);
    expect((await statusOf(ra.id)).status).toBe("VALIDATED");

    const late = await failure(validatePresence({ code: lib.establishmentCode, email: b, now: plus(START, 21), clientKey: client() }));
    expect(late).toEqual({ code: "too_late", message: "Le délai de validation est dépassé : la réservation a été annulée.", details: {} });
    expect((await statusOf(rb.id)).status).toBe("CONFIRMED");
  });

  it("answers already_validated the second time, not_confirmed for a pending reservation, no_reservation for nothing today", async () => {
    const lib = await createLibrary();
    const a = email();
    await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: a, startsAt: START, endsAt: plus(START, 120), status: "CONFIRMED" });
    await validatePresence({ code: lib.establishmentCode, email: a, now: START, clientKey: client() });
    expect((await failure(validatePresence({ code: lib.establishmentCode, email: a, now: plus(START, 30), clientKey: client() }))).code).toBe("already_validated");

    const p = email();
    await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[1]!, email: p, startsAt: START, endsAt: plus(START, 120), status: "PENDING" });
    expect((await failure(validatePresence({ code: lib.establishmentCode, email: p, now: START, clientKey: client() }))).code).toBe("not_confirmed");

    // A reservation tomorrow is not "today".
    const t = email();
    await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[2]!, email: t, startsAt: plus(START, 24 * 60), endsAt: plus(START, 26 * 60), status: "CONFIRMED" });
    expect((await failure(validatePresence({ code: lib.establishmentCode, email: t, now: START, clientKey: client() }))).code).toBe("no_reservation");
  });

  it("normalises what was typed: case, spaces, dashes, and the address's case", async () => {
    const lib = await createLibrary();
    const a = email();
    const r = await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: a, startsAt: START, endsAt: plus(START, 120), status: "CONFIRMED" });
    const typed = `${lib.establishmentCode.slice(0, 3).toLowerCase()} - ${lib.establishmentCode.slice(3).toLowerCase()}`;
    const ok = await validatePresence({ code: typed, email: `  ${a.toUpperCase()} `, now: START, clientKey: client() });
    expect(ok.reservationId).toBe(r.id);
  });

  it("does not accept the code of another library", async () => {
    const lib = await createLibrary();
    const other = await createLibrary();
    const a = email();
    await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: a, startsAt: START, endsAt: plus(START, 120), status: "CONFIRMED" });
    expect((await failure(validatePresence({ code: other.establishmentCode, email: a, now: START, clientKey: client() }))).code).toBe("no_reservation");
  });
});

describe("an address with two reservations today", () => {
  it("validates the current one and leaves the other untouched", async () => {
    const lib = await createLibrary();
    const a = email();
    const morning = await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: a, startsAt: plus(START, -300), endsAt: plus(START, -180), status: "CONFIRMED" });
    const afternoon = await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[1]!, email: a, startsAt: START, endsAt: plus(START, 120), status: "CONFIRMED" });
    const evening = await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[2]!, email: a, startsAt: plus(START, 240), endsAt: plus(START, 300), status: "CONFIRMED" });

    const ok = await validatePresence({ code: lib.establishmentCode, email: a, now: plus(START, 5), clientKey: client() });
    expect(ok.reservationId).toBe(afternoon.id);
    expect((await statusOf(afternoon.id)).status).toBe("VALIDATED");
    expect((await statusOf(morning.id)).status).toBe("CONFIRMED");
    expect((await statusOf(evening.id)).status).toBe("CONFIRMED");

    // Later, between two: the next one decides.
    const early = await failure(validatePresence({ code: lib.establishmentCode, email: a, now: plus(START, 150), clientKey: client() }));
    expect(early.code).toBe("too_early");
    expect(early.message).toContain("revenez à partir de 17 h 45");
  });
});

describe("wrong codes", () => {
  it("are refused and counted per client and per address", async () => {
    const lib = await createLibrary();
    const a = email();
    const c = client();
    const r = await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: a, startsAt: START, endsAt: plus(START, 120), status: "CONFIRMED" });
    expect(await rateLimitSpent(WRONG_CODE_CLIENT_LIMIT, c, WRONG_CODE_LIMIT_PER_CLIENT)).toBe(0);

    const wrong = await failure(validatePresence({ code: otherCode(lib.establishmentCode), email: a, now: START, clientKey: c }));
    expect(wrong).toEqual({ code: "wrong_code", message: "Ce code d'établissement n'est pas valide. Vérifiez le code affiché sous le QR code.", details: {} });
    expect(await rateLimitSpent(WRONG_CODE_CLIENT_LIMIT, c, WRONG_CODE_LIMIT_PER_CLIENT)).toBe(1);
    expect(await rateLimitSpent(WRONG_CODE_ADDRESS_LIMIT, a, WRONG_CODE_LIMIT_PER_ADDRESS)).toBe(1);

    // A malformed code is a wrong code too, and counted.
    expect((await failure(validatePresence({ code: "0OIL1", email: a, now: START, clientKey: c }))).code).toBe("wrong_code");
    expect(await rateLimitSpent(WRONG_CODE_CLIENT_LIMIT, c, WRONG_CODE_LIMIT_PER_CLIENT)).toBe(2);
    expect((await statusOf(r.id)).status).toBe("CONFIRMED");

    // The right code is not counted.
    await validatePresence({ code: lib.establishmentCode, email: a, now: START, clientKey: c });
    expect(await rateLimitSpent(WRONG_CODE_CLIENT_LIMIT, c, WRONG_CODE_LIMIT_PER_CLIENT)).toBe(2);
  });

  it("past the per-address limit, even the right code is refused (rate_limited), from any client", async () => {
    const lib = await createLibrary();
    const a = email();
    const r = await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: a, startsAt: START, endsAt: plus(START, 120), status: "CONFIRMED" });
    for (let i = 0; i < WRONG_CODE_LIMIT_PER_ADDRESS.points; i++) {
      expect((await failure(validatePresence({ code: otherCode(lib.establishmentCode), email: a, now: START, clientKey: client() }))).code).toBe("wrong_code");
    }
    const limited = await failure(validatePresence({ code: lib.establishmentCode, email: a, now: START, clientKey: client() }));
    expect(limited.code).toBe("rate_limited");
    expect((await statusOf(r.id)).status).toBe("CONFIRMED");
  });

  it("a burst of parallel wrong codes for one address gets no more tries than the limit", async () => {
    const lib = await createLibrary();
    const a = email();
    await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: a, startsAt: START, endsAt: plus(START, 120), status: "CONFIRMED" });
    const answers = await Promise.all(
      Array.from({ length: 15 }, () => failure(validatePresence({ code: otherCode(lib.establishmentCode), email: a, now: START, clientKey: client() }))),
    );
    const codes = answers.map((x) => x.code);
    expect(codes.filter((c) => c === "wrong_code")).toHaveLength(WRONG_CODE_LIMIT_PER_ADDRESS.points);
    expect(codes.filter((c) => c === "rate_limited")).toHaveLength(15 - WRONG_CODE_LIMIT_PER_ADDRESS.points);
  });

  it("past the per-client limit, even the right code is refused for any address from that client", async () => {
    const lib = await createLibrary();
    const c = client();
    const a = email();
    const r = await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: a, startsAt: START, endsAt: plus(START, 120), status: "CONFIRMED" });
    for (let i = 0; i < WRONG_CODE_LIMIT_PER_CLIENT.points; i++) {
      expect((await failure(validatePresence({ code: otherCode(lib.establishmentCode), email: email(), now: START, clientKey: c }))).code).toBe("wrong_code");
    }
    expect((await failure(validatePresence({ code: lib.establishmentCode, email: a, now: START, clientKey: c }))).code).toBe("rate_limited");
    expect((await statusOf(r.id)).status).toBe("CONFIRMED");
    // Another client is not affected.
    expect((await validatePresence({ code: lib.establishmentCode, email: a, now: START, clientKey: client() })).reservationId).toBe(r.id);
  });

  it("never reveal whether the address has reservations: the same answer with and without", async () => {
    const lib = await createLibrary();
    const booked = email();
    const unknown = email();
    await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: booked, startsAt: START, endsAt: plus(START, 120), status: "CONFIRMED" });
    const wrong = otherCode(lib.establishmentCode);
    for (const now of [START, plus(START, -60), plus(START, 60)]) {
      const withReservation = await failure(validatePresence({ code: wrong, email: booked, now, clientKey: client() }));
      const without = await failure(validatePresence({ code: wrong, email: unknown, now, clientKey: client() }));
      expect(withReservation).toEqual(without);
      expect(withReservation.code).toBe("wrong_code");
    }
    // With the right code the answers do differ (validated vs no_reservation) — that is allowed.
    expect((await failure(validatePresence({ code: lib.establishmentCode, email: unknown, now: START, clientKey: client() }))).code).toBe("no_reservation");
  });
});

describe("recognised by the reservation link (VIEW token)", () => {
  it("validates without an address; a bad or expired link is refused", async () => {
    const lib = await createLibrary();
    const a = email();
    const r = await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: a, startsAt: START, endsAt: plus(START, 120), status: "CONFIRMED" });
    const raw = await transaction((tx) => issueToken(tx, { reservationId: r.id, purpose: "VIEW", expiresAt: plus(START, 7 * 24 * 60) }));
    const expired = await transaction((tx) => issueToken(tx, { reservationId: r.id, purpose: "VIEW", expiresAt: plus(START, -1) }));
    const cancelToken = await transaction((tx) => issueToken(tx, { reservationId: r.id, purpose: "CANCEL", expiresAt: plus(START, 60) }));

    expect((await failure(validatePresence({ code: lib.establishmentCode, viewToken: "x".repeat(43), now: START, clientKey: client() }))).code).toBe("token_invalid");
    expect((await failure(validatePresence({ code: lib.establishmentCode, viewToken: cancelToken, now: START, clientKey: client() }))).code).toBe("token_invalid");
    expect((await failure(validatePresence({ code: lib.establishmentCode, viewToken: expired, now: START, clientKey: client() }))).code).toBe("token_expired");
    // The link wins over a typed address.
    const ok = await validatePresence({ code: lib.establishmentCode, viewToken: raw, email: email(), now: START, clientKey: client() });
    expect(ok.reservationId).toBe(r.id);
    expect((await statusOf(r.id)).status).toBe("VALIDATED");
  });

  it("requires an address when there is no link", async () => {
    const lib = await createLibrary();
    expect((await failure(validatePresence({ code: lib.establishmentCode, now: START, clientKey: client() }))).code).toBe("invalid_email");
    expect((await failure(validatePresence({ code: lib.establishmentCode, email: "pas-une-adresse", now: START, clientKey: client() }))).code).toBe("invalid_email");
  });
});

describe("the background pass", () => {
  it("never turns a validated reservation into a no-show", async () => {
    const lib = await createLibrary();
    const a = email();
    const b = email();
    const validated = await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: a, startsAt: START, endsAt: plus(START, 120), status: "CONFIRMED" });
    const absent = await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[1]!, email: b, startsAt: START, endsAt: plus(START, 120), status: "CONFIRMED" });
    await validatePresence({ code: lib.establishmentCode, email: a, now: plus(START, 5), clientKey: client() });

    // (Other tests of this file left confirmed reservations too: the pass marks them as well.)
    expect(await markNoShows({ now: plus(START, 21) })).toBeGreaterThanOrEqual(1);
    expect((await statusOf(absent.id)).status).toBe("NO_SHOW");
    expect((await statusOf(validated.id)).status).toBe("VALIDATED");
    // Its place stays held: the slot rows are still there.
    expect(await db().reservationSlot.count({ where: { reservationId: validated.id } })).toBe(8);
    expect(await db().reservationSlot.count({ where: { reservationId: absent.id } })).toBe(0);

    // And the student who did not come is told it is too late.
    expect((await failure(validatePresence({ code: lib.establishmentCode, email: b, now: plus(START, 22), clientKey: client() }))).code).toBe("too_late");
  });

  it("a reservation marked no-show concurrently cannot be validated (compare-and-set)", async () => {
    const lib = await createLibrary();
    const a = email();
    const r = await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: a, startsAt: START, endsAt: plus(START, 120), status: "CONFIRMED" });
    // The pass runs with its own clock a little ahead; the student's request is still inside the window.
    await markNoShows({ now: plus(START, 20) });
    expect((await failure(validatePresence({ code: lib.establishmentCode, email: a, now: plus(START, 19), clientKey: client() }))).code).toBe("too_late");
    expect((await statusOf(r.id)).status).toBe("NO_SHOW");
  });
});
