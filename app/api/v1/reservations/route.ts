// POST /api/v1/reservations: book a place (JSON). Same use case as the booking
// form. 201 with the reservation; errors are {"error":{"code","message",…}}.
import { createReservation } from "@/lib/use-cases/create-reservation";
import { reservationJson } from "@/lib/http/reservation-json";
import { kickOutbox } from "@/lib/email/kick";
import { errorResponse, readJsonBody, validationError } from "@/lib/http/api-error";
import { clientKey } from "@/lib/security/client";
import { reservationRequestSchema, toInstant } from "@/lib/validation/reservation";

export const dynamic = "force-dynamic";

export async function POST(req: Request): Promise<Response> {
  const body = await readJsonBody(req);
  if (!body.ok) return body.response;
  const parsed = reservationRequestSchema.safeParse(body.value);
  if (!parsed.success) return validationError(parsed.error);
  const input = parsed.data;
  try {
    const created = await createReservation({
      resourceId: input.resourceId,
      areaId: input.areaId,
      startsAt: toInstant(input.startsAt),
      endsAt: toInstant(input.endsAt),
      email: input.email,
      name: input.name,
      clientKey: clientKey(req.headers),
      now: new Date(),
    });
    kickOutbox();
    return Response.json(reservationJson(created), { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    return errorResponse(e, "POST /api/v1/reservations");
  }
}
