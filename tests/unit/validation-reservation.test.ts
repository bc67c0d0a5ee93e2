// The zod schemas of the booking form, the reservations API and token links:
// what they accept, how they normalise, and their French messages.
import { describe, expect, it } from "vitest";
import { newToken } from "@/lib/security/tokens";
import {
  availabilityQuerySchema,
  bookingFormInput,
  bookingFormSchema,
  fieldErrors,
  reservationRequestSchema,
  tokenSchema,
} from "@/lib/validation/reservation";

const ID = "6f1f6c1e-2f5b-4b8e-9a59-1d0f4c0e8a11";
const AREA = "0b8f1e2a-5c3d-4e6f-8a9b-1c2d3e4f5a6b";
const base = { resourceId: ID, startsAt: "2026-12-07T10:00:00+01:00", endsAt: "2026-12-07T11:00:00+01:00", email: "jeanne@univ-exemple.fr" };

function errorsOf(input: unknown) {
  const r = reservationRequestSchema.safeParse(input);
  if (r.success) throw new Error(`accepted: ${JSON.stringify(input)}`);
  return fieldErrors(r.error);
}

describe("reservationRequestSchema (POST /api/v1/reservations)", () => {
  it("accepts a seat or an area, trims and lower-cases the email, drops a blank name", () => {
    expect(reservationRequestSchema.parse({ ...base, email: "  Jeanne.Dupont@UNIV-Exemple.FR ", name: "   " })).toEqual({
      ...base,
      email: "jeanne.dupont@univ-exemple.fr",
      name: undefined,
    });
    expect(reservationRequestSchema.parse({ ...base, resourceId: undefined, areaId: AREA, name: " Groupe 4 " })).toMatchObject({ areaId: AREA, name: "Groupe 4" });
    expect(reservationRequestSchema.parse({ ...base, startsAt: "2026-12-07T09:00:00Z", endsAt: "2026-12-07T10:00:00.000Z" }).startsAt).toBe(
      "2026-12-07T09:00:00Z",
    );
  });

  it("says in French which field is wrong", () => {
    expect(errorsOf({ ...base, email: "jeanne@" })).toEqual({
      email: "Saisissez une adresse e-mail valide, par exemple prenom.nom@univ-exemple.fr.",
    });
    expect(errorsOf({ ...base, email: "" })).toEqual({ email: "Saisissez votre adresse e-mail." });
    expect(errorsOf({ ...base, email: `${"a".repeat(250)}@u.fr` })).toEqual({ email: "Cette adresse e-mail est trop longue." });
    expect(errorsOf({ ...base, startsAt: "2026-12-07 10:00" })).toEqual({
      startsAt: "Date et heure invalides : attendu une date ISO 8601 avec fuseau, par exemple 2026-12-07T10:00:00+01:00.",
    });
    expect(errorsOf({ ...base, startsAt: "2026-12-07T10:00:00" })).toHaveProperty("startsAt"); // no offset
    expect(errorsOf({ ...base, endsAt: undefined })).toEqual({ endsAt: "Indiquez la date et l'heure." });
    expect(errorsOf({ ...base, resourceId: undefined })).toEqual({ resourceId: "Choisissez une place ou « n'importe quelle place libre »." });
    expect(errorsOf({ ...base, areaId: AREA })).toEqual({ areaId: "Indiquez soit une place (resourceId), soit un espace (areaId), pas les deux." });
    expect(errorsOf({ ...base, resourceId: "12" })).toEqual({ resourceId: "Cet identifiant n'est pas valide." });
    expect(errorsOf({ ...base, name: "n".repeat(81) })).toEqual({ name: "Ce nom est trop long (80 caractères au plus)." });
    expect(errorsOf({ ...base, role: "admin" })).toEqual({ role: "Ce champ n'est pas attendu." });
    expect(errorsOf("texte")).toEqual({ _: "Le corps de la requête doit être un objet JSON." });
  });
});

describe("bookingFormSchema (the library page's form)", () => {
  const fields = { slug: "bu-belvedere", areaId: AREA, place: "any", startsAt: base.startsAt, endsAt: base.endsAt, email: " A@B.FR " };
  const formOf = (o: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(o)) f.set(k, v);
    return bookingFormInput(f);
  };

  it("'any' books in the area, an id books that place", () => {
    expect(bookingFormSchema.parse(formOf(fields))).toMatchObject({ areaId: AREA, resourceId: undefined, email: "a@b.fr", slug: "bu-belvedere" });
    expect(bookingFormSchema.parse(formOf({ ...fields, place: ID }))).toMatchObject({ areaId: AREA, resourceId: ID });
  });

  it("refuses an unknown place value, a missing email, a tampered date", () => {
    const r = bookingFormSchema.safeParse(formOf({ ...fields, place: "la-bonne", email: "", startsAt: "hier" }));
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(fieldErrors(r.error)).toMatchObject({
      place: "Choisissez une place ou « n'importe quelle place libre ».",
      email: "Saisissez votre adresse e-mail.",
      startsAt: expect.stringMatching(/ISO 8601/),
    });
  });
});

describe("tokenSchema and availabilityQuerySchema", () => {
  it("accepts only 43-character base64url tokens", () => {
    expect(tokenSchema.safeParse(newToken().raw).success).toBe(true);
    for (const bad of ["", "abc", "A".repeat(42), "A".repeat(44), `${"A".repeat(42)}=`, `${"A".repeat(42)}/`]) {
      expect(tokenSchema.safeParse(bad).success).toBe(false);
    }
  });

  it("parses the date, the area and the duration of an availability query", () => {
    expect(availabilityQuerySchema.parse({ date: "2026-12-07", area: "salle-nord", duration: "120" })).toEqual({
      date: "2026-12-07",
      area: "salle-nord",
      duration: 120,
    });
    const r = availabilityQuerySchema.safeParse({ date: "07/12/2026", duration: "deux" });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(fieldErrors(r.error)).toEqual({
        date: "La date doit être au format AAAA-MM-JJ, par exemple 2026-12-07.",
        duration: "La durée doit être un nombre de minutes, par exemple 60.",
      });
    }
  });
});
