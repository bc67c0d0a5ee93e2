// Blocks several templates share: presence validation and the automatic release.
import { formatTimeFr } from "@/lib/domain/time";
import { a, p, steps, strong, type Block } from "./layout";
import { formatDurationFr, placeNoun } from "./format";
import type { ReservationDetails, ValidationLinks } from "./types";

/** How to validate presence on arrival (QR code, the validation page, the front desk). */
export function validationSteps(links: ValidationLinks): Block {
  return steps("À votre arrivée, validez votre présence :", [
    ["scannez le ", strong("QR code"), " affiché à l'entrée de la bibliothèque avec votre téléphone ;"],
    ["ou ouvrez ", a(links.validateHome, links.validate), " et saisissez le ", strong("code de l'établissement"), " inscrit sous le QR code ;"],
    ["ou demandez à l'accueil de la bibliothèque de valider votre présence."],
  ]);
}

/** "Sans validation, … annulée automatiquement 20 minutes après son début (à 14 h 20) …" */
export function releaseWarning(r: ReservationDetails): Block {
  const minutes = r.library.validationWindowMinutes;
  const deadline = new Date(r.startsAt.getTime() + minutes * 60_000);
  return p(
    "Sans validation, votre réservation est ",
    strong(`annulée automatiquement ${formatDurationFr(minutes)} après son début (à ${formatTimeFr(deadline, r.library.timeZone)})`),
    ` et la ${placeNoun(r)} est libérée pour d'autres étudiants.`,
  );
}
