import "server-only";
// Free slots of a library on one local date, per area: from opening hours,
// closures and live reservations. Shared by the library page and the API.
import { getLibraryBySlug, listBusyPeriods, type AreaDetail, type LibraryDetail } from "@/lib/data/libraries";
import { availability, candidateSlots, checkDate, durationChoices } from "@/lib/domain/slots";
import { addDays, zonedInstant } from "@/lib/domain/time";

export interface SlotAvailability {
  start: Date;
  end: Date;
  freeResourceIds: string[];
}

export interface AreaAvailability {
  area: AreaDetail;
  durationMinutes: number;
  durationChoices: number[];
  slots: SlotAvailability[];
}

export type AvailabilityResult =
  | { ok: true; library: LibraryDetail; date: string; areas: AreaAvailability[] }
  | { ok: false; reason: "unknown_library" }
  | { ok: false; reason: "malformed" | "past" | "beyond_horizon"; library: LibraryDetail };

export async function getAvailability(input: {
  slug: string;
  date: string;
  now: Date;
  areaSlug?: string;
  durationMinutes?: number;
}): Promise<AvailabilityResult> {
  const library = await getLibraryBySlug(input.slug);
  if (!library) return { ok: false, reason: "unknown_library" };
  const policy = { timeZone: library.schedule.timeZone, bookingHorizonDays: library.bookingHorizonDays };
  const dateCheck = checkDate(policy, input.date, input.now);
  if (!dateCheck.ok) return { ok: false, reason: dateCheck.reason, library };

  const areas = library.areas.filter((a) => !input.areaSlug || a.slug === input.areaSlug);
  const dayStart = zonedInstant(input.date, 0, policy.timeZone);
  const dayEnd = zonedInstant(addDays(input.date, 1), 0, policy.timeZone);
  const result = await Promise.all(
    areas.map(async (area): Promise<AreaAvailability> => {
      const choices = durationChoices(area);
      const duration =
        input.durationMinutes && choices.includes(input.durationMinutes) ? input.durationMinutes : area.minDurationMinutes;
      const slots = candidateSlots(library.schedule, area, input.date, duration, input.now, policy);
      const busy = slots.length ? await listBusyPeriods(area.id, dayStart, dayEnd) : [];
      return { area, durationMinutes: duration, durationChoices: choices, slots: availability(slots, area.resources, busy) };
    }),
  );
  return { ok: true, library, date: input.date, areas: result };
}
