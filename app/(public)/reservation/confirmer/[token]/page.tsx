// /reservation/confirmer/<CONFIRM token>: the link of "Confirmez votre
// réservation". Shows the reservation and a button that POSTs; opening the
// page (GET, HEAD, a mail scanner) changes nothing. Referrer-Policy:
// no-referrer comes from next.config.ts for /reservation/*.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LinkProblem } from "@/components/link-problem";
import { ReservationSummary } from "@/components/reservation-summary";
import { TokenActionForm } from "@/components/token-action-form";
import { ERROR_MESSAGES } from "@/lib/domain/errors";
import { formatTimeFr } from "@/lib/domain/time";
import { getReservationByToken } from "@/lib/use-cases/get-reservation-by-token";
import { confirmAction } from "../../actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Confirmer ma réservation",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

export default async function ConfirmPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const now = new Date();
  const found = await getReservationByToken({ token, purpose: "CONFIRM", now });
  if (!found.found) notFound();
  const r = found.reservation;
  const tz = r.library.timeZone;

  let why: React.ReactNode = null;
  if (!found.can.confirm) {
    if (found.tokenState === "used") why = <LinkProblem title={ERROR_MESSAGES.token_used}>{statusLine(r.status)}</LinkProblem>;
    else if (r.status === "CONFIRMED" || r.status === "VALIDATED") {
      why = <LinkProblem title={ERROR_MESSAGES.already_confirmed}><p>Vous n&apos;avez rien d&apos;autre à faire.</p></LinkProblem>;
    } else if (found.tokenState === "expired" || r.status === "EXPIRED" || (r.status === "PENDING" && r.confirmDeadline && r.confirmDeadline <= now)) {
      why = (
        <LinkProblem title={ERROR_MESSAGES.token_expired}>
          <p>Le délai de confirmation est dépassé : la réservation n&apos;a pas été confirmée à temps et la place a été libérée. Vous pouvez réserver à nouveau.</p>
        </LinkProblem>
      );
    } else why = <LinkProblem title={ERROR_MESSAGES.not_pending}>{statusLine(r.status)}</LinkProblem>;
  }

  return (
    <div className="mx-auto max-w-xl space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">Confirmer ma réservation</h1>
      <ReservationSummary reservation={r} />
      {found.can.confirm && r.confirmDeadline ? (
        <p>
          Confirmez avant <strong>{formatTimeFr(r.confirmDeadline, tz)}</strong>, sinon la réservation sera annulée. Cette étape n&apos;est
          nécessaire que pour votre première réservation.
        </p>
      ) : null}
      <TokenActionForm
        action={confirmAction}
        token={token}
        label="Confirmer ma réservation"
        pendingLabel="Confirmation…"
        available={found.can.confirm}
        unavailable={why}
      />
      <p>
        <Link href={`/bibliotheques/${r.library.slug}`} className="font-semibold text-brand-800 underline">
          Page de {r.library.name}
        </Link>
      </p>
    </div>
  );
}

function statusLine(status: string) {
  const text: Record<string, string> = {
    PENDING: "La réservation attend toujours sa confirmation : utilisez le lien du dernier e-mail reçu.",
    CONFIRMED: "La réservation est confirmée.",
    VALIDATED: "Votre présence a été validée.",
    CANCELLED: "La réservation a été annulée.",
    EXPIRED: "La réservation n'a pas été confirmée à temps : la place a été libérée.",
    NO_SHOW: "La présence n'a pas été validée à temps : la réservation a été annulée.",
  };
  return <p>{text[status]}</p>;
}
