// GET /api/v1/libraries/{slug}/availability?date=YYYY-MM-DD[&area=slug][&duration=minutes]:
// the free slots of each area that day, with the free places of each slot.
import { getLibraryBySlug } from "@/lib/data/libraries";
import { apiError, errorResponse, validationError } from "@/lib/http/api-error";
import { ERROR_MESSAGES } from "@/lib/domain/errors";
import { getAvailability } from "@/lib/use-cases/get-availability";
import { availabilityQuerySchema, MESSAGES } from "@/lib/validation/reservation";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await ctx.params;
  const query = availabilityQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) return validationError(query.error);
  const { date, area, duration } = query.data;
  try {
    const library = await getLibraryBySlug(slug);
    if (!library) return apiError(404, "unknown_library", ERROR_MESSAGES.unknown_library);
    if (area && !library.areas.some((a) => a.slug === area)) return apiError(404, "unknown_area", ERROR_MESSAGES.unknown_area);
    const result = await getAvailability({ slug, date, now: new Date(), areaSlug: area, durationMinutes: duration });
    if (!result.ok) {
      if (result.reason === "unknown_library") return apiError(404, "unknown_library", ERROR_MESSAGES.unknown_library);
      if (result.reason === "malformed") {
        return apiError(422, "validation_failed", "Certains champs sont invalides.", { fields: { date: MESSAGES.date } });
      }
      const message =
        result.reason === "past"
          ? "Cette date est passée : choisissez aujourd'hui ou un jour à venir."
          : `Cette date est trop loin : les réservations ouvrent ${library.bookingHorizonDays} jours à l'avance au plus.`;
      return apiError(422, result.reason, message, { fields: { date: message } });
    }
    if (duration !== undefined && !result.areas.some((a) => a.durationChoices.includes(duration))) {
      const message = "Cette durée n'est pas proposée dans cet espace.";
      return apiError(422, "validation_failed", "Certains champs sont invalides.", { fields: { duration: message } });
    }
    return Response.json(
      {
        library: { slug: library.slug, name: library.name, timeZone: library.timeZone },
        date: result.date,
        areas: result.areas.map((a) => ({
          id: a.area.id,
          slug: a.area.slug,
          name: a.area.name,
          durationMinutes: a.durationMinutes,
          durationChoices: a.durationChoices,
          resources: a.area.resources.map((r) => ({
            id: r.id,
            label: r.label,
            kind: r.kind === "SEAT" ? "seat" : "group_room",
            capacity: r.capacity,
            features: r.features,
          })),
          slots: a.slots.map((s) => ({
            startsAt: s.start.toISOString(),
            endsAt: s.end.toISOString(),
            free: s.freeResourceIds.length,
            freeResourceIds: s.freeResourceIds,
          })),
        })),
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (e) {
    return errorResponse(e, "GET /api/v1/libraries/{slug}/availability");
  }
}
