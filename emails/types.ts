// Data the email templates render. Plain values only: templates are pure
// functions (no database, no clock, no environment), so they can be unit-tested
// and previewed with emails/preview-data.ts.

export interface EmailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  attachments?: EmailAttachment[];
}

export interface LibraryInfo {
  name: string;
  address: string;
  /** IANA zone in which every day and hour of the email is written. */
  timeZone: string;
  /** Minutes a first booking may stay unconfirmed (120 → "2 heures"). */
  confirmationWindowMinutes: number;
  /** Minutes after the start within which presence must be validated. */
  validationWindowMinutes: number;
}

/** What every reservation email shows. */
export interface ReservationDetails {
  reservationId: string;
  library: LibraryInfo;
  areaName: string;
  resource: { kind: "SEAT" | "GROUP_ROOM"; label: string; capacity: number };
  startsAt: Date;
  endsAt: Date;
  /** Name given for a group room, if any. */
  name?: string | null;
  /** When the email is written (the sender's `now`): relative wording and the .ics DTSTAMP. */
  sentAt: Date;
}

export interface ValidationLinks {
  /** Presence validation, may carry the reservation's VIEW token (href only). */
  validate: string;
  /** APP_URL/reservation/validate with no token: the address shown to type by hand. */
  validateHome: string;
}

export interface ConfirmRequestData extends ReservationDetails {
  confirmDeadline: Date;
  links: { confirm: string; cancel: string; reservation: string };
}

export interface ReservationConfirmedData extends ReservationDetails {
  links: ValidationLinks & { cancel: string; reservation: string; library: string };
}

export interface ReservationCancelledData extends ReservationDetails {
  /** Who cancelled; "staff" shows the reason when given. */
  by?: "student" | "staff" | "system" | null;
  reason?: string | null;
  links: { library: string };
}

export interface ReservationExpiredData extends ReservationDetails {
  links: { library: string };
}

export interface ReservationNoShowData extends ReservationDetails {
  links: { library: string };
}

export interface ReservationReminderData extends ReservationDetails {
  links: ValidationLinks & { cancel: string; reservation: string; /** Only while the reservation still awaits confirmation. */ confirm?: string };
  /** Set while the reservation still awaits its confirmation. */
  confirmDeadline?: Date | null;
}

export interface EmailDataByTemplate {
  "confirm-request": ConfirmRequestData;
  "reservation-confirmed": ReservationConfirmedData;
  "reservation-cancelled": ReservationCancelledData;
  "reservation-expired": ReservationExpiredData;
  "reservation-no-show": ReservationNoShowData;
  "reservation-reminder": ReservationReminderData;
}

export type EmailTemplateName = keyof EmailDataByTemplate;
