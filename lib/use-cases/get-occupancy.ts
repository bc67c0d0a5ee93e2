import "server-only";
// Live occupancy of a library: places occupied now (validated reservations in
// progress) out of the places open now (active seats and group rooms — a group
// room counts as one place — when the library is open, 0 when it is closed).
import { getLibraryBySlug } from "@/lib/data/libraries";
import { countOccupied } from "@/lib/data/occupancy";
import { openStatus } from "@/lib/domain/schedule";
import type { Schedule } from "@/lib/domain/types";

export interface Occupancy {
  occupied: number;
  open: number;
  asOf: Date;
}

const openPlaces = (schedule: Schedule, places: number, now: Date) => (openStatus(schedule, now).open ? places : 0);

/** The occupancy of one library, or null when the slug is unknown. */
export async function getOccupancy(input: { slug: string; now: Date }): Promise<Occupancy | null> {
  const library = await getLibraryBySlug(input.slug);
  if (!library) return null;
  const occupied = (await countOccupied([library.id], input.now)).get(library.id) ?? 0;
  return { occupied, open: openPlaces(library.schedule, library.seats, input.now), asOf: input.now };
}

/**
 * The occupancy of several libraries already loaded (the library list: `seats`
 * is their number of active resources), with one query for all of them.
 */
export async function getOccupancies(input: {
  libraries: ReadonlyArray<{ id: string; schedule: Schedule; seats: number }>;
  now: Date;
}): Promise<Map<string, Occupancy>> {
  const counts = await countOccupied(input.libraries.map((l) => l.id), input.now);
  return new Map(
    input.libraries.map((l) => [l.id, { occupied: counts.get(l.id) ?? 0, open: openPlaces(l.schedule, l.seats, input.now), asOf: input.now }]),
  );
}
