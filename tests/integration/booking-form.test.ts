// Issue 3: the booking form's server action, minus the request plumbing
// (app/(public)/bibliotheques/[slug]/booking.ts): FormData → zod → use case →
// the state the form shows. Bad inputs give a French message next to the right
// field, keep what was typed, and write nothing.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { submitBooking, submitResend } from "@/app/(public)/bibliotheques/[slug]/booking";
import { db } from "@/lib/data/db";
import { formatDateFr } from "@/lib/domain/time";
import { createLibrary, type LibraryFixture } from "../support/factories";
import { TZ, slot, uniqueEmail, writeCounts } from "../support/booking";

const now = new Date();
let n = 0;
const ctx = () => ({ clientKey: `form-${++n}`, now });

let lib: LibraryFixture;
beforeAll(async () => {
  lib = await createLibrary({ seats: 3, library: { allowedEmailDomains: ["univ-exemple.fr"] } });
});

function form(fields: Record<string, string | undefined>): FormData {
  const period = slot(now, 2, 10);
  const f = new FormData();
  const all: Record<string, string | undefined> = {
    slug: lib.slug,
    areaId: lib.areaId,
    place: "any",
    startsAt: period.startsAt.toISOString(),
    endsAt: period.endsAt.toISOString(),
    email: uniqueEmail(),
    ...fields,
  };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) f.set(k, v);
  return f;
}

describe("the booking form", () => {
  it("books any free place and returns what the result panel shows", async () => {
    const email = uniqueEmail();
    const state = await submitBooking(form({ email: `  ${email.toUpperCase()}` }), ctx());
    expect(state.status).toBe("booked");
    if (state.status !== "booked") return;
    const period = slot(now, 2, 10);
    expect(state.reservation).toMatchObject({
      status: "PENDING",
      email,
      areaName: "Salle de lecture",
      dateLabel: formatDateFr(period.startsAt, TZ),
      hoursLabel: "de 10 h à 11 h",
      windowLabel: "2 h",
    });
    expect(state.reservation.placeLabel).toMatch(/^Place [123]$/);
    expect(state.values.email).toBe(`  ${email.toUpperCase()}`);
  });

  it("books a chosen place, and a group room in a name", async () => {
    const seat = await submitBooking(form({ place: lib.seatIds[2], startsAt: slot(now, 3, 9).startsAt.toISOString(), endsAt: slot(now, 3, 9).endsAt.toISOString() }), ctx());
    expect(seat).toMatchObject({ status: "booked", reservation: { placeLabel: "Place 3" } });
    const room = await submitBooking(form({ areaId: lib.roomAreaId, place: lib.roomId, name: "Révisions L2" }), ctx());
    expect(room).toMatchObject({ status: "booked", reservation: { placeLabel: "Salle A" } });
  });

  const period = () => slot(now, 4, 10);
  const cases: Array<{ name: string; fields: () => Record<string, string | undefined>; field?: "place" | "email" | "name"; message: RegExp }> = [
    { name: "malformed email", fields: () => ({ email: "pas-une-adresse" }), field: "email", message: /adresse e-mail valide/ },
    { name: "empty email", fields: () => ({ email: "   " }), field: "email", message: /Saisissez votre adresse e-mail/ },
    { name: "no email field", fields: () => ({ email: undefined }), field: "email", message: /Saisissez votre adresse e-mail/ },
    { name: "disallowed domain", fields: () => ({ email: "jeanne@gmail.com" }), field: "email", message: /adresses de son université/ },
    { name: "place not an id", fields: () => ({ place: "'; DROP TABLE reservation; --" }), field: "place", message: /Choisissez une place/ },
    { name: "unknown place", fields: () => ({ place: randomUUID() }), field: "place", message: /n'existe pas/ },
    { name: "place of another library", fields: () => ({ slug: "bu-autre" }), field: "place", message: /n'existe pas/ },
    { name: "unknown area", fields: () => ({ areaId: randomUUID() }), field: "place", message: /Cet espace n'existe pas/ },
    { name: "group room without a name", fields: () => ({ areaId: lib.roomAreaId, place: lib.roomId }), field: "name", message: /Indiquez un nom/ },
    { name: "name too long", fields: () => ({ areaId: lib.roomAreaId, place: lib.roomId, name: "x".repeat(81) }), field: "name", message: /trop long/ },
    { name: "tampered start (not ISO)", fields: () => ({ startsAt: "demain 10h" }), message: /ISO 8601/ },
    { name: "past slot", fields: () => ({ startsAt: slot(now, -1, 10).startsAt.toISOString(), endsAt: slot(now, -1, 10).endsAt.toISOString() }), message: /déjà passé/ },
    { name: "off-grid", fields: () => ({ startsAt: new Date(period().startsAt.getTime() + 15 * 60_000).toISOString(), endsAt: new Date(period().endsAt.getTime() + 15 * 60_000).toISOString() }), message: /créneaux proposés/ },
    { name: "end before start", fields: () => ({ startsAt: period().endsAt.toISOString(), endsAt: period().startsAt.toISOString() }), message: /fin doit être après/ },
  ];

  it.each(cases)("$name → a French message, values kept, nothing written", async (c) => {
    const before = await writeCounts();
    const f = form(c.fields());
    const state = await submitBooking(f, ctx());
    expect(state.status).toBe("error");
    if (state.status !== "error") return;
    expect(state.message).toMatch(c.field ? /./ : c.message);
    if (c.field) expect(state.fields[c.field]).toMatch(c.message);
    expect(state.values.email).toBe((f.get("email") as string | null) ?? "");
    expect(await writeCounts()).toEqual(before);
  });

  it("a taken slot says so at the top of the form", async () => {
    const fields = { place: lib.seatIds[0], startsAt: slot(now, 5, 14).startsAt.toISOString(), endsAt: slot(now, 5, 14).endsAt.toISOString() };
    expect((await submitBooking(form(fields), ctx())).status).toBe("booked");
    const before = await writeCounts();
    const state = await submitBooking(form(fields), ctx());
    expect(state).toMatchObject({ status: "error", message: "Ce créneau vient d'être réservé, choisissez-en un autre.", fields: {} });
    expect(await writeCounts()).toEqual(before);
  });
});

describe("Renvoyer l'e-mail", () => {
  it("resends for a pending booking, refuses a forged id", async () => {
    const booked = await submitBooking(form({ startsAt: slot(now, 6, 8).startsAt.toISOString(), endsAt: slot(now, 6, 8).endsAt.toISOString() }), ctx());
    if (booked.status !== "booked") throw new Error("booking failed");
    const f = new FormData();
    f.set("reservationId", booked.reservation.id);
    expect(await submitResend(f, ctx())).toMatchObject({ status: "sent", message: expect.stringMatching(/spams/) });
    expect(await db().emailOutbox.count({ where: { reservationId: booked.reservation.id, template: "confirm-request" } })).toBe(2);
    const forged = new FormData();
    forged.set("reservationId", "nope");
    expect(await submitResend(forged, ctx())).toEqual({ status: "error", message: "Cette réservation est introuvable." });
  });
});
