// A reservation as the token pages show it: status in French, place, day and
// hours in the library's time zone. Server component (plain markup).
import { formatPeriodFr, formatTimeFr } from "@/lib/domain/time";
import { featureLabel } from "./features";

export type ReservationStatusName = "PENDING" | "CONFIRMED" | "VALIDATED" | "CANCELLED" | "EXPIRED" | "NO_SHOW";

export const STATUS_LABELS: Record<ReservationStatusName, string> = {
  PENDING: "En attente de confirmation",
  CONFIRMED: "Confirmée",
  VALIDATED: "Présence validée",
  CANCELLED: "Annulée",
  EXPIRED: "Expirée (non confirmée à temps)",
  NO_SHOW: "Annulée (présence non validée à temps)",
};

const STATUS_STYLES: Record<ReservationStatusName, string> = {
  PENDING: "border-amber-600 bg-amber-50 text-amber-950",
  CONFIRMED: "border-brand-700 bg-brand-50 text-brand-800",
  VALIDATED: "border-brand-700 bg-brand-50 text-brand-800",
  CANCELLED: "border-stone-500 bg-stone-100 text-stone-800",
  EXPIRED: "border-stone-500 bg-stone-100 text-stone-800",
  NO_SHOW: "border-stone-500 bg-stone-100 text-stone-800",
};

export interface SummaryReservation {
  status: ReservationStatusName;
  startsAt: Date;
  endsAt: Date;
  name: string | null;
  validatedAt: Date | null;
  cancelledBy: "STUDENT" | "STAFF" | "SYSTEM" | null;
  cancelReason: string | null;
  resource: { label: string; kind: "SEAT" | "GROUP_ROOM"; features: string[] };
  area: { name: string };
  library: { name: string; address: string; timeZone: string };
}

export function StatusBadge({ status }: { status: ReservationStatusName }) {
  return (
    <span className={`inline-block rounded-full border px-3 py-0.5 text-sm font-semibold ${STATUS_STYLES[status]}`}>{STATUS_LABELS[status]}</span>
  );
}

export function ReservationSummary({ reservation: r }: { reservation: SummaryReservation }) {
  const tz = r.library.timeZone;
  const rows: Array<[string, string]> = [
    ["Bibliothèque", `${r.library.name}, ${r.library.address}`],
    ["Espace", r.area.name],
    [r.resource.kind === "GROUP_ROOM" ? "Salle" : "Place", [r.resource.label, ...r.resource.features.map(featureLabel)].join(" · ")],
    ["Quand", formatPeriodFr(r.startsAt, r.endsAt, tz)],
  ];
  if (r.name) rows.push(["Au nom de", r.name]);
  if (r.status === "VALIDATED" && r.validatedAt) rows.push(["Présence validée à", formatTimeFr(r.validatedAt, tz)]);
  if (r.status === "CANCELLED" && r.cancelledBy === "STAFF") {
    rows.push(["Annulée par", r.cancelReason ? `la bibliothèque : ${r.cancelReason}` : "la bibliothèque"]);
  }
  return (
    <div className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
      <p>
        <span className="sr-only">Statut : </span>
        <StatusBadge status={r.status} />
      </p>
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-semibold">{k}</dt>
            <dd className="first-letter:uppercase">{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
