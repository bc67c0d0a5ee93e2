// French wording shared by the templates: days and hours in the library's time
// zone, durations, the booked place.
import { formatDateFr, formatTimeFr, localDateOf } from "@/lib/domain/time";
import type { ReservationDetails } from "./types";

/** "2 heures", "1 heure", "1 h 30", "20 minutes", "1 minute". */
export function formatDurationFr(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return m === 1 ? "1 minute" : `${m} minutes`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (rest === 0) return h === 1 ? "1 heure" : `${h} heures`;
  return `${h} h ${String(rest).padStart(2, "0")}`;
}

/** "lundi 7 décembre 2026" */
export const dayOf = (r: Pick<ReservationDetails, "startsAt" | "library">) => formatDateFr(r.startsAt, r.library.timeZone);

/** "de 14 h à 16 h 30", or "du lundi … à 23 h au mardi … à 1 h" when it crosses midnight. */
export function hoursOf(r: Pick<ReservationDetails, "startsAt" | "endsAt" | "library">): string {
  const tz = r.library.timeZone;
  if (localDateOf(r.startsAt, tz) === localDateOf(r.endsAt, tz)) {
    return `de ${formatTimeFr(r.startsAt, tz)} à ${formatTimeFr(r.endsAt, tz)}`;
  }
  return `du ${formatDateFr(r.startsAt, tz)} à ${formatTimeFr(r.startsAt, tz)} au ${formatDateFr(r.endsAt, tz)} à ${formatTimeFr(r.endsAt, tz)}`;
}

/** "lundi 7 décembre 2026, de 14 h à 16 h" */
export function whenOf(r: Pick<ReservationDetails, "startsAt" | "endsAt" | "library">): string {
  const tz = r.library.timeZone;
  return localDateOf(r.startsAt, tz) === localDateOf(r.endsAt, tz) ? `${dayOf(r)}, ${hoursOf(r)}` : hoursOf(r);
}

/** "16 h 30" when `at` falls on `sameDayAs`'s local date, else "16 h 30 le lundi 7 décembre 2026". */
export function deadlineFr(at: Date, timeZone: string, sameDayAs?: Date): string {
  const time = formatTimeFr(at, timeZone);
  if (sameDayAs && localDateOf(sameDayAs, timeZone) === localDateOf(at, timeZone)) return time;
  return `${time} le ${formatDateFr(at, timeZone)}`;
}

/** "Place A001" or "Salle Ampère (6 personnes)". */
export function placeOf(r: Pick<ReservationDetails, "resource">): string {
  const { kind, label, capacity } = r.resource;
  return kind === "GROUP_ROOM" ? `${label} (${capacity} personne${capacity > 1 ? "s" : ""})` : label;
}

/** "votre place" / "votre salle" */
export const placeNoun = (r: Pick<ReservationDetails, "resource">) => (r.resource.kind === "GROUP_ROOM" ? "salle" : "place");

/** The summary table of a reservation. */
export function detailRows(r: ReservationDetails): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    ["Bibliothèque", r.library.name],
    ["Adresse", r.library.address],
    ["Espace", r.areaName],
    [r.resource.kind === "GROUP_ROOM" ? "Votre salle" : "Votre place", placeOf(r)],
    ["Jour", dayOf(r)],
    ["Horaire", hoursOf(r)],
  ];
  if (r.name) rows.push(["Au nom de", r.name]);
  return rows;
}
