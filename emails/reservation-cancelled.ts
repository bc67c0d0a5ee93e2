// "Votre réservation a été annulée": by the student, or by the staff (with their reason).
import { button, details, p, renderLayout, strong, type Block } from "./layout";
import { detailRows, placeNoun } from "./format";
import type { RenderedEmail, ReservationCancelledData } from "./types";

export function renderReservationCancelled(d: ReservationCancelledData): RenderedEmail {
  const subject = "Votre réservation a été annulée";
  const reason = d.reason?.trim();
  const intro: Block[] =
    d.by === "staff"
      ? [
          p("Le personnel de la bibliothèque a annulé votre réservation."),
          ...(reason ? [p("Motif : ", strong(reason))] : []),
          p("Pour plus d'informations, adressez-vous à l'accueil de la bibliothèque."),
        ]
      : d.by === "student"
        ? [p(`Votre réservation a bien été annulée, comme vous l'avez demandé. La ${placeNoun(d)} est de nouveau disponible pour d'autres étudiants.`)]
        : [p("Votre réservation a été annulée."), ...(reason ? [p("Motif : ", strong(reason))] : [])];
  const { html, text } = renderLayout({
    subject,
    preheader: `Votre réservation à ${d.library.name} a été annulée.`,
    heading: "Votre réservation a été annulée",
    blocks: [...intro, details(detailRows(d)), p("Vous pouvez réserver un autre créneau à tout moment :"), button("Réserver une place", d.links.library)],
  });
  return { subject, html, text };
}
