// A short reminder some time before the start.
import { formatTimeFr } from "@/lib/domain/time";
import { button, details, links, p, renderLayout, strong, type Block } from "./layout";
import { dayOf, deadlineFr, detailRows } from "./format";
import { releaseWarning, validationSteps } from "./parts";
import type { RenderedEmail, ReservationReminderData } from "./types";

export function renderReservationReminder(d: ReservationReminderData): RenderedEmail {
  const start = formatTimeFr(d.startsAt, d.library.timeZone);
  const subject = `Rappel : votre réservation le ${dayOf(d)} à ${start}`;
  const pending: Block[] =
    d.links.confirm && d.confirmDeadline
      ? [
          p(
            "Votre réservation ",
            strong("n'est pas encore confirmée"),
            ` : confirmez-la avant ${deadlineFr(d.confirmDeadline, d.library.timeZone, d.sentAt)}, sinon elle sera annulée.`,
          ),
          button("Confirmer ma réservation", d.links.confirm),
        ]
      : [];
  const { html, text } = renderLayout({
    subject,
    preheader: `Votre réservation à ${d.library.name} commence à ${start}.`,
    heading: `Votre réservation commence à ${start}`,
    blocks: [
      p(`Petit rappel : vous avez réservé à ${d.library.name}.`),
      details(detailRows(d)),
      ...pending,
      validationSteps(d.links),
      releaseWarning(d),
      p("Vous ne pouvez plus venir ? Annulez pour libérer la place :"),
      links([
        { label: "Annuler ma réservation", href: d.links.cancel },
        { label: "Voir ma réservation", href: d.links.reservation },
      ]),
    ],
  });
  return { subject, html, text };
}
