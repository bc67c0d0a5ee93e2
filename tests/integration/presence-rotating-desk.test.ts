// Rotating kiosk codes, the front desk, and the staff side of the establishment
// code (secret-protected poster/kiosk data, regeneration).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { findLibraryForStaff } from "@/lib/data/presence";
import { DomainError } from "@/lib/domain/errors";
import { CODE_ALPHABET } from "@/lib/domain/establishment-code";
import { currentRotatingCode, ROTATING_CODE_PERIOD_MS } from "@/lib/domain/rotating-code";
import { appUrl } from "@/lib/env";
import { getKioskCode, getValidationPoster } from "@/lib/use-cases/get-staff-displays";
import { regenerateEstablishmentCode } from "@/lib/use-cases/regenerate-establishment-code";
import { validateAtDesk } from "@/lib/use-cases/validate-at-desk";
import { validatePresence } from "@/lib/use-cases/validate-presence";
import { createLibrary, insertReservation } from "../support/factories";

const MIN = 60_000;
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MIN);
const START = new Date("2026-06-10T12:00:00.000Z");
const email = () => `etu-${randomUUID().slice(0, 8)}@univ-exemple.fr`;
const client = () => `client-${randomUUID().slice(0, 8)}`;

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("expected a DomainError, the call succeeded");
}

const statusOf = async (id: string) => (await db().reservation.findUniqueOrThrow({ where: { id }, select: { status: true, validatedBy: true } }));
const secretOf = async (libraryId: string) => (await db().library.findUniqueOrThrow({ where: { id: libraryId }, select: { rotatingCodeSecret: true } })).rotatingCodeSecret;

describe("rotating codes", () => {
  it("accept the current and the previous period's code, refuse an older one and the printed code", async () => {
    const lib = await createLibrary({ library: { rotatingCodeEnabled: true } });
    const secret = await secretOf(lib.libraryId);
    const now = plus(START, 2);
    const current = currentRotatingCode(secret, now).code;
    const previous = currentRotatingCode(secret, new Date(now.getTime() - ROTATING_CODE_PERIOD_MS)).code;
    const older = currentRotatingCode(secret, new Date(now.getTime() - 2 * ROTATING_CODE_PERIOD_MS)).code;
    const book = async (seat: number) => {
      const a = email();
      const r = await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[seat]!, email: a, startsAt: START, endsAt: plus(START, 120), status: "CONFIRMED" });
      return { a, r };
    };

    const one = await book(0);
    expect((await validatePresence({ code: current, email: one.a, now, clientKey: client() })).reservationId).toBe(one.r.id);

    const two = await book(1);
    expect((await validatePresence({ code: previous.toLowerCase(), email: two.a, now, clientKey: client() })).reservationId).toBe(two.r.id);

    const three = await book(2);
    expect((await failure(validatePresence({ code: older, email: three.a, now, clientKey: client() }))).code).toBe("wrong_code");
    // With rotating codes on, the printed code no longer opens this library.
    expect((await failure(validatePresence({ code: lib.establishmentCode, email: three.a, now, clientKey: client() }))).code).toBe("wrong_code");
    expect((await statusOf(three.r.id)).status).toBe("CONFIRMED");
  });

  it("the kiosk shows the current code with its QR and when to refresh; without the option it says the printed code applies", async () => {
    const rotating = await createLibrary({ library: { rotatingCodeEnabled: true } });
    const kiosk = await getKioskCode({ slug: rotating.slug, staffSecret: rotating.staffSecret, now: plus(START, 2) });
    if (!kiosk || !kiosk.rotating) throw new Error("expected a rotating kiosk");
    expect(kiosk.display.code).toBe(currentRotatingCode(await secretOf(rotating.libraryId), plus(START, 2)).code);
    expect(kiosk.display.url).toBe(appUrl(`/reservation/validate?code=${kiosk.display.code}`));
    expect(kiosk.display.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(kiosk.expiresAt).toEqual(plus(START, 5));

    const fixed = await createLibrary();
    expect(await getKioskCode({ slug: fixed.slug, staffSecret: fixed.staffSecret, now: START })).toEqual({
      library: expect.objectContaining({ slug: fixed.slug, rotatingCodeEnabled: false }),
      rotating: false,
      staticCode: fixed.establishmentCode,
    });
    expect(await getKioskCode({ slug: fixed.slug, staffSecret: "wrong", now: START })).toBeNull();
  });
});

describe("front desk validation", () => {
  it("validates on the student's behalf (actor STAFF) within the same window", async () => {
    const lib = await createLibrary();
    const r = await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: email(), startsAt: START, endsAt: plus(START, 120), status: "CONFIRMED" });
    const staff = { libraryId: lib.libraryId };

    const early = await failure(validateAtDesk({ reservationId: r.id, staff, now: plus(START, -16) }));
    expect(early).toEqual({ code: "too_early", message: "Il est trop tôt pour valider votre présence : revenez à partir de 13 h 45." });

    const ok = await validateAtDesk({ reservationId: r.id, staff, now: plus(START, 10) });
    expect(ok.reservationId).toBe(r.id);
    expect(await statusOf(r.id)).toEqual({ status: "VALIDATED", validatedBy: "STAFF" });
    expect((await failure(validateAtDesk({ reservationId: r.id, staff, now: plus(START, 11) }))).code).toBe("already_validated");

    const late = await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[1]!, email: email(), startsAt: START, endsAt: plus(START, 120), status: "CONFIRMED" });
    expect((await failure(validateAtDesk({ reservationId: late.id, staff, now: plus(START, 21) }))).code).toBe("too_late");

    const cancelled = await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[2]!, email: email(), startsAt: START, endsAt: plus(START, 120), status: "CANCELLED" });
    expect((await failure(validateAtDesk({ reservationId: cancelled.id, staff, now: START }))).code).toBe("no_reservation");
  });

  it("is forbidden to another library's staff, and unknown ids are not found", async () => {
    const lib = await createLibrary();
    const other = await createLibrary();
    const r = await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: email(), startsAt: START, endsAt: plus(START, 120), status: "CONFIRMED" });
    expect((await failure(validateAtDesk({ reservationId: r.id, staff: { libraryId: other.libraryId }, now: START }))).code).toBe("forbidden");
    expect((await statusOf(r.id)).status).toBe("CONFIRMED");
    expect((await failure(validateAtDesk({ reservationId: randomUUID(), staff: { libraryId: lib.libraryId }, now: START }))).code).toBe("unknown_reservation");
    expect((await failure(validateAtDesk({ reservationId: "pas-un-uuid", staff: { libraryId: lib.libraryId }, now: START }))).code).toBe("unknown_reservation");
  });
});

describe("staff secret and establishment code", () => {
  it("the staff secret opens the library's staff data; a wrong secret or slug gives nothing", async () => {
    const lib = await createLibrary();
    expect((await findLibraryForStaff(lib.slug, lib.staffSecret))?.id).toBe(lib.libraryId);
    expect(await findLibraryForStaff(lib.slug, `${lib.staffSecret}x`)).toBeNull();
    expect(await findLibraryForStaff(lib.slug, "")).toBeNull();
    expect(await findLibraryForStaff("bu-inconnue", lib.staffSecret)).toBeNull();

    const poster = await getValidationPoster({ slug: lib.slug, staffSecret: lib.staffSecret });
    expect(poster?.poster.code).toBe(lib.establishmentCode);
    expect(poster?.poster.url).toBe(appUrl(`/reservation/validate?code=${lib.establishmentCode}`));
    expect(poster?.poster.qrSvg).toContain("<svg");
    expect(poster?.library).toEqual({ slug: lib.slug, name: expect.any(String), city: "Testville", timeZone: "Europe/Paris", rotatingCodeEnabled: false, validationOpensBeforeMinutes: 15, validationWindowMinutes: 20 });
    expect(await getValidationPoster({ slug: lib.slug, staffSecret: "personnel-x" })).toBeNull();
  });

  it("regenerating gives a new unique code: the old one stops working, the new one works", async () => {
    const lib = await createLibrary();
    const a = email();
    await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: a, startsAt: START, endsAt: plus(START, 120), status: "CONFIRMED" });

    expect((await failure(regenerateEstablishmentCode({ slug: lib.slug, staffSecret: "mauvais", now: START }))).code).toBe("forbidden");
    const { code } = await regenerateEstablishmentCode({ slug: lib.slug, staffSecret: lib.staffSecret, now: START });
    expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{6}$`));
    expect(code).not.toBe(lib.establishmentCode);

    expect((await failure(validatePresence({ code: lib.establishmentCode, email: a, now: START, clientKey: client() }))).code).toBe("wrong_code");
    expect((await validatePresence({ code, email: a, now: START, clientKey: client() })).library.slug).toBe(lib.slug);
  });

  it("draws again when the new code is already another library's", async () => {
    const lib = await createLibrary();
    const other = await createLibrary();
    // Bytes that spell `other`'s code first, then a fresh one.
    const bytesFor = (code: string) => Uint8Array.from([...code].map((ch) => CODE_ALPHABET.indexOf(ch)));
    const fresh = other.establishmentCode === "777777" || lib.establishmentCode === "777777" ? "999999" : "777777";
    const draws = [bytesFor(other.establishmentCode), bytesFor(fresh)];
    const { code } = await regenerateEstablishmentCode({ slug: lib.slug, staffSecret: lib.staffSecret, now: START, random: () => draws.shift()! });
    expect(code).toBe(fresh);
    expect(draws).toHaveLength(0);
    const codes = await db().library.findMany({ where: { id: { in: [lib.libraryId, other.libraryId] } }, select: { id: true, establishmentCode: true } });
    expect(new Map(codes.map((c) => [c.id, c.establishmentCode]))).toEqual(new Map([[lib.libraryId, fresh], [other.libraryId, other.establishmentCode]]));
  });
});
