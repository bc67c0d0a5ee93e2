// Live occupancy: "12 places occupées sur 160" and a simple bar. Server
// components: the number is the one of the moment the page was rendered.
import type { Occupancy } from "@/lib/use-cases/get-occupancy";

const places = (n: number) => (n > 1 ? "places occupées" : "place occupée");

/** The number (data-testid="occupancy-count") and a bar (role="img" with its own label). */
export function OccupancyGauge({ occupancy }: { occupancy: Pick<Occupancy, "occupied" | "open"> | null | undefined }) {
  if (!occupancy) return null;
  const { occupied, open } = occupancy;
  const ratio = open > 0 ? Math.min(1, occupied / open) : 0;
  const percent = Math.round(ratio * 100);
  const label = open > 0 ? `${occupied} ${places(occupied)} sur ${open} (${percent} %)` : `${occupied} ${places(occupied)}, bibliothèque fermée`;
  const bar = ratio >= 0.9 ? "bg-red-700" : ratio >= 0.7 ? "bg-amber-600" : "bg-brand-600";
  return (
    <div className="mt-1 space-y-1">
      <p className="text-sm text-stone-800">
        <span className="sr-only">Affluence en ce moment : </span>
        <span data-testid="occupancy-count" className="text-base font-semibold">
          {occupied}
        </span>{" "}
        {places(occupied)}
        {open > 0 ? (
          <>
            {" "}
            sur <span data-testid="occupancy-open">{open}</span> en ce moment
          </>
        ) : (
          " · bibliothèque fermée"
        )}
      </p>
      <div role="img" aria-label={label} className="h-2 w-full max-w-xs overflow-hidden rounded-full bg-stone-200">
        <div className={`h-full rounded-full ${bar}`} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

