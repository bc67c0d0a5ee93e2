// Every absolute link the app sends (emails, QR codes) is built here, from APP_URL.
import { appUrl } from "@/lib/env";

const t = (raw: string) => encodeURIComponent(raw);

/** Page of a pending reservation with the "Confirmer ma réservation" button (CONFIRM token). */
export const confirmUrl = (rawToken: string) => appUrl(`/reservation/confirmer/${t(rawToken)}`);
/** Page with the "Annuler ma réservation" button (CANCEL token). */
export const cancelUrl = (rawToken: string) => appUrl(`/reservation/annuler/${t(rawToken)}`);
/** The reservation's own page: status and what to do next (VIEW token). */
export const reservationUrl = (rawToken: string) => appUrl(`/reservation/suivi/${t(rawToken)}`);
/** Presence validation, optionally with the establishment code (QR code) or the reservation's VIEW token. */
export const validateUrl = (opts: { code?: string; viewToken?: string } = {}) => {
  const q = new URLSearchParams();
  if (opts.code) q.set("code", opts.code);
  if (opts.viewToken) q.set("suivi", opts.viewToken);
  const qs = q.toString();
  return appUrl(`/reservation/validate${qs ? `?${qs}` : ""}`);
};
export const libraryUrl = (slug: string) => appUrl(`/bibliotheques/${encodeURIComponent(slug)}`);
