import Link from "next/link";
import { OpenStatus } from "@/components/open-status";
import { OccupancyGauge } from "@/components/occupancy-gauge";
import { getOccupancies } from "@/lib/use-cases/get-occupancy";
import { listLibraries } from "@/lib/data/libraries";

export default async function HomePage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const { q } = await searchParams;
  const query = (Array.isArray(q) ? q[0] : q)?.slice(0, 100) ?? "";
  const libraries = await listLibraries(query);
  const now = new Date();
  const occupancies = await getOccupancies({ libraries, now });
  return (
    <div className="space-y-6">
      <section className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">Réservez votre place en bibliothèque</h1>
        <p className="text-stone-700">
          Choisissez votre bibliothèque, un créneau et une place, indiquez votre adresse e-mail : c&apos;est réservé.
        </p>
      </section>
      <form role="search" method="get" action="/" className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="flex-1">
          <label htmlFor="q" className="block text-sm font-medium">
            Rechercher une bibliothèque ou une ville
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={query}
            maxLength={100}
            placeholder="ex. Lyon, Tanneurs"
            className="mt-1 w-full rounded border border-stone-400 bg-white px-3 py-2"
          />
        </div>
        <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          Rechercher
        </button>
      </form>
      <section aria-labelledby="liste-titre" className="space-y-3">
        <h2 id="liste-titre" className="sr-only">
          Bibliothèques
        </h2>
        <p aria-live="polite" className="text-sm text-stone-600">
          {libraries.length === 0
            ? `Aucune bibliothèque ne correspond à « ${query} ».`
            : `${libraries.length} bibliothèque${libraries.length > 1 ? "s" : ""}${query ? ` pour « ${query} »` : ""}`}
        </p>
        <ul className="grid gap-3 sm:grid-cols-2">
          {libraries.map((l) => (
            <li key={l.id} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
              <h3 className="text-lg font-semibold">
                <Link href={`/bibliotheques/${l.slug}`} className="text-brand-700 underline-offset-4 hover:underline">
                  {l.name}
                </Link>
              </h3>
              <p className="text-sm text-stone-700">
                {l.city} · {l.address}
              </p>
              <OpenStatus schedule={l.schedule} now={now} />
              <OccupancyGauge occupancy={occupancies.get(l.id)} />
              <p className="text-sm text-stone-600">{l.seats} places réservables</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
