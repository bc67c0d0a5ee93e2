// GET /api/v1/libraries: every library, whether it is open now and until when.
import { listLibraries } from "@/lib/data/libraries";
import { openStatus } from "@/lib/domain/schedule";
import { errorResponse } from "@/lib/http/api-error";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const now = new Date();
    const libraries = await listLibraries();
    return Response.json(
      {
        libraries: libraries.map((l) => {
          const status = openStatus(l.schedule, now);
          return {
            slug: l.slug,
            name: l.name,
            city: l.city,
            address: l.address,
            timeZone: l.schedule.timeZone,
            seats: l.seats,
            open: status.open,
            openUntil: status.until?.toISOString() ?? null,
            nextOpening: status.nextOpening?.toISOString() ?? null,
          };
        }),
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (e) {
    return errorResponse(e, "GET /api/v1/libraries");
  }
}
