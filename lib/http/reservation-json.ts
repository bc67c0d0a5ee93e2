// The reservation as the JSON API shows it (schema: reservationResponseSchema).
import type { CreatedReservation } from "@/lib/use-cases/create-reservation";

export function reservationJson(r: CreatedReservation) {
  return {
    reservation: {
      id: r.id,
      status: r.status.toLowerCase() as "pending" | "confirmed",
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      confirmDeadline: r.confirmDeadline?.toISOString() ?? null,
      resource: { id: r.resource.id, label: r.resource.label, kind: r.resource.kind === "SEAT" ? "seat" : "group_room" },
      area: { id: r.area.id, slug: r.area.slug, name: r.area.name },
      library: { slug: r.library.slug, name: r.library.name, timeZone: r.library.timeZone },
    },
  };
}
