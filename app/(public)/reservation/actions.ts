"use server";
// The buttons of the token pages (confirm, cancel, the reservation's own page).
// Each POSTs the link's token; opening a page never changes anything.
import { refresh, revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { TokenActionState } from "@/components/token-action-form";
import { kickOutbox } from "@/lib/email/kick";
import { isDomainError } from "@/lib/domain/errors";
import { formatPeriodFr } from "@/lib/domain/time";
import { log } from "@/lib/log";
import { clientKey } from "@/lib/security/client";
import { cancelReservation } from "@/lib/use-cases/cancel-reservation";
import { confirmReservation } from "@/lib/use-cases/confirm-reservation";
import { getReservationByToken } from "@/lib/use-cases/get-reservation-by-token";
import { resendConfirmation } from "@/lib/use-cases/resend-confirmation";

const UNEXPECTED = "Une erreur inattendue est survenue. Réessayez dans un instant.";

const tokenOf = (form: FormData) => {
  const t = form.get("token");
  return typeof t === "string" ? t : "";
};

function failure(e: unknown, context: string): TokenActionState {
  if (isDomainError(e)) return { status: "error", message: e.message };
  log.error(`${context}: unexpected error`, { error: e });
  return { status: "error", message: UNEXPECTED };
}

export async function confirmAction(_prev: TokenActionState, form: FormData): Promise<TokenActionState> {
  try {
    const r = await confirmReservation({ token: tokenOf(form), now: new Date() });
    kickOutbox();
    refresh();
    return {
      status: "done",
      title: "Réservation confirmée",
      message: `${r.resource.label}, ${r.area.name}, ${r.library.name} — ${formatPeriodFr(r.startsAt, r.endsAt, r.library.timeZone)}. Un e-mail « Réservation confirmée » arrive avec le lien pour annuler. Vos prochaines réservations avec cette adresse seront confirmées immédiatement.`,
    };
  } catch (e) {
    return failure(e, "confirm");
  }
}

async function cancel(form: FormData, via: "CANCEL" | "VIEW"): Promise<TokenActionState> {
  try {
    const r = await cancelReservation({ token: tokenOf(form), now: new Date(), via });
    kickOutbox();
    revalidatePath(`/bibliotheques/${r.library.slug}`);
    refresh();
    return {
      status: "done",
      title: "Réservation annulée",
      message: `${r.resource.label} est de nouveau libre pour les autres. Un e-mail confirme l'annulation.`,
    };
  } catch (e) {
    return failure(e, "cancel");
  }
}

/** "Annuler ma réservation" on the cancel page (CANCEL token, single use). */
export async function cancelAction(_prev: TokenActionState, form: FormData): Promise<TokenActionState> {
  return cancel(form, "CANCEL");
}

/** "Annuler ma réservation" on the reservation's own page (VIEW token). */
export async function cancelFromViewAction(_prev: TokenActionState, form: FormData): Promise<TokenActionState> {
  return cancel(form, "VIEW");
}

/** "Renvoyer l'e-mail de confirmation" on the reservation's own page (VIEW token). */
export async function resendFromViewAction(_prev: TokenActionState, form: FormData): Promise<TokenActionState> {
  try {
    const now = new Date();
    const found = await getReservationByToken({ token: tokenOf(form), purpose: "VIEW", now });
    if (!found.found || found.tokenState !== "valid") {
      return { status: "error", message: "Ce lien n'est plus valide : réservez à nouveau depuis la page de la bibliothèque." };
    }
    const sent = await resendConfirmation({ reservationId: found.reservation.id, clientKey: clientKey(await headers()), now });
    kickOutbox();
    return { status: "done", title: "E-mail renvoyé", message: `Un nouvel e-mail de confirmation part à ${sent.email}. Pensez à regarder dans vos spams.` };
  } catch (e) {
    return failure(e, "resend");
  }
}
