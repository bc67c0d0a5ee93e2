// Issue 3: no double booking, ever — decided by the database under real
// concurrency (real PostgreSQL, the use case called in parallel).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { createReservation } from "@/lib/use-cases/create-reservation";
import { cancelReservationByStaff } from "@/lib/use-cases/cancel-reservation";
import { createLibrary } from "../support/factories";
import { codeOf, settle, slot, uniqueEmail } from "../support/booking";

const now = new Date();
let client = 0;
const nextClient = () => `test-client-${++client}`;

function countCodes(errors: unknown[]) {
  const counts: Record<string, number> = {};
  for (const e of errors) counts[codeOf(e)] = (counts[codeOf(e)] ?? 0) + 1;
  return counts;
}

describe("concurrent bookings", () => {
  it("200 concurrent attempts on one seat and slot: exactly 1 succeeds, 199 get slot_taken, nothing else", async () => {
    const lib = await createLibrary({ seats: 3 });
    const { startsAt, endsAt } = slot(now, 2, 10);
    const { ok, errors } = await settle(
      Array.from({ length: 200 }, () =>
        createReservation({ resourceId: lib.seatIds[0], startsAt, endsAt, email: uniqueEmail(), clientKey: nextClient(), now }),
      ),
    );
    expect(ok).toHaveLength(1);
    expect(countCodes(errors)).toEqual({ slot_taken: 199 });
    expect(await db().reservation.count({ where: { resourceId: lib.seatIds[0] } })).toBe(1);
    expect(await db().reservationSlot.count({ where: { resourceId: lib.seatIds[0] } })).toBe(4); // 1 h = 4 units
    // Losers wrote nothing: one booker, one email.
    expect(await db().booker.count({ where: { reservations: { some: { libraryId: lib.libraryId } } } })).toBe(1);
    expect(await db().emailOutbox.count({ where: { reservationId: ok[0]!.id } })).toBe(1);
  });

  it("a group room: 200 concurrent attempts, exactly 1 succeeds, 199 slot_taken", async () => {
    const lib = await createLibrary({ seats: 1 });
    const { startsAt, endsAt } = slot(now, 3, 14, 2);
    const { ok, errors } = await settle(
      Array.from({ length: 200 }, (_, i) =>
        createReservation({ resourceId: lib.roomId, startsAt, endsAt, email: uniqueEmail(), name: `Groupe ${i}`, clientKey: nextClient(), now }),
      ),
    );
    expect(ok).toHaveLength(1);
    expect(ok[0]!.resource.kind).toBe("GROUP_ROOM");
    expect(countCodes(errors)).toEqual({ slot_taken: 199 });
  });

  it("a group room booked 10–12 refuses an overlapping 11–13 and accepts 12–13", async () => {
    const lib = await createLibrary({ seats: 1 });
    const a = slot(now, 3, 10, 2);
    await createReservation({ resourceId: lib.roomId, ...a, email: uniqueEmail(), name: "G1", clientKey: nextClient(), now });
    const overlapping = slot(now, 3, 11, 2);
    await expect(
      createReservation({ resourceId: lib.roomId, ...overlapping, email: uniqueEmail(), name: "G2", clientKey: nextClient(), now }),
    ).rejects.toMatchObject({ code: "slot_taken", message: "Ce créneau vient d'être réservé, choisissez-en un autre." });
    const after = slot(now, 3, 12, 1);
    const ok = await createReservation({ resourceId: lib.roomId, ...after, email: uniqueEmail(), name: "G3", clientKey: nextClient(), now });
    expect(ok.status).toBe("PENDING");
  });

  it("20 concurrent bookings by one address on different seats against a limit of 2: exactly 2", async () => {
    const lib = await createLibrary({ seats: 20, library: { maxReservationsPerDay: 2 } });
    const email = uniqueEmail("limite");
    const { ok, errors } = await settle(
      lib.seatIds.map((resourceId, i) =>
        createReservation({
          resourceId,
          ...slot(now, 4, i, 1), // 00:00–20:00, one hour each: same local day, no overlap
          email,
          clientKey: nextClient(),
          now,
          rateLimits: { perAddress: { points: 100, durationSeconds: 600 } },
        }),
      ),
    );
    expect(ok).toHaveLength(2);
    expect(countCodes(errors)).toEqual({ daily_limit: 18 });
    expect(await db().reservation.count({ where: { email } })).toBe(2);
    expect(await db().booker.count({ where: { email } })).toBe(1);
  });

  it("the daily limit counts per local day and per library", async () => {
    const lib = await createLibrary({ seats: 4, library: { maxReservationsPerDay: 1 } });
    const other = await createLibrary({ seats: 2, library: { maxReservationsPerDay: 1 } });
    const email = uniqueEmail();
    await createReservation({ resourceId: lib.seatIds[0], ...slot(now, 5, 9), email, clientKey: nextClient(), now });
    await expect(
      createReservation({ resourceId: lib.seatIds[1], ...slot(now, 5, 15), email, clientKey: nextClient(), now }),
    ).rejects.toMatchObject({ code: "daily_limit" });
    // Next day, same library; same day, other library.
    await createReservation({ resourceId: lib.seatIds[1], ...slot(now, 6, 9), email, clientKey: nextClient(), now });
    await createReservation({ resourceId: other.seatIds[0], ...slot(now, 5, 15), email, clientKey: nextClient(), now });
  });

  it("adjacent slots 10–11 and 11–12 on one seat both succeed", async () => {
    const lib = await createLibrary({ seats: 1 });
    const first = await createReservation({ resourceId: lib.seatIds[0], ...slot(now, 2, 10), email: uniqueEmail(), clientKey: nextClient(), now });
    const second = await createReservation({ resourceId: lib.seatIds[0], ...slot(now, 2, 11), email: uniqueEmail(), clientKey: nextClient(), now });
    expect(first.endsAt.getTime()).toBe(second.startsAt.getTime());
    expect(await db().reservationSlot.count({ where: { resourceId: lib.seatIds[0] } })).toBe(8);
  });

  it("a cancelled slot can be booked again at once", async () => {
    const lib = await createLibrary({ seats: 1 });
    const period = slot(now, 2, 16);
    const first = await createReservation({ resourceId: lib.seatIds[0], ...period, email: uniqueEmail(), clientKey: nextClient(), now });
    await expect(
      createReservation({ resourceId: lib.seatIds[0], ...period, email: uniqueEmail(), clientKey: nextClient(), now }),
    ).rejects.toMatchObject({ code: "slot_taken" });
    await cancelReservationByStaff({ reservationId: first.id, reason: "test", now, staff: { libraryId: lib.libraryId } });
    const again = await createReservation({ resourceId: lib.seatIds[0], ...period, email: uniqueEmail(), clientKey: nextClient(), now });
    expect(again.resource.id).toBe(lib.seatIds[0]);
  });

  it("'any seat' under contention picks distinct seats: 5 seats, 8 concurrent → 5 succeed, 3 no_free_place", async () => {
    const lib = await createLibrary({ seats: 5 });
    const period = slot(now, 2, 13);
    const { ok, errors } = await settle(
      Array.from({ length: 8 }, () =>
        createReservation({ areaId: lib.areaId, ...period, email: uniqueEmail(), clientKey: nextClient(), now }),
      ),
    );
    expect(ok).toHaveLength(5);
    expect(new Set(ok.map((r) => r.resource.id))).toEqual(new Set(lib.seatIds));
    expect(countCodes(errors)).toEqual({ no_free_place: 3 });
  });

  it("'any seat' skips seats already taken and says no_free_place when the area is full", async () => {
    const lib = await createLibrary({ seats: 2 });
    const period = slot(now, 2, 9);
    await createReservation({ resourceId: lib.seatIds[0], ...period, email: uniqueEmail(), clientKey: nextClient(), now });
    const any = await createReservation({ areaId: lib.areaId, ...period, email: uniqueEmail(), clientKey: nextClient(), now });
    expect(any.resource.id).toBe(lib.seatIds[1]);
    await expect(
      createReservation({ areaId: lib.areaId, ...period, email: uniqueEmail(), clientKey: nextClient(), now }),
    ).rejects.toMatchObject({ code: "no_free_place", message: "Plus aucune place n'est libre sur ce créneau, choisissez-en un autre." });
  });
});
