// Issue 3: the booking lifecycle at use-case level on a real PostgreSQL —
// pending → confirm by link → confirmed address books confirmed at once;
// cancel by link; tokens bound to one purpose, single use, expiring; the token
// pages' data function never writes.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { createReservation } from "@/lib/use-cases/create-reservation";
import { confirmReservation } from "@/lib/use-cases/confirm-reservation";
import { cancelReservation, cancelReservationByStaff } from "@/lib/use-cases/cancel-reservation";
import { resendConfirmation } from "@/lib/use-cases/resend-confirmation";
import { getReservationByToken } from "@/lib/use-cases/get-reservation-by-token";
import { createLibrary } from "../support/factories";
import { mintToken, outboxOf, slot, uniqueEmail, writeCounts } from "../support/booking";

const now = new Date();
const HOUR = 3_600_000;
let n = 0;
const client = () => `lifecycle-${++n}`;

async function book(lib: { seatIds: string[] }, email: string, daysAhead = 2, hour = 10, seat = 0) {
  return createReservation({ resourceId: lib.seatIds[seat], ...slot(now, daysAhead, hour), email, clientKey: client(), now });
}

async function snapshot(reservationId: string) {
  const prisma = db();
  return {
    reservation: await prisma.reservation.findUnique({ where: { id: reservationId } }),
    tokens: await prisma.actionToken.findMany({ where: { reservationId }, orderBy: { id: "asc" } }),
    events: await prisma.reservationEvent.count({ where: { reservationId } }),
    outbox: await prisma.emailOutbox.count({ where: { reservationId } }),
    slots: await prisma.reservationSlot.count({ where: { reservationId } }),
    bookers: await prisma.booker.findMany({ orderBy: { id: "asc" } }),
  };
}

describe("first booking, confirmation, later bookings", () => {
  it("a first booking is pending with a confirm-request email in the outbox, no secret in its payload", async () => {
    const lib = await createLibrary();
    const email = uniqueEmail();
    const r = await createReservation({ resourceId: lib.seatIds[0], ...slot(now, 2, 10), email: `  ${email.toUpperCase()} `, clientKey: client(), now });
    expect(r.status).toBe("PENDING");
    expect(r.email).toBe(email); // normalised
    expect(r.confirmDeadline!.getTime()).toBe(now.getTime() + 120 * 60_000);
    const row = await db().reservation.findUniqueOrThrow({ where: { id: r.id } });
    expect(row).toMatchObject({ status: "PENDING", email, confirmedAt: null });
    expect(row.validationDeadline.getTime()).toBe(r.startsAt.getTime() + 20 * 60_000);
    const mails = await outboxOf(r.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: "confirm-request", dedupeKey: `confirm-request:${r.id}`, recipient: email });
    expect(JSON.stringify(mails[0]!.payload)).not.toMatch(/[A-Za-z0-9_-]{43}/); // no link token
    const events = await db().reservationEvent.findMany({ where: { reservationId: r.id } });
    expect(events).toEqual([expect.objectContaining({ fromStatus: null, toStatus: "PENDING", actor: "STUDENT" })]);
    expect(await db().booker.findUniqueOrThrow({ where: { email } })).toMatchObject({ confirmedAt: null });
  });

  it("confirming by link confirms the reservation and the address; the next booking is confirmed at once", async () => {
    const lib = await createLibrary();
    const email = uniqueEmail();
    const first = await book(lib, email);
    const token = await mintToken(first.id, "CONFIRM", first.confirmDeadline!);

    const confirmed = await confirmReservation({ token, now });
    expect(confirmed.status).toBe("CONFIRMED");
    expect(confirmed.confirmedAt!.getTime()).toBe(now.getTime());
    expect((await db().booker.findUniqueOrThrow({ where: { email } })).confirmedAt!.getTime()).toBe(now.getTime());
    expect((await outboxOf(first.id)).map((m) => m.dedupeKey)).toEqual([`confirm-request:${first.id}`, `reservation-confirmed:${first.id}`]);
    const usedAt = (await db().actionToken.findFirstOrThrow({ where: { reservationId: first.id } })).usedAt;
    expect(usedAt!.getTime()).toBe(now.getTime());

    const second = await book(lib, email, 3, 10, 1);
    expect(second.status).toBe("CONFIRMED");
    expect(second.confirmDeadline).toBeNull();
    expect(await outboxOf(second.id)).toEqual([
      expect.objectContaining({ template: "reservation-confirmed", dedupeKey: `reservation-confirmed:${second.id}` }),
    ]);
    expect(await db().reservationEvent.findMany({ where: { reservationId: second.id } })).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: "CONFIRMED" }),
    ]);
  });

  it("a confirm link works once: the second click says token_used and writes nothing", async () => {
    const lib = await createLibrary();
    const r = await book(lib, uniqueEmail());
    const token = await mintToken(r.id, "CONFIRM", r.confirmDeadline!);
    await confirmReservation({ token, now });
    const before = await snapshot(r.id);
    await expect(confirmReservation({ token, now })).rejects.toMatchObject({ code: "token_used", message: "Ce lien a déjà été utilisé." });
    expect(await snapshot(r.id)).toEqual(before);
  });

  it("two concurrent clicks on one confirm link: one confirms, the other gets token_used", async () => {
    const lib = await createLibrary();
    const r = await book(lib, uniqueEmail());
    const token = await mintToken(r.id, "CONFIRM", r.confirmDeadline!);
    const results = await Promise.allSettled([confirmReservation({ token, now }), confirmReservation({ token, now })]);
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    expect(results.find((x) => x.status === "rejected")).toMatchObject({ reason: { code: "token_used" } });
    expect(await db().emailOutbox.count({ where: { reservationId: r.id, template: "reservation-confirmed" } })).toBe(1);
  });

  it("an expired confirm link says token_expired and confirms nothing", async () => {
    const lib = await createLibrary();
    const r = await book(lib, uniqueEmail());
    const token = await mintToken(r.id, "CONFIRM", new Date(now.getTime() - 1000));
    const before = await snapshot(r.id);
    await expect(confirmReservation({ token, now })).rejects.toMatchObject({ code: "token_expired", message: "Ce lien a expiré." });
    expect(await snapshot(r.id)).toEqual(before);
  });

  it("a link still valid for a reservation past its confirmation deadline says token_expired", async () => {
    const lib = await createLibrary();
    const r = await book(lib, uniqueEmail());
    const token = await mintToken(r.id, "CONFIRM", new Date(now.getTime() + 24 * HOUR));
    const later = new Date(r.confirmDeadline!.getTime() + 1000);
    await expect(confirmReservation({ token, now: later })).rejects.toMatchObject({ code: "token_expired" });
    expect((await db().reservation.findUniqueOrThrow({ where: { id: r.id } })).status).toBe("PENDING");
    expect((await db().actionToken.findFirstOrThrow({ where: { reservationId: r.id } })).usedAt).toBeNull();
  });

  it("a cancel token can never confirm, a confirm token can never cancel, a forged token does nothing", async () => {
    const lib = await createLibrary();
    const r = await book(lib, uniqueEmail());
    const cancel = await mintToken(r.id, "CANCEL", r.endsAt);
    const confirm = await mintToken(r.id, "CONFIRM", r.confirmDeadline!);
    const view = await mintToken(r.id, "VIEW", r.endsAt);
    const before = await snapshot(r.id);
    await expect(confirmReservation({ token: cancel, now })).rejects.toMatchObject({ code: "token_invalid" });
    await expect(confirmReservation({ token: view, now })).rejects.toMatchObject({ code: "token_invalid" });
    await expect(cancelReservation({ token: confirm, now })).rejects.toMatchObject({ code: "token_invalid" });
    await expect(cancelReservation({ token: view, now })).rejects.toMatchObject({ code: "token_invalid" }); // VIEW only via the own page
    for (const forged of ["", "abc", "A".repeat(43), `${cancel.slice(0, -1)}x`, "../../etc/passwd", "x".repeat(5000)]) {
      await expect(confirmReservation({ token: forged, now })).rejects.toMatchObject({
        code: "token_invalid",
        message: "Ce lien n'est pas valide. Vérifiez que vous avez copié l'adresse complète depuis l'e-mail.",
      });
      await expect(cancelReservation({ token: forged, now })).rejects.toMatchObject({ code: "token_invalid" });
    }
    expect(await snapshot(r.id)).toEqual(before);
  });

  it("confirming a cancelled reservation says not_pending and leaves the link unused", async () => {
    const lib = await createLibrary();
    const r = await book(lib, uniqueEmail());
    const confirm = await mintToken(r.id, "CONFIRM", r.confirmDeadline!);
    await cancelReservation({ token: await mintToken(r.id, "CANCEL", r.endsAt), now });
    await expect(confirmReservation({ token: confirm, now })).rejects.toMatchObject({ code: "not_pending" });
    expect((await db().actionToken.findFirstOrThrow({ where: { reservationId: r.id, purpose: "CONFIRM" } })).usedAt).toBeNull();
  });
});

describe("cancelling", () => {
  it("the cancel link cancels, frees the place at once, writes the cancellation email and is used up", async () => {
    const lib = await createLibrary();
    const r = await book(lib, uniqueEmail());
    const token = await mintToken(r.id, "CANCEL", r.endsAt);
    expect(await db().reservationSlot.count({ where: { reservationId: r.id } })).toBe(4);
    const cancelled = await cancelReservation({ token, now });
    expect(cancelled).toMatchObject({ status: "CANCELLED", cancelledBy: "STUDENT" });
    expect(await db().reservationSlot.count({ where: { reservationId: r.id } })).toBe(0);
    expect((await outboxOf(r.id)).map((m) => m.dedupeKey)).toContain(`reservation-cancelled:${r.id}`);
    expect(await db().reservationEvent.findMany({ where: { reservationId: r.id }, orderBy: { at: "asc" } })).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: "PENDING" }),
      expect.objectContaining({ fromStatus: "PENDING", toStatus: "CANCELLED", actor: "STUDENT" }),
    ]);
    await expect(cancelReservation({ token, now })).rejects.toMatchObject({ code: "token_used" });
    // Another student takes the place straight away.
    const again = await book(lib, uniqueEmail());
    expect(again.resource.id).toBe(r.resource.id);
  });

  it("a reservation already cancelled (by staff) says already_cancelled; an ended one is not cancellable", async () => {
    const lib = await createLibrary();
    const r = await book(lib, uniqueEmail());
    const token = await mintToken(r.id, "CANCEL", new Date(r.endsAt.getTime() + HOUR));
    await cancelReservationByStaff({ reservationId: r.id, reason: "Fermeture imprévue", now, staff: { libraryId: lib.libraryId } });
    await expect(cancelReservation({ token, now })).rejects.toMatchObject({ code: "already_cancelled", message: "Cette réservation est déjà annulée." });
    expect((await db().actionToken.findFirstOrThrow({ where: { reservationId: r.id } })).usedAt).toBeNull();

    const s = await book(lib, uniqueEmail(), 2, 12);
    const t2 = await mintToken(s.id, "CANCEL", new Date(s.endsAt.getTime() + HOUR));
    const afterEnd = new Date(s.endsAt.getTime() + 60_000);
    await expect(cancelReservation({ token: t2, now: afterEnd })).rejects.toMatchObject({ code: "not_cancellable" });
  });

  it("the reservation's own page cancels with its VIEW token, which stays usable", async () => {
    const lib = await createLibrary();
    const r = await book(lib, uniqueEmail());
    const view = await mintToken(r.id, "VIEW", new Date(r.endsAt.getTime() + 30 * 24 * HOUR));
    await cancelReservation({ token: view, now, via: "VIEW" });
    const page = await getReservationByToken({ token: view, purpose: "VIEW", now });
    expect(page).toMatchObject({ found: true, tokenState: "valid", reservation: { status: "CANCELLED" }, can: { cancel: false } });
    await expect(cancelReservation({ token: view, now, via: "VIEW" })).rejects.toMatchObject({ code: "already_cancelled" });
  });

  it("staff cancels only in their own library, with the reason in the audit row and the email", async () => {
    const lib = await createLibrary();
    const other = await createLibrary();
    const r = await book(lib, uniqueEmail());
    await expect(
      cancelReservationByStaff({ reservationId: r.id, reason: "x", now, staff: { libraryId: other.libraryId } }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const done = await cancelReservationByStaff({ reservationId: r.id, reason: "  Dégât des eaux  ", now, staff: { libraryId: lib.libraryId } });
    expect(done).toMatchObject({ status: "CANCELLED", cancelledBy: "STAFF", cancelReason: "Dégât des eaux" });
    const mail = (await outboxOf(r.id)).find((m) => m.template === "reservation-cancelled");
    expect(mail!.payload).toMatchObject({ cancelledBy: "staff", reason: "Dégât des eaux" });
  });
});

describe("resending the confirmation email", () => {
  it("adds numbered confirm-request emails, 3 per reservation, then rate_limited", async () => {
    const lib = await createLibrary();
    const r = await book(lib, uniqueEmail());
    for (let i = 1; i <= 3; i++) await resendConfirmation({ reservationId: r.id, clientKey: client(), now });
    expect((await outboxOf(r.id)).map((m) => m.dedupeKey)).toEqual([
      `confirm-request:${r.id}`,
      `confirm-request:${r.id}:resend:1`,
      `confirm-request:${r.id}:resend:2`,
      `confirm-request:${r.id}:resend:3`,
    ]);
    const e = await resendConfirmation({ reservationId: r.id, clientKey: client(), now }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: "rate_limited" });
    expect((e as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds).toBeGreaterThan(0);
    expect(await db().emailOutbox.count({ where: { reservationId: r.id } })).toBe(4);
  });

  it("refuses for a confirmed reservation or an unknown one", async () => {
    const lib = await createLibrary();
    const r = await book(lib, uniqueEmail());
    await confirmReservation({ token: await mintToken(r.id, "CONFIRM", r.confirmDeadline!), now });
    await expect(resendConfirmation({ reservationId: r.id, clientKey: client(), now })).rejects.toMatchObject({ code: "already_confirmed" });
    await expect(
      resendConfirmation({ reservationId: "4b0c6a38-2b0e-4f7e-9a8e-0d9a1f2b3c4d", clientKey: client(), now }),
    ).rejects.toMatchObject({ code: "unknown_reservation" });
  });
});

describe("rate limits on booking", () => {
  it("per address: the 11th attempt within 10 minutes is refused with a retry delay, writing nothing", async () => {
    const lib = await createLibrary({ seats: 12, library: { maxReservationsPerDay: 20 } });
    const email = uniqueEmail();
    for (let i = 0; i < 10; i++) await book(lib, email, 2, i, i);
    const before = await writeCounts();
    const e = await book(lib, email, 2, 11, 11).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: "rate_limited", message: "Trop de tentatives. Patientez quelques minutes avant de réessayer." });
    expect(await writeCounts()).toEqual(before);
  });

  it("per client: the 31st attempt from one client is refused", async () => {
    const lib = await createLibrary({ seats: 1 });
    const period = slot(now, 2, 10);
    const codes: string[] = [];
    for (let i = 0; i < 31; i++) {
      codes.push(
        await createReservation({ resourceId: lib.seatIds[0], ...period, email: uniqueEmail(), clientKey: "one-client", now }).then(
          () => "ok",
          (e: { code: string }) => e.code,
        ),
      );
    }
    expect(codes[0]).toBe("ok");
    expect(codes.slice(1, 30)).toEqual(Array(29).fill("slot_taken"));
    expect(codes[30]).toBe("rate_limited");
  });
});

describe("the token pages' data function is read-only (GET and HEAD change nothing)", () => {
  it("reading confirm, cancel and view links — valid, used, expired, forged, wrong purpose — writes nothing", async () => {
    const lib = await createLibrary();
    const r = await book(lib, uniqueEmail());
    const confirm = await mintToken(r.id, "CONFIRM", r.confirmDeadline!);
    const cancel = await mintToken(r.id, "CANCEL", r.endsAt);
    const view = await mintToken(r.id, "VIEW", r.endsAt);
    const expired = await mintToken(r.id, "CONFIRM", new Date(now.getTime() - 1));
    const before = await snapshot(r.id);
    const counts = await writeCounts();
    const reads = [];
    for (let i = 0; i < 3; i++) {
      for (const [token, purpose] of [
        [confirm, "CONFIRM"],
        [cancel, "CANCEL"],
        [view, "VIEW"],
        [expired, "CONFIRM"],
        [cancel, "CONFIRM"],
        ["forged", "CANCEL"],
      ] as const) {
        reads.push(await getReservationByToken({ token, purpose, now }));
      }
    }
    expect(await snapshot(r.id)).toEqual(before);
    expect(await writeCounts()).toEqual(counts);
    expect(reads.slice(0, 6)).toEqual([
      expect.objectContaining({ found: true, tokenState: "valid", can: { confirm: true, cancel: false, resend: false } }),
      expect.objectContaining({ found: true, tokenState: "valid", can: { confirm: false, cancel: true, resend: false } }),
      expect.objectContaining({ found: true, tokenState: "valid", can: { confirm: false, cancel: true, resend: true } }),
      expect.objectContaining({ found: true, tokenState: "expired", can: { confirm: false, cancel: false, resend: false } }),
      { found: false },
      { found: false },
    ]);
    // After a confirmation the page reads "used".
    await confirmReservation({ token: confirm, now });
    expect(await getReservationByToken({ token: confirm, purpose: "CONFIRM", now })).toMatchObject({ found: true, tokenState: "used" });
  });
});
