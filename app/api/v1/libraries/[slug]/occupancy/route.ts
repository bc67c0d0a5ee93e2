// GET /api/v1/libraries/{slug}/occupancy — places occupied now (validated
// reservations in progress) out of the places open now (0 when closed).
// 200 {"library":"slug","occupied":n,"open":n,"asOf":"ISO-8601"}; 404 for an unknown slug.
import { ERROR_MESSAGES } from "@/lib/domain/errors";
import { apiError, errorResponse } from "@/lib/http/api-error";
import { getOccupancy } from "@/lib/use-cases/get-occupancy";
import type { OccupancyResponse } from "@/lib/validation/presence";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  try {
    const occupancy = /^[a-z0-9-]{1,100}$/.test(slug) ? await getOccupancy({ slug, now: new Date() }) : null;
    if (!occupancy) return apiError(404, "unknown_library", ERROR_MESSAGES.unknown_library);
    const body: OccupancyResponse = { library: slug, occupied: occupancy.occupied, open: occupancy.open, asOf: occupancy.asOf.toISOString() };
    return Response.json(body, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    return errorResponse(e, "GET /api/v1/libraries/{slug}/occupancy");
  }
}
