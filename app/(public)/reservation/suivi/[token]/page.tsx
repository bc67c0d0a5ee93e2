// /reservation/suivi/<VIEW token>: the reservation's own page, linked from
// every email. Status in French, place, day and hours in the library's time
// zone, and what to do next (confirm, validate presence on arrival, cancel).
// Opening it changes nothing; its buttons POST. Referrer-Policy: no-referrer.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LinkProblem } from "@/components/link-problem";
import { ReservationSummary } from "@/components/reservation-summary";
import { TokenActionForm } from "@/components/token-action-form";
import { ERROR_MESSAGES } from "@/lib/domain/errors";
import { validationWindow } from "@/lib/domain/reservation-state";
import { formatDateFr, formatTimeFr, localDateOf } from "@/lib/domain/time";
import { validateUrl } from "@/lib/links";
import { getReservationByToken } from "@/lib/use-cases/get-reservation-by-token";
import { cancelFromViewAction, resendFromViewAction } from "../../actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Ma réservation",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

export default async function ReservationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const now = new Date();
  const found = await getReservationByToken({ token, purpose: "VIEW", now });
  if (!found.found) notFound();
  const r = found.reservation;
  const tz = r.library.timeZone;
  const at = (d: Date) => (localDateOf(d, tz) === localDateOf(now, tz) ? formatTimeFr(d, tz) : `${formatTimeFr(d, tz)} le ${formatDateFr(d, tz)}`);
  const libraryLink = (
    <Link href={`/bibliotheques/${r.library.slug}`} className="font-semibold text-brand-800 underline">
      Réserver une place à {r.library.name}
    </Link>
  );

  if (found.tokenState !== "valid") {
    return (
      <div className="mx-auto max-w-xl space-y-6">
        <h1 className="text-3xl font-bold tracking-tight">Ma réservation</h1>
        <LinkProblem title={ERROR_MESSAGES.token_expired}>
          <p>Ce lien de suivi n&apos;est plus actif : la réservation est terminée depuis longtemps.</p>
        </LinkProblem>
        <p>{libraryLink}</p>
      </div>
    );
  }

  const presence = validationWindow(r.startsAt, r.library);
  const ended = r.endsAt <= now;
  const presenceDay = localDateOf(presence.opensAt, tz) === localDateOf(now, tz) ? "aujourd'hui " : `le ${formatDateFr(presence.opensAt, tz)} `;

  return (
    <div className="mx-auto max-w-xl space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">Ma réservation</h1>
      <ReservationSummary reservation={r} />

      <section aria-labelledby="suite-titre" className="space-y-3">
        <h2 id="suite-titre" className="text-xl font-semibold">Et maintenant ?</h2>
        {r.status === "PENDING" && found.can.resend && r.confirmDeadline ? (
          <>
            <p>
              Confirmez votre réservation avec le bouton « Confirmer ma réservation » de l&apos;e-mail reçu, <strong>avant {at(r.confirmDeadline)}</strong>.
              Sans confirmation, elle est annulée. Pensez à regarder dans vos spams.
            </p>
            <TokenActionForm action={resendFromViewAction} token={token} label="Renvoyer l'e-mail de confirmation" pendingLabel="Envoi…" tone="secondary" />
          </>
        ) : null}
        {r.status === "PENDING" && !found.can.resend ? <p>Le délai de confirmation est dépassé : la réservation va être annulée.</p> : null}
        {r.status === "CONFIRMED" && !ended ? (
          <>
            <p>
              À votre arrivée, validez votre présence {presenceDay}entre <strong>{formatTimeFr(presence.opensAt, tz)}</strong> et{" "}
              <strong>{formatTimeFr(presence.closesAt, tz)}</strong> : scannez le
              QR code affiché à l&apos;entrée, ou utilisez le bouton ci-dessous avec le code de l&apos;établissement, ou passez à l&apos;accueil.
              Sans validation, la réservation est annulée à {formatTimeFr(presence.closesAt, tz)}.
            </p>
            <p>
              <a href={validateUrl({ viewToken: token })} className="inline-block rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800">
                Valider ma présence
              </a>
            </p>
          </>
        ) : null}
        {r.status === "VALIDATED" && !ended ? <p>Votre présence est validée : bon travail ! Si vous partez plus tôt, libérez la place pour les autres.</p> : null}
        {r.status === "CANCELLED" ? <p>Cette réservation est annulée : la place est libre pour les autres.</p> : null}
        {r.status === "EXPIRED" ? <p>Cette réservation n&apos;a pas été confirmée à temps : la place a été libérée.</p> : null}
        {r.status === "NO_SHOW" ? <p>La présence n&apos;a pas été validée à temps : la réservation a été annulée et la place libérée.</p> : null}
        {ended && (r.status === "CONFIRMED" || r.status === "VALIDATED") ? <p>Cette réservation est terminée.</p> : null}

        {/* Always rendered (even when it cannot act) so that its answer survives the refresh after cancelling. */}
        <div className={found.can.cancel ? "space-y-2 border-t border-stone-200 pt-3" : undefined}>
          {found.can.cancel ? <p>Vous ne pouvez plus venir ?</p> : null}
          <TokenActionForm
            action={cancelFromViewAction}
            token={token}
            label={r.status === "VALIDATED" ? "Libérer ma place" : "Annuler ma réservation"}
            pendingLabel="Annulation…"
            tone="danger"
            available={found.can.cancel}
          />
        </div>
        <p>{libraryLink}</p>
      </section>
    </div>
  );
}
