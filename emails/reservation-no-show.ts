// Presence was not validated within the library's validation window after the start.
import { button, details, p, renderLayout, strong } from "./layout";
import { detailRows, formatDurationFr, placeNoun } from "./format";
import type { RenderedEmail, ReservationNoShowData } from "./types";

export function renderReservationNoShow(d: ReservationNoShowData): RenderedEmail {
  const subject = "Réservation annulée : présence non validée";
  const window = formatDurationFr(d.library.validationWindowMinutes);
  const { html, text } = renderLayout({
    subject,
    preheader: `Votre présence n'a pas été validée dans les ${window} après le début : la réservation a été annulée.`,
    heading: "Votre réservation a été annulée",
    blocks: [
      p(
        "Votre réservation a été annulée car ",
        strong(`votre présence n'a pas été validée dans les ${window}`),
        ` qui ont suivi son début. La ${placeNoun(d)} a été libérée pour d'autres étudiants.`,
      ),
      details(detailRows(d)),
      p(
        "La prochaine fois, validez votre présence dès votre arrivée : scannez le QR code à l'entrée, saisissez le code de l'établissement sur la page de validation, ou adressez-vous à l'accueil. Et si vous ne pouvez pas venir, annulez votre réservation : la place profitera à quelqu'un d'autre.",
      ),
      button("Réserver une place", d.links.library),
    ],
  });
  return { subject, html, text };
}
