// "Réservation confirmée": details, presence validation, cancel link, .ics.
import { details, links, note, p, renderLayout } from "./layout";
import { detailRows, placeNoun } from "./format";
import { reservationIcs } from "./ics";
import { releaseWarning, validationSteps } from "./parts";
import type { RenderedEmail, ReservationConfirmedData } from "./types";

export function renderReservationConfirmed(d: ReservationConfirmedData): RenderedEmail {
  const subject = "Réservation confirmée";
  const { html, text } = renderLayout({
    subject,
    preheader: `Votre ${placeNoun(d)} à ${d.library.name} est réservée. Pensez à valider votre présence à votre arrivée.`,
    heading: "Réservation confirmée",
    blocks: [
      p(`Votre réservation est confirmée. Voici son récapitulatif :`),
      details(detailRows(d)),
      validationSteps(d.links),
      releaseWarning(d),
      p(`Un empêchement ? Annulez votre réservation pour libérer la ${placeNoun(d)} :`),
      links([
        { label: "Annuler ma réservation", href: d.links.cancel },
        { label: "Voir ma réservation", href: d.links.reservation },
      ]),
      note("Le fichier joint « reservation.ics » ajoute ce créneau à votre agenda."),
    ],
  });
  return {
    subject,
    html,
    text,
    attachments: [reservationIcs(d, { validateHome: d.links.validateHome, libraryUrl: d.links.library })],
  };
}
