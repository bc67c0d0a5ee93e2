// The reservation was not confirmed within the library's confirmation window.
import { button, details, p, renderLayout, strong } from "./layout";
import { detailRows, formatDurationFr, placeNoun } from "./format";
import type { RenderedEmail, ReservationExpiredData } from "./types";

export function renderReservationExpired(d: ReservationExpiredData): RenderedEmail {
  const subject = "Réservation annulée : elle n'a pas été confirmée à temps";
  const window = formatDurationFr(d.library.confirmationWindowMinutes);
  const { html, text } = renderLayout({
    subject,
    preheader: `Votre réservation n'a pas été confirmée dans les ${window} : elle a été annulée.`,
    heading: "Votre réservation a été annulée",
    blocks: [
      p(
        "Votre réservation a été annulée car elle ",
        strong(`n'a pas été confirmée dans les ${window}`),
        ` qui ont suivi votre demande. La ${placeNoun(d)} a été libérée.`,
      ),
      details(detailRows(d)),
      p("Vous pouvez réserver de nouveau. Pensez ensuite à cliquer sur « Confirmer ma réservation » dans l'e-mail que vous recevrez (vérifiez aussi vos courriers indésirables)."),
      button("Réserver une place", d.links.library),
    ],
  });
  return { subject, html, text };
}
