// The presence-validation form (/reservation/validate): the establishment
// code, and either the reservation link's token (`suivi`) or the address.
// Only shapes and sizes here; the use case normalises and decides.
import { z } from "zod";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

export const validatePresenceForm = z.object({
  code: z
    .string({ error: "Saisissez le code d'établissement affiché sous le QR code." })
    .trim()
    .min(1, "Saisissez le code d'établissement affiché sous le QR code.")
    .max(32, "Ce code d'établissement n'est pas valide. Vérifiez le code affiché sous le QR code."),
  email: z
    .string()
    .trim()
    .max(254, "Cette adresse e-mail est trop longue.")
    .optional()
    .transform((v) => (v ? v : undefined)),
  suivi: optionalText(100),
});

export type ValidatePresenceForm = z.infer<typeof validatePresenceForm>;

/** GET /api/v1/libraries/{slug}/occupancy — what the route answers (and the OpenAPI document says). */
export const occupancyResponseSchema = z.object({
  library: z.string().describe("Slug de la bibliothèque"),
  occupied: z.number().int().min(0).describe("Places occupées maintenant : réservations en cours dont la présence est validée"),
  open: z.number().int().min(0).describe("Places ouvertes maintenant (0 quand la bibliothèque est fermée ; une salle de groupe compte pour une)"),
  asOf: z.string().describe("Instant du calcul, ISO 8601 UTC"),
});
export type OccupancyResponse = z.infer<typeof occupancyResponseSchema>;
