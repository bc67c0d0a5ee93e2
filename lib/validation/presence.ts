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
