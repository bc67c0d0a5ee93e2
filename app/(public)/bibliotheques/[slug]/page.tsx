import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OpenStatus } from "@/components/open-status";
import { OccupancyGauge } from "@/components/occupancy-gauge";
import { getOccupancy } from "@/lib/use-cases/get-occupancy";
import { WeekHours } from "@/components/week-hours";
import { SlotList, SlotPickerForm, pickerHref, type PickerState } from "@/components/slot-picker";
import { BookingForm } from "@/components/booking-form";
import { featureLabel } from "@/components/features";
import { bookAction, resendAction } from "./actions";
import { getAvailability } from "@/lib/use-cases/get-availability";
import { getLibraryBySlug } from "@/lib/data/libraries";
import { upcomingClosures } from "@/lib/domain/schedule";
import { bookableDates } from "@/lib/domain/slots";
import { formatDateFr, formatPeriodFr, localDateOf } from "@/lib/domain/time";

type Params = Promise<{ slug: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { slug } = await params;
  const library = await getLibraryBySlug(slug);
  return { title: library ? `${library.name} (${library.city})` : "Bibliothèque introuvable" };
}

const DATE_MESSAGES = {
  malformed: "La date demandée n'est pas valide. Choisissez un jour dans la liste.",
  past: "Ce jour est passé : choisissez un jour à venir.",
  beyond_horizon: "Ce jour est trop loin : les réservations ouvrent au plus",
} as const;

export default async function LibraryPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { slug } = await params;
  const search = await searchParams;
  const now = new Date();

  const library = await getLibraryBySlug(slug);
  if (!library) notFound();
  const tz = library.schedule.timeZone;
  const today = localDateOf(now, tz);
  const requestedDate = one(search.date) ?? today;
  const areaSlug = library.areas.some((a) => a.slug === one(search.espace)) ? one(search.espace)! : library.areas[0]?.slug;
  const duration = Number(one(search.duree)) || undefined;

  const availability = areaSlug
    ? await getAvailability({ slug, date: requestedDate, now, areaSlug, durationMinutes: duration })
    : undefined;
  if (availability && !availability.ok && availability.reason === "unknown_library") notFound();
  const area = availability?.ok ? availability.areas[0] : undefined;
  const dates = bookableDates({ timeZone: tz, bookingHorizonDays: library.bookingHorizonDays }, now);
  const state: PickerState = {
    slug,
    date: availability?.ok ? requestedDate : today,
    areaSlug: areaSlug ?? "",
    durationMinutes: area?.durationMinutes ?? library.areas[0]?.minDurationMinutes ?? 60,
    start: one(search.debut),
  };
  const closures = upcomingClosures(library.schedule, now);
  // The slot picked in the list (?debut=…), which the booking form books.
  const selected = state.start ? area?.slots.find((s) => s.start.toISOString() === state.start) : undefined;

  return (
    <div className="space-y-8">
      <section className="space-y-1">
        <h1 className="text-3xl font-bold tracking-tight">{library.name}</h1>
        <p className="text-stone-700">{library.address}</p>
        <OpenStatus schedule={library.schedule} now={now} />
        <OccupancyGauge occupancy={await getOccupancy({ slug, now })} />
      </section>

      <section id="creneaux" aria-labelledby="reserver-titre" className="space-y-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
        <h2 id="reserver-titre" className="text-xl font-semibold">Réserver une place</h2>
        {availability && !availability.ok ? (
          <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-950">
            {availability.reason === "beyond_horizon"
              ? `${DATE_MESSAGES.beyond_horizon} ${library.bookingHorizonDays} jours à l'avance.`
              : DATE_MESSAGES[availability.reason as "malformed" | "past"]}
          </p>
        ) : null}
        <SlotPickerForm
          state={state}
          dates={dates}
          timeZone={tz}
          areas={library.areas}
          durationChoices={area?.durationChoices ?? [state.durationMinutes]}
        />
        {area ? (
          <div className="space-y-2">
            <h3 className="font-semibold">
              {area.area.name} · <span className="first-letter:uppercase">{formatDateFr(state.date, tz)}</span>
            </h3>
            <SlotList state={state} data={area} timeZone={tz} />
          </div>
        ) : null}
        {area && selected ? (
          <BookingForm
            key={`${area.area.id}-${state.start}`}
            action={bookAction}
            resendAction={resendAction}
            slug={slug}
            areaId={area.area.id}
            areaName={area.area.name}
            group={area.area.resources.length > 0 && area.area.resources.every((r) => r.kind === "GROUP_ROOM")}
            startsAt={selected.start.toISOString()}
            endsAt={selected.end.toISOString()}
            slotLabel={formatPeriodFr(selected.start, selected.end, tz)}
            places={area.area.resources
              .filter((r) => selected.freeResourceIds.includes(r.id))
              .map((r) => ({ id: r.id, label: r.label, detail: [...(r.kind === "GROUP_ROOM" ? [`${r.capacity} personnes`] : []), ...r.features.map(featureLabel)].join(", ") }))}
            anotherSlotHref={pickerHref({ ...state, start: undefined })}
          />
        ) : null}
      </section>

      <div className="grid gap-8 md:grid-cols-2">
        <section aria-labelledby="horaires-titre" className="space-y-2">
          <h2 id="horaires-titre" className="text-xl font-semibold">Horaires</h2>
          <WeekHours schedule={library.schedule} from={today} />
        </section>
        <section aria-labelledby="fermetures-titre" className="space-y-2">
          <h2 id="fermetures-titre" className="text-xl font-semibold">Fermetures à venir</h2>
          {closures.length === 0 ? (
            <p>Aucune fermeture exceptionnelle prévue.</p>
          ) : (
            <ul className="space-y-2">
              {closures.map((c) => (
                <li key={c.startsAt.toISOString()} className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950">
                  <span className="font-semibold first-letter:uppercase">{formatPeriodFr(c.startsAt, c.endsAt, tz)}</span> : {c.reason}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="espaces-titre" className="space-y-2">
        <h2 id="espaces-titre" className="text-xl font-semibold">Espaces</h2>
        <ul className="grid gap-3 sm:grid-cols-3">
          {library.areas.map((a) => (
            <li key={a.id} className="rounded border border-stone-200 bg-white p-3">
              <h3 className="font-semibold">{a.name}</h3>
              <p className="text-sm text-stone-700">{a.description}</p>
              <p className="text-sm text-stone-600">
                {a.resources.length} {a.resources.every((r) => r.kind === "GROUP_ROOM") ? "salles" : "places"}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
