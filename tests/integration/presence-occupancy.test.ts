// Live occupancy: validated reservations in progress, out of the places open now.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listLibraries } from "@/lib/data/libraries";
import { GET } from "@/app/api/v1/libraries/[slug]/occupancy/route";
import { getOccupancies, getOccupancy } from "@/lib/use-cases/get-occupancy";
import { validatePresence } from "@/lib/use-cases/validate-presence";
import { createLibrary, insertReservation } from "../support/factories";

const MIN = 60_000;
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MIN);
// Wednesday 10 June 2026, 14:00 in Paris.
const NOW = new Date("2026-06-10T12:00:00.000Z");
const email = () => `etu-${randomUUID().slice(0, 8)}@univ-exemple.fr`;

describe("occupancy", () => {
  it("counts validated reservations in progress only, out of the active places (a group room is one)", async () => {
    const lib = await createLibrary({ seats: 5 });
    const other = await createLibrary({ seats: 3 });
    const add = (libraryId: string, resourceId: string, status: "CONFIRMED" | "VALIDATED" | "CANCELLED" | "NO_SHOW", from: number, to: number) =>
      insertReservation({ libraryId, resourceId, email: email(), startsAt: plus(NOW, from), endsAt: plus(NOW, to), status });

    await add(lib.libraryId, lib.seatIds[0]!, "VALIDATED", -60, 60); // counts
    await add(lib.libraryId, lib.roomId, "VALIDATED", -30, 30); // counts: the room is one place
    await add(lib.libraryId, lib.seatIds[1]!, "CONFIRMED", -15, 105); // not validated (yet)
    await add(lib.libraryId, lib.seatIds[2]!, "VALIDATED", -180, -60); // over
    await add(lib.libraryId, lib.seatIds[2]!, "VALIDATED", 0, 60); // starts now: counts
    await add(lib.libraryId, lib.seatIds[3]!, "VALIDATED", 60, 120); // later
    await add(lib.libraryId, lib.seatIds[4]!, "NO_SHOW", -60, 60);
    await add(other.libraryId, other.seatIds[0]!, "VALIDATED", -60, 60); // another library

    expect(await getOccupancy({ slug: lib.slug, now: NOW })).toEqual({ occupied: 3, open: 6, asOf: NOW });
    expect(await getOccupancy({ slug: other.slug, now: NOW })).toEqual({ occupied: 1, open: 4, asOf: NOW });
    expect(await getOccupancy({ slug: "bu-inconnue", now: NOW })).toBeNull();

    // Deactivated places are not open places.
    const { db } = await import("@/lib/data/db");
    await db().resource.update({ where: { id: other.seatIds[2]! }, data: { active: false } });
    expect((await getOccupancy({ slug: other.slug, now: NOW }))?.open).toBe(3);
  });

  it("goes up by one when a student validates their presence", async () => {
    const lib = await createLibrary();
    const a = email();
    await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: a, startsAt: plus(NOW, -15), endsAt: plus(NOW, 45), status: "CONFIRMED" });
    expect((await getOccupancy({ slug: lib.slug, now: NOW }))?.occupied).toBe(0);
    await validatePresence({ code: lib.establishmentCode, email: a, now: NOW, clientKey: "occ" });
    expect((await getOccupancy({ slug: lib.slug, now: NOW }))?.occupied).toBe(1);
  });

  it("has no open place when the library is closed", async () => {
    // Open 9 h – 18 h on weekdays only; Wednesday 10 June 2026 at 20 h (18:00Z) it is closed.
    const lib = await createLibrary({ hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: 9 * 60, closesAt: 18 * 60 })) });
    expect(await getOccupancy({ slug: lib.slug, now: new Date("2026-06-10T18:00:00.000Z") })).toEqual({
      occupied: 0,
      open: 0,
      asOf: new Date("2026-06-10T18:00:00.000Z"),
    });
    expect((await getOccupancy({ slug: lib.slug, now: new Date("2026-06-10T15:59:00.000Z") }))?.open).toBe(6);
  });

  it("the batch variant gives every listed library's occupancy at once", async () => {
    const a = await createLibrary({ seats: 2 });
    const b = await createLibrary({ seats: 4 });
    await insertReservation({ libraryId: b.libraryId, resourceId: b.seatIds[0]!, email: email(), startsAt: plus(NOW, -15), endsAt: plus(NOW, 45), status: "VALIDATED" });
    const libraries = (await listLibraries()).filter((l) => l.id === a.libraryId || l.id === b.libraryId);
    const map = await getOccupancies({ libraries, now: NOW });
    expect(map.get(a.libraryId)).toEqual({ occupied: 0, open: 3, asOf: NOW });
    expect(map.get(b.libraryId)).toEqual({ occupied: 1, open: 5, asOf: NOW });
  });

  it("GET /api/v1/libraries/{slug}/occupancy answers JSON, 404 for an unknown slug", async () => {
    const lib = await createLibrary({ seats: 2 });
    // The route reads the clock: a reservation around the real now, on the 15-minute grid.
    const quarter = new Date(Math.floor(Date.now() / (15 * MIN)) * 15 * MIN);
    await insertReservation({ libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: email(), startsAt: plus(quarter, -15), endsAt: plus(quarter, 60), status: "VALIDATED" });
    const res = await GET(new Request(`http://localhost/api/v1/libraries/${lib.slug}/occupancy`), { params: Promise.resolve({ slug: lib.slug }) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ library: lib.slug, occupied: 1, open: 3, asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/) });

    const missing = await GET(new Request("http://localhost/api/v1/libraries/bu-inconnue/occupancy"), { params: Promise.resolve({ slug: "bu-inconnue" }) });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: "unknown_library", message: "Cette bibliothèque n'existe pas." } });
  });
});
