// One render function per template name (the names of lib/data/outbox.ts).
import { renderConfirmRequest } from "./confirm-request";
import { renderReservationCancelled } from "./reservation-cancelled";
import { renderReservationConfirmed } from "./reservation-confirmed";
import { renderReservationExpired } from "./reservation-expired";
import { renderReservationNoShow } from "./reservation-no-show";
import { renderReservationReminder } from "./reservation-reminder";
import type { EmailDataByTemplate, EmailTemplateName, RenderedEmail } from "./types";

export const EMAIL_RENDERERS: { [K in EmailTemplateName]: (data: EmailDataByTemplate[K]) => RenderedEmail } = {
  "confirm-request": renderConfirmRequest,
  "reservation-confirmed": renderReservationConfirmed,
  "reservation-cancelled": renderReservationCancelled,
  "reservation-expired": renderReservationExpired,
  "reservation-no-show": renderReservationNoShow,
  "reservation-reminder": renderReservationReminder,
};

export const isEmailTemplate = (name: string): name is EmailTemplateName => Object.hasOwn(EMAIL_RENDERERS, name);

export function renderEmail<K extends EmailTemplateName>(template: K, data: EmailDataByTemplate[K]): RenderedEmail {
  return EMAIL_RENDERERS[template](data);
}

export type * from "./types";
export { escapeHtml } from "./layout";
export { icsUid } from "./ics";
