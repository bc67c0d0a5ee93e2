import Link from "next/link";
import type { AreaAvailability } from "@/lib/use-cases/get-availability";
import type { AreaDetail } from "@/lib/data/libraries";
import { formatDateFr, formatTimeFr } from "@/lib/domain/time";

export interface PickerState {
  slug: string;
  date: string;
  areaSlug: string;
  durationMinutes: number;
  start?: string;
}

export const formatDuration = (m: number) =>
  m % 60 === 0 ? `${m / 60} h` : m > 60 ? `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")}` : `${m} min`;

export function pickerHref(s: PickerState, patch: Partial<PickerState> = {}): string {
  const next = { ...s, ...patch };
  const params = new URLSearchParams({ date: next.date, espace: next.areaSlug, duree: String(next.durationMinutes) });
  if (next.start) params.set("debut", next.start);
  return `/bibliotheques/${next.slug}?${params.toString()}#creneaux`;
}

/** Day, area and duration: a plain GET form, so it works without JavaScript. */
export function SlotPickerForm({
  state,
  dates,
  timeZone,
  areas,
  durationChoices,
}: {
  state: PickerState;
  dates: string[];
  timeZone: string;
  areas: AreaDetail[];
  durationChoices: number[];
}) {
  return (
    <form method="get" action={`/bibliotheques/${state.slug}#creneaux`} className="grid gap-3 sm:grid-cols-[2fr_2fr_1fr_auto] sm:items-end">
      <div>
        <label htmlFor="date" className="block text-sm font-medium">Jour</label>
        <select id="date" name="date" defaultValue={state.date} className="mt-1 w-full rounded border border-stone-400 bg-white px-2 py-2">
          {dates.map((d) => (
            <option key={d} value={d}>
              {formatDateFr(d, timeZone)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="espace" className="block text-sm font-medium">Espace</label>
        <select id="espace" name="espace" defaultValue={state.areaSlug} className="mt-1 w-full rounded border border-stone-400 bg-white px-2 py-2">
          {areas.map((a) => (
            <option key={a.slug} value={a.slug}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="duree" className="block text-sm font-medium">Durée</label>
        <select id="duree" name="duree" defaultValue={String(state.durationMinutes)} className="mt-1 w-full rounded border border-stone-400 bg-white px-2 py-2">
          {durationChoices.map((d) => (
            <option key={d} value={d}>
              {formatDuration(d)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
        Voir les créneaux
      </button>
    </form>
  );
}

/** The free slots of one area with the number of places left; a slot links to its places. */
export function SlotList({ state, data, timeZone }: { state: PickerState; data: AreaAvailability; timeZone: string }) {
  if (data.slots.length === 0) {
    return <p className="rounded bg-stone-100 p-3">Aucun créneau ce jour-là dans cet espace (bibliothèque fermée, ou horaires déjà passés).</p>;
  }
  const group = data.area.resources.every((r) => r.kind === "GROUP_ROOM");
  return (
    <ul aria-label="Créneaux" className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      {data.slots.map((slot) => {
        const free = slot.freeResourceIds.length;
        const label = `${formatTimeFr(slot.start, timeZone)} – ${formatTimeFr(slot.end, timeZone)}`;
        const places = free === 0 ? "complet" : `${free} ${group ? (free > 1 ? "salles libres" : "salle libre") : free > 1 ? "places libres" : "place libre"}`;
        const selected = state.start === slot.start.toISOString();
        return (
          <li key={slot.start.toISOString()}>
            {free === 0 ? (
              <span className="block rounded border border-stone-200 bg-stone-100 p-2 text-center text-stone-600">
                <span className="block font-semibold">{label}</span>
                <span className="text-sm">{places}</span>
              </span>
            ) : (
              <Link
                href={pickerHref(state, { start: slot.start.toISOString() })}
                aria-current={selected ? "true" : undefined}
                className={`block rounded border p-2 text-center ${selected ? "border-brand-700 bg-brand-700 text-white" : "border-brand-600 bg-white text-brand-800 hover:bg-brand-50"}`}
              >
                <span className="block font-semibold">{label}</span>
                <span className="text-sm">{places}</span>
              </Link>
            )}
          </li>
        );
      })}
    </ul>
  );
}
