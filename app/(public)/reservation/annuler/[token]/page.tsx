// /reservation/annuler/<CANCEL token>: the "Annuler ma réservation" link of the
// emails. Shows the reservation and a button that POSTs; opening the page
// changes nothing. Referrer-Policy: no-referrer (next.config.ts, /reservation/*).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LinkProblem } from "@/components/link-problem";
import { ReservationSummary } from "@/components/reservation-summary";
import { TokenActionForm } from "@/components/token-action-form";
import { ERROR_MESSAGES } from "@/lib/domain/errors";
import { getReservationByToken } from "@/lib/use-cases/get-reservation-by-token";
import { cancelAction } from "../../actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Annuler ma réservation",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

export default async function CancelPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const now = new Date();
  const found = await getReservationByToken({ token, purpose: "CANCEL", now });
  if (!found.found) notFound();
  const r = found.reservation;

  let why: React.ReactNode = null;
  if (!found.can.cancel) {
    if (r.status === "CANCELLED") why = <LinkProblem title={ERROR_MESSAGES.already_cancelled}><p>La place est libre pour les autres.</p></LinkProblem>;
    else if (found.tokenState === "used") why = <LinkProblem title={ERROR_MESSAGES.token_used}><p>Rien d&apos;autre à faire.</p></LinkProblem>;
    else if (found.tokenState === "expired") why = <LinkProblem title={ERROR_MESSAGES.token_expired}><p>La réservation est terminée.</p></LinkProblem>;
    else {
      why = (
        <LinkProblem title={ERROR_MESSAGES.not_cancellable}>
          <p>Elle est terminée, ou n&apos;est plus active (expirée, ou présence non validée à temps).</p>
        </LinkProblem>
      );
    }
  }

  return (
    <div className="mx-auto max-w-xl space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">Annuler ma réservation</h1>
      <ReservationSummary reservation={r} />
      {found.can.cancel ? <p>Vous ne pouvez plus venir ? Annulez : la place redevient libre aussitôt pour les autres.</p> : null}
      <TokenActionForm
        action={cancelAction}
        token={token}
        label="Annuler ma réservation"
        pendingLabel="Annulation…"
        tone="danger"
        available={found.can.cancel}
        unavailable={why}
      />
      <p>
        <Link href={`/bibliotheques/${r.library.slug}`} className="font-semibold text-brand-800 underline">
          Réserver une autre place à {r.library.name}
        </Link>
      </p>
    </div>
  );
}
