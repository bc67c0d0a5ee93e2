// What the database itself guarantees, whatever the application code does.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLibrary, insertReservation, type LibraryFixture } from "../support/factories";

let client: pg.Client;
let lib: LibraryFixture;
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  lib = await createLibrary({ seats: 2 });
});
afterAll(() => client.end());

const reserve = (resourceId: string, start: string, end: string, email = "a@etu.test", status: "CONFIRMED" | "PENDING" = "CONFIRMED") =>
  insertReservation({ libraryId: lib.libraryId, resourceId, email, startsAt: at(start), endsAt: at(end), status });

async function expectSqlState(p: Promise<unknown>, states: string[]) {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err, "the database should refuse this").not.toBeNull();
  const e = err as { code?: string; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } };
  const state = e.code === "P2002" ? "23505" : (e.meta?.driverAdapterError?.cause?.originalCode ?? e.code);
  expect(states).toContain(state);
}

describe("no double booking, enforced by the database", () => {
  it("refuses a second live reservation overlapping the same resource", async () => {
    await reserve(lib.seatIds[0]!, "2027-03-01T09:00:00Z", "2027-03-01T11:00:00Z");
    await expectSqlState(reserve(lib.seatIds[0]!, "2027-03-01T10:00:00Z", "2027-03-01T12:00:00Z", "b@etu.test"), ["23505", "23P01"]);
    await expectSqlState(reserve(lib.seatIds[0]!, "2027-03-01T08:45:00Z", "2027-03-01T09:15:00Z", "c@etu.test", "PENDING"), ["23505", "23P01"]);
    const { rows } = await client.query("SELECT count(*)::int AS n FROM reservation WHERE resource_id = $1", [lib.seatIds[0]]);
    expect(rows[0].n).toBe(1);
  });

  it("accepts adjacent periods and another resource at the same time", async () => {
    await reserve(lib.seatIds[0]!, "2027-03-02T10:00:00Z", "2027-03-02T11:00:00Z");
    await reserve(lib.seatIds[0]!, "2027-03-02T11:00:00Z", "2027-03-02T12:00:00Z", "b@etu.test");
    await reserve(lib.seatIds[1]!, "2027-03-02T10:00:00Z", "2027-03-02T11:00:00Z", "c@etu.test");
    const { rows } = await client.query(
      "SELECT count(*)::int AS n FROM reservation_slot WHERE slot_start >= '2027-03-02' AND slot_start < '2027-03-03'",
    );
    expect(rows[0].n).toBe(12); // 3 hours of 15-minute units
  });

  it("frees the units when a reservation leaves the live statuses, so the slot can be booked again", async () => {
    const r = await reserve(lib.seatIds[1]!, "2027-03-03T10:00:00Z", "2027-03-03T12:00:00Z");
    expect((await client.query("SELECT count(*)::int AS n FROM reservation_slot WHERE reservation_id = $1", [r.id])).rows[0].n).toBe(8);
    await client.query("UPDATE reservation SET status = 'cancelled', cancelled_at = now() WHERE id = $1", [r.id]);
    expect((await client.query("SELECT count(*)::int AS n FROM reservation_slot WHERE reservation_id = $1", [r.id])).rows[0].n).toBe(0);
    await reserve(lib.seatIds[1]!, "2027-03-03T10:00:00Z", "2027-03-03T12:00:00Z", "again@etu.test");
  });

  it("never lets an ended reservation become live again, nor move it", async () => {
    const r = await reserve(lib.seatIds[1]!, "2027-03-04T10:00:00Z", "2027-03-04T11:00:00Z");
    await client.query("UPDATE reservation SET status = 'expired' WHERE id = $1", [r.id]);
    await expectSqlState(client.query("UPDATE reservation SET status = 'confirmed' WHERE id = $1", [r.id]), ["23514"]);
    const live = await reserve(lib.seatIds[1]!, "2027-03-04T12:00:00Z", "2027-03-04T13:00:00Z", "m@etu.test");
    await expectSqlState(client.query("UPDATE reservation SET ends_at = ends_at + interval '1 hour' WHERE id = $1", [live.id]), ["23514"]);
  });

  it("refuses periods that are empty, reversed or off the 15-minute units", async () => {
    await expectSqlState(reserve(lib.seatIds[0]!, "2027-03-05T10:00:00Z", "2027-03-05T10:00:00Z"), ["23514"]);
    await expectSqlState(reserve(lib.seatIds[0]!, "2027-03-05T11:00:00Z", "2027-03-05T10:00:00Z"), ["23514"]);
    await expectSqlState(reserve(lib.seatIds[0]!, "2027-03-05T10:10:00Z", "2027-03-05T11:00:00Z"), ["23514"]);
  });

  it("keeps booker addresses normalised", async () => {
    await expectSqlState(client.query("INSERT INTO booker (id, email) VALUES (gen_random_uuid(), ' Alice@Etu.test')"), ["23514"]);
  });
});
