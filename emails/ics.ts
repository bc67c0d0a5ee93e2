// The calendar attachment of a confirmed reservation (RFC 5545, via `ics`).
// Times are written in UTC; the UID is stable per reservation, so a calendar
// that imports the file twice keeps one event. No link token goes into it
// (calendars are synchronised to third parties).
import { createEvent } from "ics";
import { formatDurationFr, placeOf } from "./format";
import type { EmailAttachment, ReservationDetails } from "./types";

export const icsUid = (reservationId: string) => `reservation-${reservationId}@strapontin`;

export function reservationIcs(r: ReservationDetails, opts: { validateHome: string; libraryUrl: string }): EmailAttachment {
  const place = placeOf(r);
  const { error, value } = createEvent({
    uid: icsUid(r.reservationId),
    productId: "strapontin/reservations",
    method: "PUBLISH",
    title: `${place} — ${r.library.name}`,
    location: `${r.library.name}, ${r.library.address}`,
    description: [
      `Réservation Strapontin : ${place}, ${r.areaName}, ${r.library.name}.`,
      `À votre arrivée, validez votre présence : QR code à l'entrée, ${opts.validateHome} avec le code de l'établissement, ou l'accueil.`,
      `Sans validation, la réservation est annulée ${formatDurationFr(r.library.validationWindowMinutes)} après son début.`,
    ].join("\n"),
    url: opts.libraryUrl,
    start: r.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: r.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    status: "CONFIRMED",
    busyStatus: "BUSY",
    // DTSTAMP: when the email is written (not the host clock, so rendering stays pure).
    ...({ timestamp: r.sentAt.getTime() } as object),
  });
  if (error || !value) throw new Error(`Fichier .ics impossible à créer : ${error?.message ?? "vide"}`);
  return { filename: "reservation.ics", content: value, contentType: "text/calendar; charset=utf-8; method=PUBLISH" };
}
