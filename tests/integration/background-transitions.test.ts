// Background pass, one step at a time, on a real PostgreSQL: expiry of
// unconfirmed reservations, no-shows, reminders; the places they free.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { isConflict } from "@/lib/data/tx";
import { EXPIRED_REASON, NO_SHOW_REASON } from "@/lib/data/background";
import { initialState } from "@/lib/domain/reservation-state";
import { localDateOf, wallMinutesOf } from "@/lib/domain/time";
import { createReservation } from "@/lib/use-cases/create-reservation";
import { getAvailability } from "@/lib/use-cases/get-availability";
import { expireReservations } from "@/lib/use-cases/expire-reservations";
import { markNoShows } from "@/lib/use-cases/mark-no-shows";
import { sendReminders } from "@/lib/use-cases/send-reminders";
import { createLibrary, insertReservation } from "../support/factories";

const MIN = 60_000;
const at = (iso: string) => new Date(iso);
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MIN);
const WINDOWS = { confirmationWindowMinutes: 120, validationWindowMinutes: 20, validationOpensBeforeMinutes: 15, reminderBeforeMinutes: 60 };

/** A reservation as the booking use case would write it: deadlines from initialState. */
async function book(input: { libraryId: string; resourceId: string; email: string; createdAt: Date; startsAt: Date; minutes: number; confirmed?: boolean }) {
  const state = initialState({ now: input.createdAt, startsAt: input.startsAt, bookerConfirmed: input.confirmed ?? false, windows: WINDOWS });
  return insertReservation({
    libraryId: input.libraryId,
    resourceId: input.resourceId,
    email: input.email,
    startsAt: input.startsAt,
    endsAt: plus(input.startsAt, input.minutes),
    status: state.status,
    confirmDeadline: state.confirmDeadline,
    validationDeadline: state.validationDeadline,
    reminderAt: state.reminderAt,
    createdAt: input.createdAt,
    bookerConfirmed: input.confirmed ?? false,
  });
}

// The database is per file: each test starts with no reservation and no email,
// so a pass only sees what the test made.
beforeEach(async () => {
  await db().$executeRaw`TRUNCATE reservation, reservation_slot, reservation_event, email_outbox, booker CASCADE`;
});

const statusOf = async (id: string) => (await db().reservation.findUniqueOrThrow({ where: { id } })).status;
const slotCount = (reservationId: string) => db().reservationSlot.count({ where: { reservationId } });
const events = (reservationId: string) =>
  db().reservationEvent.findMany({ where: { reservationId }, select: { fromStatus: true, toStatus: true, actor: true, reason: true, at: true } });
const outbox = (reservationId: string) =>
  db().emailOutbox.findMany({ where: { reservationId }, select: { template: true, dedupeKey: true, recipient: true, payload: true, status: true, nextAttemptAt: true } });

describe("expiry of unconfirmed reservations", () => {
  it("keeps a pending reservation at 1 h 59 min and expires it at 2 h 01, freeing its place at once", async () => {
    const lib = await createLibrary({ seats: 1 });
    const created = at("2027-03-10T08:00:00Z");
    const startsAt = at("2027-03-11T09:00:00Z");
    const r = await book({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: "lea.martin@etu.univ-test.fr", createdAt: created, startsAt, minutes: 120 });
    expect(r.status).toBe("PENDING");
    expect(r.confirmDeadline).toEqual(plus(created, 120));
    expect(await slotCount(r.id)).toBe(8);

    expect(await expireReservations({ now: plus(created, 119) })).toBe(0);
    expect(await statusOf(r.id)).toBe("PENDING");
    expect(await outbox(r.id)).toEqual([]);
    // The place is still held: a second booking of it is refused by the database.
    const rival = insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: "rival@etu.univ-test.fr", startsAt, endsAt: plus(startsAt, 60), status: "CONFIRMED" });
    await expect(rival).rejects.toSatisfy(isConflict);

    const now = plus(created, 121);
    expect(await expireReservations({ now })).toBe(1);
    const after = await db().reservation.findUniqueOrThrow({ where: { id: r.id } });
    expect(after.status).toBe("EXPIRED");
    expect(after.expiredAt).toEqual(now);
    expect(await slotCount(r.id)).toBe(0);
    expect(await events(r.id)).toEqual([{ fromStatus: "PENDING", toStatus: "EXPIRED", actor: "SYSTEM", reason: EXPIRED_REASON, at: now }]);
    const mails = await outbox(r.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      template: "reservation-expired",
      dedupeKey: `reservation-expired:${r.id}`,
      recipient: "lea.martin@etu.univ-test.fr",
      status: "PENDING",
      nextAttemptAt: now,
    });
    expect(mails[0]!.payload).toMatchObject({
      startsAt: "2027-03-11T09:00:00.000Z",
      endsAt: "2027-03-11T11:00:00.000Z",
      confirmDeadline: "2027-03-10T10:00:00.000Z",
      resourceLabel: "Place 1",
      timeZone: "Europe/Paris",
      librarySlug: lib.slug,
    });

    // The freed place can be booked again, for the same period.
    const again = await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: "rival@etu.univ-test.fr", startsAt, endsAt: plus(startsAt, 60), status: "CONFIRMED" });
    expect(await slotCount(again.id)).toBe(4);

    // A second pass changes nothing and sends nothing more.
    expect(await expireReservations({ now: plus(created, 180) })).toBe(0);
    expect(await outbox(r.id)).toHaveLength(1);
    expect(await events(r.id)).toHaveLength(1);
  });

  it("leaves confirmed, cancelled and not-yet-due pending reservations alone", async () => {
    const lib = await createLibrary({ seats: 4 });
    const created = at("2027-03-10T08:00:00Z");
    const startsAt = at("2027-03-10T14:00:00Z");
    const pendingLater = await book({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: "a@etu.univ-test.fr", createdAt: plus(created, 60), startsAt, minutes: 60 });
    const confirmed = await book({ libraryId: lib.libraryId, resourceId: lib.seatIds[1]!, email: "b@etu.univ-test.fr", createdAt: created, startsAt, minutes: 60, confirmed: true });
    const cancelled = await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[2]!, email: "c@etu.univ-test.fr", startsAt, endsAt: plus(startsAt, 60), status: "CANCELLED", confirmDeadline: created });
    expect(await expireReservations({ now: plus(created, 150) })).toBe(0);
    expect(await statusOf(pendingLater.id)).toBe("PENDING");
    expect(await statusOf(confirmed.id)).toBe("CONFIRMED");
    expect(await statusOf(cancelled.id)).toBe("CANCELLED");
    expect(await db().emailOutbox.count()).toBe(0);
    expect(await db().reservationEvent.count()).toBe(0);
  });

  it("works in bounded batches until nothing is due", async () => {
    const lib = await createLibrary({ seats: 1 });
    const created = at("2027-04-01T06:00:00Z");
    const ids = [];
    for (let i = 0; i < 7; i++) {
      const r = await book({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: `e${i}@etu.univ-test.fr`, createdAt: plus(created, i), startsAt: plus(at("2027-04-02T06:00:00Z"), i * 60), minutes: 60 });
      ids.push(r.id);
    }
    // Three batches of 3 at most would take all 7; a cap of 2 batches stops at 6 (oldest deadlines first).
    expect(await expireReservations({ now: plus(created, 200), batchSize: 3, maxBatches: 2 })).toBe(6);
    expect(await statusOf(ids[6]!)).toBe("PENDING");
    expect(await expireReservations({ now: plus(created, 200), batchSize: 3 })).toBe(1);
    expect(await db().reservation.count({ where: { status: "EXPIRED" } })).toBe(7);
  });
});

describe("expiry across a change of daylight saving time, computed on instants", () => {
  it("autumn (Paris, 25 Oct 2026): booked at 00:30Z = 02:30 CEST, expires at 02:30Z = 03:30 CET, not an hour off", async () => {
    const lib = await createLibrary({ seats: 1 });
    const created = at("2026-10-25T00:30:00Z");
    expect(wallMinutesOf(created, "Europe/Paris")).toBe(2 * 60 + 30);
    const r = await book({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: "automne@etu.univ-test.fr", createdAt: created, startsAt: at("2026-10-25T09:00:00Z"), minutes: 60 });
    expect(r.confirmDeadline).toEqual(at("2026-10-25T02:30:00Z"));
    expect(wallMinutesOf(r.confirmDeadline!, "Europe/Paris")).toBe(3 * 60 + 30);

    expect(await expireReservations({ now: at("2026-10-25T01:30:00Z") })).toBe(0); // 02:30 CET: wall clock says "2 h", it is only 1 h
    expect(await expireReservations({ now: at("2026-10-25T02:29:00Z") })).toBe(0);
    expect(await statusOf(r.id)).toBe("PENDING");
    expect(await expireReservations({ now: at("2026-10-25T02:30:00Z") })).toBe(1);
    expect(await statusOf(r.id)).toBe("EXPIRED");
  });

  it("spring (Paris, 29 Mar 2026): booked at 00:30Z = 01:30 CET, expires at 02:30Z = 04:30 CEST, not an hour off", async () => {
    const lib = await createLibrary({ seats: 1 });
    const created = at("2026-03-29T00:30:00Z");
    expect(wallMinutesOf(created, "Europe/Paris")).toBe(1 * 60 + 30);
    const r = await book({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: "printemps@etu.univ-test.fr", createdAt: created, startsAt: at("2026-03-29T09:00:00Z"), minutes: 60 });
    expect(r.confirmDeadline).toEqual(at("2026-03-29T02:30:00Z"));
    expect(wallMinutesOf(r.confirmDeadline!, "Europe/Paris")).toBe(4 * 60 + 30);

    expect(await expireReservations({ now: at("2026-03-29T01:30:00Z") })).toBe(0); // 03:30 CEST: wall clock says "2 h", it is only 1 h
    expect(await expireReservations({ now: at("2026-03-29T02:29:00Z") })).toBe(0);
    expect(await statusOf(r.id)).toBe("PENDING");
    expect(await expireReservations({ now: at("2026-03-29T02:30:00Z") })).toBe(1);
    expect(await statusOf(r.id)).toBe("EXPIRED");
  });
});

describe("no-shows", () => {
  it("keeps a confirmed, unvalidated reservation at start + 19 min, makes it a no-show at + 21 and frees the rest of the period", async () => {
    const lib = await createLibrary({ seats: 1 });
    const seat = lib.seatIds[0]!;
    const startsAt = at("2027-05-03T07:00:00Z"); // 09:00 in Paris, for 3 hours
    const r = await book({ libraryId: lib.libraryId, resourceId: seat, email: "absent@etu.univ-test.fr", createdAt: at("2027-05-01T10:00:00Z"), startsAt, minutes: 180, confirmed: true });
    expect(r.status).toBe("CONFIRMED");
    const later = { startsAt: plus(startsAt, 60), endsAt: plus(startsAt, 120) }; // 10:00–11:00, inside the booked period
    /** Is the seat shown free for `later` by the slot picker's use case at `now`? */
    const pickerShowsFree = async (now: Date) => {
      const result = await getAvailability({ slug: lib.slug, date: localDateOf(startsAt, "Europe/Paris"), now, areaSlug: "salle" });
      if (!result.ok) throw new Error(`availability: ${result.reason}`);
      const slot = result.areas[0]!.slots.find((s) => s.start.getTime() === later.startsAt.getTime());
      expect(slot).toBeDefined();
      return slot!.freeResourceIds.includes(seat);
    };
    const bookLater = (now: Date) =>
      createReservation({ resourceId: seat, ...later, email: "suivant@etu.univ-test.fr", clientKey: "test-no-show", now });

    const before = plus(startsAt, 19);
    expect(await markNoShows({ now: before })).toBe(0);
    expect(await statusOf(r.id)).toBe("CONFIRMED");
    expect(await pickerShowsFree(before)).toBe(false);
    await expect(bookLater(before)).rejects.toMatchObject({ code: "slot_taken" });

    const now = plus(startsAt, 21);
    expect(await markNoShows({ now })).toBe(1);
    const after = await db().reservation.findUniqueOrThrow({ where: { id: r.id } });
    expect(after.status).toBe("NO_SHOW");
    expect(after.noShowAt).toEqual(now);
    expect(await slotCount(r.id)).toBe(0);
    expect(await events(r.id)).toEqual([{ fromStatus: "CONFIRMED", toStatus: "NO_SHOW", actor: "SYSTEM", reason: NO_SHOW_REASON, at: now }]);
    const mails = await outbox(r.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: "reservation-no-show", dedupeKey: `reservation-no-show:${r.id}`, recipient: "absent@etu.univ-test.fr" });
    expect(mails[0]!.payload).toMatchObject({ validationDeadline: "2027-05-03T07:20:00.000Z", validationWindowMinutes: 20 });

    // The rest of the booked period is free at once: the slot picker shows it, and it can be booked.
    expect(await pickerShowsFree(now)).toBe(true);
    const next = await bookLater(now);
    expect(next).toMatchObject({ startsAt: later.startsAt, endsAt: later.endsAt, resource: { id: seat } });
    expect(await slotCount(next.id)).toBe(4);
    // The database agrees: another booking of that hour is refused.
    await expect(insertReservation({ libraryId: lib.libraryId, resourceId: seat, email: "trop@etu.univ-test.fr", ...later, status: "CONFIRMED" })).rejects.toSatisfy(isConflict);

    expect(await markNoShows({ now: plus(startsAt, 60) })).toBe(0);
    expect(await outbox(r.id)).toHaveLength(1);
  });

  it("never touches validated reservations, whatever the time", async () => {
    const lib = await createLibrary({ seats: 2 });
    const startsAt = at("2027-05-03T07:00:00Z");
    const validated = await insertReservation({
      libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: "present@etu.univ-test.fr",
      startsAt, endsAt: plus(startsAt, 120), status: "VALIDATED", validationDeadline: plus(startsAt, 20), reminderAt: plus(startsAt, -60),
    });
    const far = plus(startsAt, 24 * 60);
    expect(await expireReservations({ now: far })).toBe(0);
    expect(await markNoShows({ now: far })).toBe(0);
    expect(await sendReminders({ now: plus(startsAt, -30) })).toBe(0);
    const after = await db().reservation.findUniqueOrThrow({ where: { id: validated.id } });
    expect(after.status).toBe("VALIDATED");
    expect(after.noShowAt).toBeNull();
    expect(after.reminderSentAt).toBeNull();
    expect(await slotCount(validated.id)).toBe(8);
    expect(await db().emailOutbox.count()).toBe(0);
    expect(await db().reservationEvent.count()).toBe(0);
  });
});

describe("reminders", () => {
  it("sends the reminder once, 1 h before the start, to confirmed and pending reservations", async () => {
    const lib = await createLibrary({ seats: 2 });
    const startsAt = at("2027-06-07T12:00:00Z");
    const confirmed = await book({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: "rappel@etu.univ-test.fr", createdAt: at("2027-06-06T09:00:00Z"), startsAt, minutes: 60, confirmed: true });
    const pending = await book({ libraryId: lib.libraryId, resourceId: lib.seatIds[1]!, email: "attente@etu.univ-test.fr", createdAt: plus(startsAt, -100), startsAt, minutes: 60 });
    expect(confirmed.reminderAt).toEqual(plus(startsAt, -60));
    expect(pending.reminderAt).toEqual(plus(startsAt, -60));

    expect(await sendReminders({ now: plus(startsAt, -61) })).toBe(0);
    const now = plus(startsAt, -59);
    expect(await sendReminders({ now })).toBe(2);
    expect(await sendReminders({ now: plus(startsAt, -58) })).toBe(0);
    expect(await sendReminders({ now: plus(startsAt, -1) })).toBe(0);

    for (const r of [confirmed, pending]) {
      const row = await db().reservation.findUniqueOrThrow({ where: { id: r.id } });
      expect(row.reminderSentAt).toEqual(now);
      expect(row.status).toBe(r.status); // a reminder changes no status
      const mails = await outbox(r.id);
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ template: "reservation-reminder", dedupeKey: `reservation-reminder:${r.id}`, recipient: r.email });
      expect(mails[0]!.payload).toMatchObject({ startsAt: "2027-06-07T12:00:00.000Z", validationOpensAt: "2027-06-07T11:45:00.000Z", validationDeadline: "2027-06-07T12:20:00.000Z" });
    }
    expect(await db().emailOutbox.count({ where: { template: "reservation-reminder" } })).toBe(2);
    expect(await db().reservationEvent.count()).toBe(0);
  });

  it("sends no reminder once the reservation has started, nor to a pending one past its confirmation deadline", async () => {
    const lib = await createLibrary({ seats: 2 });
    const startsAt = at("2027-06-07T12:00:00Z");
    const late = await book({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: "tard@etu.univ-test.fr", createdAt: at("2027-06-06T09:00:00Z"), startsAt, minutes: 60, confirmed: true });
    const expiring = await insertReservation({
      libraryId: lib.libraryId, resourceId: lib.seatIds[1]!, email: "expire@etu.univ-test.fr", startsAt, endsAt: plus(startsAt, 60),
      status: "PENDING", confirmDeadline: plus(startsAt, -90), reminderAt: plus(startsAt, -60),
    });
    expect(await sendReminders({ now: plus(startsAt, -30) })).toBe(1); // only `late`, not `expiring`
    expect(await outbox(expiring.id)).toEqual([]);
    expect(await outbox(late.id)).toHaveLength(1);

    const lib2 = await createLibrary({ seats: 1 });
    const missed = await book({ libraryId: lib2.libraryId, resourceId: lib2.seatIds[0]!, email: "manque@etu.univ-test.fr", createdAt: at("2027-06-06T09:00:00Z"), startsAt, minutes: 60, confirmed: true });
    expect(await sendReminders({ now: plus(startsAt, 5) })).toBe(0);
    expect(await outbox(missed.id)).toEqual([]);
  });
});
