// Sample data for every template: previews, unit tests and the documentation.
// Fixed instants, fictional library, example.org links (no real token).
import type { EmailDataByTemplate, ReservationDetails, ValidationLinks } from "./types";

const base = "https://strapontin.example.org";

export const previewReservation: ReservationDetails = {
  reservationId: "3f0c6a52-5d1e-4c8a-9a51-2b7d0e4f9c10",
  library: {
    name: "BU Lettres & Sciences humaines",
    address: "5 avenue Pasteur, 67000 Strasbourg",
    timeZone: "Europe/Paris",
    confirmationWindowMinutes: 120,
    validationWindowMinutes: 20,
  },
  areaName: "Salle de lecture — 1er étage",
  resource: { kind: "SEAT", label: "Place A012", capacity: 1 },
  // Monday 7 December 2026, 14:00–16:00 in Paris (UTC+1).
  startsAt: new Date("2026-12-07T13:00:00Z"),
  endsAt: new Date("2026-12-07T15:00:00Z"),
  sentAt: new Date("2026-12-07T09:30:00Z"),
};

const validation: ValidationLinks = {
  validate: `${base}/reservation/validate?suivi=exemple-suivi`,
  validateHome: `${base}/reservation/validate`,
};
const tokenLinks = {
  confirm: `${base}/reservation/confirmer/exemple-confirmation`,
  cancel: `${base}/reservation/annuler/exemple-annulation`,
  reservation: `${base}/reservation/suivi/exemple-suivi`,
};
const library = `${base}/bibliotheques/bu-lettres-strasbourg`;

export const previewData: EmailDataByTemplate = {
  "confirm-request": {
    ...previewReservation,
    confirmDeadline: new Date("2026-12-07T11:30:00Z"),
    links: tokenLinks,
  },
  "reservation-confirmed": {
    ...previewReservation,
    links: { ...validation, cancel: tokenLinks.cancel, reservation: tokenLinks.reservation, library },
  },
  "reservation-cancelled": {
    ...previewReservation,
    by: "staff",
    reason: "Fermeture exceptionnelle de la salle (inventaire)",
    links: { library },
  },
  "reservation-expired": { ...previewReservation, links: { library } },
  "reservation-no-show": { ...previewReservation, links: { library } },
  "reservation-reminder": {
    ...previewReservation,
    sentAt: new Date("2026-12-07T12:00:00Z"),
    links: { ...validation, cancel: tokenLinks.cancel, reservation: tokenLinks.reservation },
  },
};
