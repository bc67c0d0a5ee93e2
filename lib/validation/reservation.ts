// Schemas of the booking form, the reservations API and token links. One source
// for the server action, the route handler and the OpenAPI document
// (app/api/v1/openapi.json). French messages: they are shown next to the fields.
import { z } from "zod";
import { TOKEN_PATTERN } from "@/lib/security/tokens";

export const MESSAGES = {
  place: "Choisissez une place ou « n'importe quelle place libre ».",
  placeBoth: "Indiquez soit une place (resourceId), soit un espace (areaId), pas les deux.",
  id: "Cet identifiant n'est pas valide.",
  instant: "Date et heure invalides : attendu une date ISO 8601 avec fuseau, par exemple 2026-12-07T10:00:00+01:00.",
  instantRequired: "Indiquez la date et l'heure.",
  email: "Saisissez une adresse e-mail valide, par exemple prenom.nom@univ-exemple.fr.",
  emailRequired: "Saisissez votre adresse e-mail.",
  emailTooLong: "Cette adresse e-mail est trop longue.",
  nameTooLong: "Ce nom est trop long (80 caractères au plus).",
  slug: "Bibliothèque inconnue.",
  token: "Ce lien n'est pas valide. Vérifiez que vous avez copié l'adresse complète depuis l'e-mail.",
  date: "La date doit être au format AAAA-MM-JJ, par exemple 2026-12-07.",
  duration: "La durée doit être un nombre de minutes, par exemple 60.",
  area: "Cet espace n'est pas valide.",
  unknownField: "Ce champ n'est pas attendu.",
  body: "Le corps de la requête doit être un objet JSON.",
  query: "Les paramètres de la requête ne sont pas valides.",
} as const;

const id = z.guid({ error: MESSAGES.id });

/** An instant with its UTC offset ("…Z" or "…+01:00"); kept as a string, see `toInstant`. */
export const isoInstant = z
  .string({ error: MESSAGES.instantRequired })
  .trim()
  .min(1, MESSAGES.instantRequired)
  .pipe(z.iso.datetime({ offset: true, error: MESSAGES.instant }));

/** Trimmed, lower-cased, at most 254 characters, a valid address (same rule as lib/domain/email-address). */
export const emailField = z
  .string({ error: MESSAGES.emailRequired })
  .trim()
  .toLowerCase()
  .min(1, MESSAGES.emailRequired)
  .max(254, MESSAGES.emailTooLong)
  .pipe(z.email({ error: MESSAGES.email }));

/** Optional name (required by the use case for group rooms); blank → undefined. */
export const nameField = z
  .string({ error: MESSAGES.nameTooLong })
  .trim()
  .max(80, MESSAGES.nameTooLong)
  .optional()
  .transform((v) => (v ? v : undefined));

export const toInstant = (s: string) => new Date(s);

// ---------------------------------------------------------------------------
// POST /api/v1/reservations
// ---------------------------------------------------------------------------

export const reservationRequestSchema = z
  .strictObject(
    {
      resourceId: id.optional().meta({ description: "La place ou la salle de groupe à réserver." }),
      areaId: id.optional().meta({ description: "Ou : n'importe quelle place libre de cet espace." }),
      startsAt: isoInstant.meta({ description: "Début, instant ISO 8601 avec fuseau.", format: "date-time", examples: ["2026-12-07T10:00:00+01:00"] }),
      endsAt: isoInstant.meta({ description: "Fin, instant ISO 8601 avec fuseau.", format: "date-time", examples: ["2026-12-07T12:00:00+01:00"] }),
      email: emailField.meta({ description: "Adresse e-mail de la personne qui réserve.", format: "email" }),
      name: nameField.meta({ description: "Nom de la réservation, obligatoire pour une salle de groupe." }),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? MESSAGES.unknownField : issue.code === "invalid_type" ? MESSAGES.body : undefined) },
  )
  .superRefine((v, ctx) => {
    if (!v.resourceId && !v.areaId) ctx.addIssue({ code: "custom", path: ["resourceId"], message: MESSAGES.place });
    if (v.resourceId && v.areaId) ctx.addIssue({ code: "custom", path: ["areaId"], message: MESSAGES.placeBoth });
  })
  .meta({ id: "ReservationRequest", description: "Une réservation : resourceId ou areaId, début, fin et adresse e-mail." });

export type ReservationRequest = z.infer<typeof reservationRequestSchema>;

// ---------------------------------------------------------------------------
// The booking form on /bibliotheques/[slug] (FormData → object)
// ---------------------------------------------------------------------------

/** Value of the "place" select meaning "any free seat in this area". */
export const ANY_PLACE = "any";

export const bookingFormSchema = z
  .object({
    slug: z.string({ error: MESSAGES.slug }).trim().min(1, MESSAGES.slug).max(100, MESSAGES.slug),
    areaId: id,
    place: z
      .string({ error: MESSAGES.place })
      .refine((v) => v === ANY_PLACE || id.safeParse(v).success, MESSAGES.place),
    startsAt: isoInstant,
    endsAt: isoInstant,
    email: emailField,
    name: nameField,
  })
  .transform((v) => ({
    slug: v.slug,
    startsAt: v.startsAt,
    endsAt: v.endsAt,
    email: v.email,
    name: v.name,
    areaId: v.areaId,
    /** Undefined: any free place of the area. */
    resourceId: v.place === ANY_PLACE ? undefined : v.place,
  }));

export type BookingForm = z.infer<typeof bookingFormSchema>;

/** The form's fields as strings (FormData.get returns File for file inputs: ignored). */
export function bookingFormInput(form: FormData): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of ["slug", "areaId", "place", "startsAt", "endsAt", "email", "name"]) {
    const v = form.get(key);
    out[key] = typeof v === "string" ? v : undefined;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Tokens in links, and ids in small forms
// ---------------------------------------------------------------------------

export const tokenSchema = z.string({ error: MESSAGES.token }).regex(TOKEN_PATTERN, MESSAGES.token);

export const tokenParamsSchema = z.object({ token: tokenSchema });

export const reservationIdSchema = id;

// ---------------------------------------------------------------------------
// GET /api/v1/libraries/{slug}/availability
// ---------------------------------------------------------------------------

export const availabilityQuerySchema = z.strictObject(
  {
    date: z
      .string({ error: MESSAGES.date })
      .regex(/^\d{4}-\d{2}-\d{2}$/, MESSAGES.date)
      .meta({ description: "Jour local de la bibliothèque, AAAA-MM-JJ." }),
    area: z.string({ error: MESSAGES.area }).trim().min(1, MESSAGES.area).max(100, MESSAGES.area).optional().meta({ description: "Slug d'un espace." }),
    duration: z
      .string({ error: MESSAGES.duration })
      .regex(/^\d{1,4}$/, MESSAGES.duration)
      .transform(Number)
      .optional()
      .meta({ description: "Durée en minutes (multiple du pas de l'espace)." }),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? MESSAGES.unknownField : issue.code === "invalid_type" ? MESSAGES.query : undefined) },
);

// ---------------------------------------------------------------------------
// Responses (documented in the OpenAPI document)
// ---------------------------------------------------------------------------

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "Code stable, par exemple slot_taken, validation_failed, rate_limited." }),
      message: z.string().meta({ description: "Message en français, à afficher." }),
      fields: z.record(z.string(), z.string()).optional().meta({ description: "Message par champ (validation_failed)." }),
      retryAfterSeconds: z.number().int().optional(),
    }),
  })
  .meta({ id: "Error" });

const statusSchema = z.enum(["pending", "confirmed", "validated", "cancelled", "expired", "no_show"]);

export const reservationResponseSchema = z
  .object({
    reservation: z.object({
      id: z.string(),
      status: statusSchema,
      startsAt: z.string().meta({ format: "date-time" }),
      endsAt: z.string().meta({ format: "date-time" }),
      confirmDeadline: z.string().nullable().meta({ format: "date-time", description: "En attente : confirmer avant cet instant." }),
      resource: z.object({ id: z.string(), label: z.string(), kind: z.enum(["seat", "group_room"]) }),
      area: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
      library: z.object({ slug: z.string(), name: z.string(), timeZone: z.string() }),
    }),
  })
  .meta({ id: "Reservation" });

export const librariesResponseSchema = z
  .object({
    libraries: z.array(
      z.object({
        slug: z.string(),
        name: z.string(),
        city: z.string(),
        address: z.string(),
        timeZone: z.string(),
        seats: z.number().int(),
        open: z.boolean(),
        openUntil: z.string().nullable(),
        nextOpening: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "Libraries" });

export const availabilityResponseSchema = z
  .object({
    library: z.object({ slug: z.string(), name: z.string(), timeZone: z.string() }),
    date: z.string(),
    areas: z.array(
      z.object({
        id: z.string(),
        slug: z.string(),
        name: z.string(),
        durationMinutes: z.number().int(),
        durationChoices: z.array(z.number().int()),
        resources: z.array(
          z.object({
            id: z.string(),
            label: z.string(),
            kind: z.enum(["seat", "group_room"]),
            capacity: z.number().int(),
            features: z.array(z.string()).meta({ description: "power_outlet, silent, accessible, screen…" }),
          }),
        ),
        slots: z.array(
          z.object({
            startsAt: z.string().meta({ format: "date-time" }),
            endsAt: z.string().meta({ format: "date-time" }),
            free: z.number().int(),
            freeResourceIds: z.array(z.string()),
          }),
        ),
      }),
    ),
  })
  .meta({ id: "Availability" });

/** Field → first message, from a zod error (for 422 bodies and form field errors). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys) out[k] ??= issue.message;
      continue;
    }
    const key = issue.path.length ? issue.path.map(String).join(".") : "_";
    out[key] ??= issue.message;
  }
  return out;
}
