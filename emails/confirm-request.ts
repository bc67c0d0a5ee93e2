// "Confirmez votre réservation": sent for a first booking from an address.
import { button, details, links, note, p, renderLayout, strong } from "./layout";
import { deadlineFr, detailRows, placeNoun } from "./format";
import type { ConfirmRequestData, RenderedEmail } from "./types";

export function renderConfirmRequest(d: ConfirmRequestData): RenderedEmail {
  const subject = "Confirmez votre réservation";
  const deadline = deadlineFr(d.confirmDeadline, d.library.timeZone, d.sentAt);
  const { html, text } = renderLayout({
    subject,
    preheader: `Cliquez sur « Confirmer ma réservation » avant ${deadline}.`,
    heading: "Confirmez votre réservation",
    blocks: [
      p(`Vous avez demandé à réserver une ${placeNoun(d)} à ${d.library.name}. Il reste une étape : la confirmer.`),
      details(detailRows(d)),
      p(
        "Cliquez sur le bouton ci-dessous ",
        strong(`avant ${deadline}`),
        `. Sans confirmation, la réservation est annulée automatiquement et la ${placeNoun(d)} libérée.`,
      ),
      button("Confirmer ma réservation", d.links.confirm),
      note(
        "Cette confirmation n'est nécessaire que lors de votre première réservation : les suivantes, faites avec la même adresse e-mail, seront confirmées immédiatement.",
      ),
      links([
        { label: "Annuler ma réservation", href: d.links.cancel },
        { label: "Voir ma réservation", href: d.links.reservation },
      ]),
      note("Vous n'êtes pas à l'origine de cette demande ? Ignorez ce message : sans confirmation, la réservation sera annulée d'elle-même."),
    ],
  });
  return { subject, html, text };
}
