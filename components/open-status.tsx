import { openStatus } from "@/lib/domain/schedule";
import { formatDateFr, formatTimeFr, localDateOf } from "@/lib/domain/time";
import type { Schedule } from "@/lib/domain/types";

/** "Ouvert jusqu'à 22 h" or "Fermé · ouvre demain à 8 h". */
export function OpenStatus({ schedule, now }: { schedule: Schedule; now: Date }) {
  const status = openStatus(schedule, now);
  const tz = schedule.timeZone;
  if (status.open) {
    const sameDay = status.until && localDateOf(status.until, tz) === localDateOf(now, tz);
    return (
      <p className="inline-flex items-center gap-2 text-sm font-medium text-brand-800">
        <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-full bg-brand-600" />
        Ouvert
        {status.until ? ` jusqu'à ${formatTimeFr(status.until, tz)}${sameDay ? "" : ` (${formatDateFr(status.until, tz)})`}` : ""}
      </p>
    );
  }
  return (
    <p className="inline-flex items-center gap-2 text-sm font-medium text-stone-700">
      <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-full bg-stone-400" />
      Fermé
      {status.nextOpening ? ` · ouvre ${describeDay(status.nextOpening, now, tz)} à ${formatTimeFr(status.nextOpening, tz)}` : ""}
    </p>
  );
}

function describeDay(instant: Date, now: Date, tz: string): string {
  const day = localDateOf(instant, tz);
  const today = localDateOf(now, tz);
  if (day === today) return "aujourd'hui";
  const tomorrow = localDateOf(new Date(now.getTime() + 24 * 3600_000), tz);
  if (day === tomorrow) return "demain";
  return formatDateFr(instant, tz);
}
