import { weekHours } from "@/lib/domain/schedule";
import { formatDateFr, formatTimeFr } from "@/lib/domain/time";
import type { LocalDate, Schedule } from "@/lib/domain/types";

export function WeekHours({ schedule, from }: { schedule: Schedule; from: LocalDate }) {
  const tz = schedule.timeZone;
  const days = weekHours(schedule, from);
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Horaires d&apos;ouverture des sept prochains jours</caption>
      <thead>
        <tr className="border-b border-stone-300">
          <th scope="col" className="py-1 pr-4 font-semibold">Jour</th>
          <th scope="col" className="py-1 font-semibold">Horaires</th>
        </tr>
      </thead>
      <tbody>
        {days.map((d) => (
          <tr key={d.date} className="border-b border-stone-100 align-top">
            <th scope="row" className="py-1 pr-4 font-normal first-letter:uppercase">
              {formatDateFr(d.date, tz)}
            </th>
            <td className="py-1">
              {d.intervals.length === 0
                ? "Fermé"
                : d.intervals.map((i) => `${formatTimeFr(i.start, tz)} – ${formatTimeFr(i.end, tz)}`).join(", ")}
              {d.special ? <span className="block text-amber-900">Horaires modifiés : {d.special}</span> : null}
              {d.closedReason ? <span className="block text-amber-900">{d.closedReason}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
