// Issue 3: the public JSON API, through the route handlers themselves (a
// `new Request(...)`, no server): POST /api/v1/reservations with good and bad
// inputs (4xx, French message, no row written), the libraries list, the
// availability of a day, and the OpenAPI document.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { POST } from "@/app/api/v1/reservations/route";
import { GET as getLibraries } from "@/app/api/v1/libraries/route";
import { GET as getAvailability } from "@/app/api/v1/libraries/[slug]/availability/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { addDays, localDateOf, zonedInstant } from "@/lib/domain/time";
import { createLibrary, type LibraryFixture } from "../support/factories";
import { TZ, slot, uniqueEmail, writeCounts } from "../support/booking";

const now = new Date();
let ip = 0;

/** A POST with its own client address (the per-client rate limit is per X-Forwarded-For). */
function post(body: unknown, opts: { contentType?: string; raw?: string; forwardedFor?: string } = {}) {
  return POST(
    new Request("http://localhost:3000/api/v1/reservations", {
      method: "POST",
      headers: {
        "content-type": opts.contentType ?? "application/json",
        "x-forwarded-for": opts.forwardedFor ?? `10.0.${Math.floor(++ip / 250)}.${ip % 250}`,
      },
      body: opts.raw ?? JSON.stringify(body),
    }),
  );
}

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string>; retryAfterSeconds?: number } };

const iso = (d: Date) => d.toISOString();

/** A French sentence (accents or common French words). */
const FRENCH = /[éèàêçôù]|\b(le|la|les|de|du|des|une?|est|ce|cet|cette|sont|pas|champs)\b/i;

// Opening hours Monday–Saturday 8:00–20:00, Sunday closed.
const WEEK = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opensAt: 8 * 60, closesAt: 20 * 60 }));

/** The next local date (≥ 2 days ahead) with the given ISO weekday. */
function nextWeekday(weekday: number): string {
  let d = addDays(localDateOf(now, TZ), 2);
  for (let i = 0; i < 7; i++, d = addDays(d, 1)) {
    const js = new Date(`${d}T12:00:00Z`).getUTCDay();
    if ((js === 0 ? 7 : js) === weekday) return d;
  }
  throw new Error("unreachable");
}
const at = (date: string, h: number, m = 0) => zonedInstant(date, h * 60 + m, TZ);

let lib: LibraryFixture;
let strict: LibraryFixture;
const monday = nextWeekday(1);

beforeAll(async () => {
  lib = await createLibrary({ seats: 6, hours: WEEK, library: { bookingHorizonDays: 14 } });
  strict = await createLibrary({ seats: 2, library: { allowedEmailDomains: ["etu.univ-exemple.fr"] } });
  // An exceptional closure on that Monday afternoon.
  await db().closure.create({ data: { libraryId: lib.libraryId, startsAt: at(monday, 14), endsAt: at(monday, 16), reason: "Exercice incendie" } });
});

describe("POST /api/v1/reservations", () => {
  it("201 with the reservation, its status and place", async () => {
    const res = await post({ resourceId: lib.seatIds[0], startsAt: iso(at(monday, 10)), endsAt: iso(at(monday, 11)), email: "Jeanne.Dupont@Univ-Exemple.fr" });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { reservation: Record<string, unknown> };
    expect(body.reservation).toMatchObject({
      status: "pending",
      startsAt: iso(at(monday, 10)),
      endsAt: iso(at(monday, 11)),
      resource: { id: lib.seatIds[0], label: "Place 1", kind: "seat" },
      library: { slug: lib.slug, timeZone: "Europe/Paris" },
      area: { id: lib.areaId, slug: "salle", name: "Salle de lecture" },
    });
    expect(typeof body.reservation.id).toBe("string");
    expect(await db().reservation.findUniqueOrThrow({ where: { id: body.reservation.id as string } })).toMatchObject({ email: "jeanne.dupont@univ-exemple.fr" });
  });

  it("'any seat' by areaId and a group room with a name", async () => {
    const any = await post({ areaId: lib.areaId, startsAt: iso(at(monday, 12)), endsAt: iso(at(monday, 13)), email: uniqueEmail() });
    expect(any.status).toBe(201);
    expect(((await any.json()) as { reservation: { resource: { kind: string } } }).reservation.resource.kind).toBe("seat");
    const room = await post({ resourceId: lib.roomId, startsAt: iso(at(monday, 9)), endsAt: iso(at(monday, 11)), email: uniqueEmail(), name: "Groupe de TD 3" });
    expect(room.status).toBe(201);
    expect(((await room.json()) as { reservation: { resource: { kind: string } } }).reservation.resource.kind).toBe("group_room");
  });

  it("409 slot_taken for the loser, with the French message", async () => {
    const body = { resourceId: lib.seatIds[1], startsAt: iso(at(monday, 17)), endsAt: iso(at(monday, 18)) };
    expect((await post({ ...body, email: uniqueEmail() })).status).toBe(201);
    const res = await post({ ...body, email: uniqueEmail() });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: "slot_taken", message: "Ce créneau vient d'être réservé, choisissez-en un autre." } });
  });

  it("429 with Retry-After once a client has spent its attempts", async () => {
    const forwardedFor = "203.0.113.77";
    let last: Response | undefined;
    for (let i = 0; i < 31; i++) {
      last = await post({ resourceId: randomUUID(), startsAt: iso(at(monday, 10)), endsAt: iso(at(monday, 11)), email: uniqueEmail() }, { forwardedFor });
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await last!.json()) as ErrorBody;
    expect(body.error).toMatchObject({ code: "rate_limited", message: "Trop de tentatives. Patientez quelques minutes avant de réessayer." });
    expect(body.error.retryAfterSeconds).toBeGreaterThan(0);
  });

  describe("bad inputs: 4xx, a French message, no row written", () => {
    const ok = () => ({ resourceId: lib.seatIds[2], startsAt: iso(at(monday, 10)), endsAt: iso(at(monday, 11)), email: uniqueEmail() });
    const yesterday = addDays(localDateOf(now, TZ), -1);
    const sunday = nextWeekday(7);
    const past = () => {
      const p = slot(now, 0, 0); // today 00:00–01:00, already begun
      return { startsAt: iso(p.startsAt), endsAt: iso(p.endsAt) };
    };

    const cases: Array<{ name: string; request: () => Promise<Response>; status: number; code: string; field?: string; message?: RegExp; fieldMessage?: RegExp }> = [
      { name: "malformed email", request: () => post({ ...ok(), email: "jeanne.dupont@" }), status: 422, code: "validation_failed", field: "email", message: /adresse e-mail valide/ },
      { name: "email with spaces inside", request: () => post({ ...ok(), email: "jeanne dupont@univ.fr" }), status: 422, code: "validation_failed", field: "email" },
      { name: "email too long", request: () => post({ ...ok(), email: `${"a".repeat(250)}@univ.fr` }), status: 422, code: "validation_failed", field: "email", message: /trop longue/ },
      { name: "missing fields", request: () => post({}), status: 422, code: "validation_failed", field: "startsAt", message: /Certains champs/, fieldMessage: /Indiquez la date/ },
      { name: "neither resourceId nor areaId", request: () => post({ ...ok(), resourceId: undefined }), status: 422, code: "validation_failed", field: "resourceId" },
      { name: "both resourceId and areaId", request: () => post({ ...ok(), areaId: lib.areaId }), status: 422, code: "validation_failed", field: "areaId" },
      { name: "resourceId not an id", request: () => post({ ...ok(), resourceId: "place-1" }), status: 422, code: "validation_failed", field: "resourceId" },
      { name: "unknown field", request: () => post({ ...ok(), admin: true }), status: 422, code: "validation_failed", field: "admin", message: /pas attendu/ },
      { name: "non-ISO dates", request: () => post({ ...ok(), startsAt: "07/12/2026 10:00", endsAt: "07/12/2026 11:00" }), status: 422, code: "validation_failed", field: "startsAt", fieldMessage: /ISO 8601/ },
      { name: "date without time zone", request: () => post({ ...ok(), startsAt: `${monday}T10:00:00`, endsAt: `${monday}T11:00:00` }), status: 422, code: "validation_failed", field: "startsAt" },
      { name: "dates as numbers", request: () => post({ ...ok(), startsAt: 1, endsAt: 2 }), status: 422, code: "validation_failed", field: "startsAt" },
      { name: "name too long", request: () => post({ ...ok(), name: "n".repeat(81) }), status: 422, code: "validation_failed", field: "name", message: /trop long/ },
      { name: "body is an array", request: () => post([ok()]), status: 422, code: "validation_failed", message: /objet JSON/ },
      { name: "body is null", request: () => post(null), status: 422, code: "validation_failed" },
      { name: "malformed JSON", request: () => post(undefined, { raw: '{"email": "a@b.fr",' }), status: 400, code: "malformed_json", message: /JSON valide/ },
      { name: "empty body", request: () => post(undefined, { raw: "" }), status: 400, code: "malformed_json" },
      { name: "oversize body (> 10 kB)", request: () => post({ ...ok(), name: "x".repeat(11 * 1024) }), status: 413, code: "payload_too_large", message: /10 Ko/ },
      { name: "wrong content type", request: () => post(undefined, { raw: JSON.stringify(ok()), contentType: "text/plain" }), status: 415, code: "unsupported_media_type", message: /JSON/ },
      { name: "form-encoded body", request: () => post(undefined, { raw: "email=a%40b.fr", contentType: "application/x-www-form-urlencoded" }), status: 415, code: "unsupported_media_type" },
      { name: "unknown resource", request: () => post({ ...ok(), resourceId: randomUUID() }), status: 404, code: "unknown_resource", message: /n'existe pas/ },
      { name: "unknown area", request: () => post({ ...ok(), resourceId: undefined, areaId: randomUUID() }), status: 404, code: "unknown_area", message: /Cet espace n'existe pas/ },
      { name: "end before start", request: () => post({ ...ok(), startsAt: iso(at(monday, 11)), endsAt: iso(at(monday, 10)) }), status: 422, code: "end_before_start", field: "endsAt" },
      { name: "end equals start", request: () => post({ ...ok(), startsAt: iso(at(monday, 11)), endsAt: iso(at(monday, 11)) }), status: 422, code: "end_before_start" },
      { name: "past slot", request: () => post({ ...ok(), ...past() }), status: 422, code: "past", message: /déjà passé/ },
      { name: "yesterday", request: () => post({ ...ok(), startsAt: iso(at(yesterday, 10)), endsAt: iso(at(yesterday, 11)) }), status: 422, code: "past" },
      { name: "beyond the horizon", request: () => post({ ...ok(), startsAt: iso(at(addDays(monday, 21), 10)), endsAt: iso(at(addDays(monday, 21), 11)) }), status: 422, code: "beyond_horizon", message: /trop loin/ },
      { name: "outside opening hours (evening)", request: () => post({ ...ok(), startsAt: iso(at(monday, 20)), endsAt: iso(at(monday, 21)) }), status: 422, code: "closed", message: /fermée à ces horaires/ },
      { name: "across closing time", request: () => post({ ...ok(), startsAt: iso(at(monday, 19)), endsAt: iso(at(monday, 21)) }), status: 422, code: "closed" },
      { name: "closed day (Sunday)", request: () => post({ ...ok(), startsAt: iso(at(sunday, 10)), endsAt: iso(at(sunday, 11)) }), status: 422, code: "closed" },
      { name: "during a closure", request: () => post({ ...ok(), startsAt: iso(at(monday, 15)), endsAt: iso(at(monday, 16)) }), status: 422, code: "closure", message: /exceptionnellement fermée.*Exercice incendie/ },
      { name: "off-grid start", request: () => post({ ...ok(), startsAt: iso(at(monday, 10, 30)), endsAt: iso(at(monday, 11, 30)) }), status: 422, code: "off_grid", message: /créneaux proposés/ },
      { name: "off-grid duration", request: () => post({ ...ok(), startsAt: iso(at(monday, 10)), endsAt: iso(at(monday, 11, 30)) }), status: 422, code: "off_grid" },
      { name: "not on a 15-minute unit", request: () => post({ ...ok(), startsAt: iso(at(monday, 10, 7)), endsAt: iso(at(monday, 11, 7)) }), status: 422, code: "off_grid" },
      { name: "too short", request: () => post({ ...ok(), startsAt: iso(at(monday, 10)), endsAt: iso(at(monday, 10, 30)) }), status: 422, code: "too_short", message: /trop courte/ },
      { name: "too long", request: () => post({ ...ok(), startsAt: iso(at(monday, 8)), endsAt: iso(at(monday, 13)) }), status: 422, code: "too_long", message: /dépasse le maximum/ },
      { name: "group room without a name", request: () => post({ ...ok(), resourceId: lib.roomId, startsAt: iso(at(monday, 12)), endsAt: iso(at(monday, 13)) }), status: 422, code: "name_required", field: "name", message: /Indiquez un nom/ },
      { name: "group room with a blank name", request: () => post({ ...ok(), resourceId: lib.roomId, startsAt: iso(at(monday, 12)), endsAt: iso(at(monday, 13)), name: "   " }), status: 422, code: "name_required" },
      { name: "group-room area ('any') without a name", request: () => post({ ...ok(), resourceId: undefined, areaId: lib.roomAreaId, startsAt: iso(at(monday, 12)), endsAt: iso(at(monday, 13)) }), status: 422, code: "name_required" },
      {
        name: "disallowed email domain",
        request: () => post({ resourceId: strict.seatIds[0], ...(() => { const p = slot(now, 3, 10); return { startsAt: iso(p.startsAt), endsAt: iso(p.endsAt) }; })(), email: "jeanne@gmail.com" }),
        status: 422,
        code: "email_domain_not_allowed",
        field: "email",
        message: /adresses de son université/,
      },
      { name: "resource of another area than areaId", request: () => post({ ...ok(), resourceId: lib.roomId, areaId: lib.areaId }), status: 422, code: "validation_failed" },
    ];

    it.each(cases)("$name → $status $code", async (c) => {
      const before = await writeCounts();
      const res = await c.request();
      expect(res.status).toBe(c.status);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe(c.code);
      expect(body.error.message.length).toBeGreaterThan(5);
      expect(body.error.message).toMatch(FRENCH);
      if (c.message) expect(body.error.message).toMatch(c.message);
      if (c.field) expect(body.error.fields?.[c.field]).toMatch(FRENCH);
      if (c.fieldMessage) expect(body.error.fields?.[c.field!]).toMatch(c.fieldMessage);
      expect(await writeCounts()).toEqual(before);
    });

    it("a duplicate booking (the same request twice, or the same slot by someone else) → 409, writing nothing", async () => {
      const body = { resourceId: lib.seatIds[3], startsAt: iso(at(monday, 8)), endsAt: iso(at(monday, 9)), email: uniqueEmail() };
      expect((await post(body)).status).toBe(201);
      const before = await writeCounts();
      const res = await post(body);
      expect(res.status).toBe(409);
      expect(((await res.json()) as ErrorBody).error.code).toBe("overlapping_booking");
      const someoneElse = await post({ ...body, email: uniqueEmail() });
      expect(someoneElse.status).toBe(409);
      expect(((await someoneElse.json()) as ErrorBody).error.code).toBe("slot_taken");
      expect(await writeCounts()).toEqual(before);
      // The same address on another seat at the same time: one place at a time.
      const other = await post({ ...body, resourceId: lib.seatIds[4] });
      expect(other.status).toBe(409);
      expect(((await other.json()) as ErrorBody).error).toMatchObject({ code: "overlapping_booking", message: expect.stringMatching(/déjà une réservation/) });
      expect(await writeCounts()).toEqual(before);
    });

    it("a daily limit reached → 409 daily_limit, nothing written", async () => {
      const email = uniqueEmail();
      const tuesday = addDays(monday, 1);
      for (const h of [8, 10]) {
        expect((await post({ areaId: lib.areaId, startsAt: iso(at(tuesday, h)), endsAt: iso(at(tuesday, h + 1)), email })).status).toBe(201);
      }
      const before = await writeCounts();
      const res = await post({ areaId: lib.areaId, startsAt: iso(at(tuesday, 12)), endsAt: iso(at(tuesday, 13)), email });
      expect(res.status).toBe(409);
      expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: "daily_limit", message: expect.stringMatching(/nombre maximal/) });
      expect(await writeCounts()).toEqual(before);
    });
  });
});

describe("GET /api/v1/libraries and availability", () => {
  const availability = (slug: string, query: string) =>
    getAvailability(new Request(`http://localhost:3000/api/v1/libraries/${slug}/availability?${query}`), { params: Promise.resolve({ slug }) });

  it("lists the libraries", async () => {
    const res = await getLibraries();
    expect(res.status).toBe(200);
    const body = (await res.json()) as { libraries: Array<Record<string, unknown>> };
    expect(body.libraries).toContainEqual(expect.objectContaining({ slug: lib.slug, city: "Testville", timeZone: "Europe/Paris", seats: 7 }));
  });

  it("gives the free slots of a day with the free places, minus live reservations", async () => {
    const fresh = await createLibrary({ seats: 2, hours: WEEK });
    await post({ resourceId: fresh.seatIds[0], startsAt: iso(at(monday, 10)), endsAt: iso(at(monday, 11)), email: uniqueEmail() });
    const res = await availability(fresh.slug, `date=${monday}&area=salle`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      date: string;
      areas: Array<{ slug: string; slots: Array<{ startsAt: string; free: number; freeResourceIds: string[] }>; resources: unknown[] }>;
    };
    expect(body.date).toBe(monday);
    expect(body.areas).toHaveLength(1);
    const slots = body.areas[0]!.slots;
    expect(slots).toHaveLength(12); // 8:00 … 19:00
    expect(slots.find((s) => s.startsAt === iso(at(monday, 10)))).toEqual(
      expect.objectContaining({ free: 1, freeResourceIds: [fresh.seatIds[1]] }),
    );
    expect(slots.find((s) => s.startsAt === iso(at(monday, 11)))!.free).toBe(2);
    expect(body.areas[0]!.resources).toHaveLength(2);
  });

  it("answers 404 for an unknown library or area and 422 for a bad date or duration, in French", async () => {
    const cases: Array<[string, string, number, string]> = [
      ["bu-inconnue", `date=${monday}`, 404, "unknown_library"],
      [lib.slug, `date=${monday}&area=grenier`, 404, "unknown_area"],
      [lib.slug, "date=2026-02-30", 422, "validation_failed"],
      [lib.slug, "date=demain", 422, "validation_failed"],
      [lib.slug, "", 422, "validation_failed"],
      [lib.slug, `date=${addDays(localDateOf(now, TZ), -1)}`, 422, "past"],
      [lib.slug, `date=${addDays(localDateOf(now, TZ), 60)}`, 422, "beyond_horizon"],
      [lib.slug, `date=${monday}&area=salle&duration=45`, 422, "validation_failed"],
      [lib.slug, `date=${monday}&duration=abc`, 422, "validation_failed"],
      [lib.slug, `date=${monday}&foo=1`, 422, "validation_failed"],
    ];
    for (const [slug, query, status, code] of cases) {
      const res = await availability(slug, query);
      expect({ query, status: res.status }).toEqual({ query, status });
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe(code);
      expect(body.error.message).toMatch(FRENCH);
    }
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("documents the endpoints with schemas generated from the zod schemas", async () => {
    const res = getOpenApi();
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown>; parameters?: Array<{ name: string }> }>>;
      components: { schemas: Record<string, { properties?: Record<string, { format?: string; maxLength?: number }>; required?: string[] }> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(["/libraries", "/libraries/{slug}/availability", "/libraries/{slug}/occupancy", "/reservations"]);
    expect(Object.keys(doc.paths["/reservations"]!.post!.responses).sort()).toEqual(["201", "400", "404", "409", "413", "415", "422", "429"]);
    expect(doc.paths["/libraries/{slug}/availability"]!.get!.parameters!.map((p) => p.name)).toEqual(["slug", "date", "area", "duration"]);
    const request = doc.components.schemas.ReservationRequest!;
    expect(request.required).toEqual(["startsAt", "endsAt", "email"]);
    expect(Object.keys(request.properties!)).toEqual(["resourceId", "areaId", "startsAt", "endsAt", "email", "name"]);
    expect(request.properties!.email).toMatchObject({ format: "email", maxLength: 254 });
    expect(request.properties!.startsAt!.format).toBe("date-time");
    for (const id of ["Reservation", "Libraries", "Availability", "Occupancy", "Error"]) expect(doc.components.schemas[id]).toBeDefined();
    expect(doc.components.schemas.Occupancy!.required).toEqual(["library", "occupied", "open", "asOf"]);
  });
});
