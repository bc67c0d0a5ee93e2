import "server-only";
// What the library page's server actions do, minus the request plumbing
// (headers, revalidation, the outbox kick) so that tests can call it: parse the
// form with zod, call the use case, turn a DomainError into a French message
// next to the right field, and keep the typed values (React resets the form).
import type { BookedReservation, BookingField, BookingState, BookingValues, ResendState } from "@/components/booking-form";
import { DomainError, isDomainError } from "@/lib/domain/errors";
import { formatDateFr, formatTimeFr, localDateOf } from "@/lib/domain/time";
import { log } from "@/lib/log";
import { createReservation, type CreatedReservation } from "@/lib/use-cases/create-reservation";
import { resendConfirmation } from "@/lib/use-cases/resend-confirmation";
import { bookingFormInput, bookingFormSchema, reservationIdSchema, toInstant } from "@/lib/validation/reservation";

export interface ActionContext {
  clientKey: string;
  now: Date;
}

const FIELD_OF: Record<string, BookingField | undefined> = {
  place: "place",
  areaId: "place",
  resourceId: "place",
  email: "email",
  name: "name",
};

const UNEXPECTED = "Une erreur inattendue est survenue. Réessayez dans un instant.";
const CHECK_FIELDS = "Vérifiez les champs signalés.";

function hoursLabel(start: Date, end: Date, tz: string): string {
  return `de ${formatTimeFr(start, tz)} à ${formatTimeFr(end, tz)}`;
}

function windowLabel(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60} h` : minutes > 60 ? `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")}` : `${minutes} min`;
}

function booked(r: CreatedReservation, now: Date): BookedReservation {
  const tz = r.library.timeZone;
  const deadline = r.confirmDeadline;
  return {
    id: r.id,
    status: r.status,
    email: r.email,
    placeLabel: r.resource.label,
    areaName: r.area.name,
    libraryName: r.library.name,
    dateLabel: formatDateFr(r.startsAt, tz),
    hoursLabel: hoursLabel(r.startsAt, r.endsAt, tz),
    confirmByLabel: deadline
      ? localDateOf(deadline, tz) === localDateOf(now, tz)
        ? formatTimeFr(deadline, tz)
        : `${formatTimeFr(deadline, tz)} le ${formatDateFr(deadline, tz)}`
      : null,
    windowLabel: deadline ? windowLabel(Math.round((deadline.getTime() - now.getTime()) / 60_000)) : null,
  };
}

/** The booking form: FormData → reservation, or the error state to show. */
export async function submitBooking(form: FormData, ctx: ActionContext): Promise<BookingState> {
  const raw = bookingFormInput(form);
  const values: BookingValues = { place: raw.place ?? "any", email: raw.email ?? "", name: raw.name ?? "" };
  const parsed = bookingFormSchema.safeParse(raw);
  if (!parsed.success) {
    const fields: Partial<Record<BookingField, string>> = {};
    let other: string | undefined;
    for (const issue of parsed.error.issues) {
      const field = FIELD_OF[String(issue.path[0])];
      if (field) fields[field] ??= issue.message;
      else other ??= issue.message;
    }
    return { status: "error", message: other ?? CHECK_FIELDS, fields, values };
  }
  const input = parsed.data;
  const { now } = ctx;
  try {
    const created = await createReservation({
      resourceId: input.resourceId,
      areaId: input.areaId,
      librarySlug: input.slug,
      startsAt: toInstant(input.startsAt),
      endsAt: toInstant(input.endsAt),
      email: input.email,
      name: input.name,
      clientKey: ctx.clientKey,
      now,
    });
    return { status: "booked", reservation: booked(created, now), values };
  } catch (e) {
    if (!isDomainError(e)) {
      log.error("booking: unexpected error", { error: e });
      return { status: "error", message: UNEXPECTED, fields: {}, values };
    }
    const field = typeof e.details.field === "string" ? FIELD_OF[e.details.field] : undefined;
    return { status: "error", message: e.message, fields: field ? { [field]: e.message } : {}, values };
  }
}

/** "Renvoyer l'e-mail" on the result panel of a pending booking. */
export async function submitResend(form: FormData, ctx: ActionContext): Promise<ResendState> {
  const id = reservationIdSchema.safeParse(form.get("reservationId"));
  if (!id.success) return { status: "error", message: new DomainError("unknown_reservation").message };
  try {
    const sent = await resendConfirmation({ reservationId: id.data, clientKey: ctx.clientKey, now: ctx.now });
    return { status: "sent", message: `C'est renvoyé à ${sent.email}. Pensez à regarder dans vos spams.` };
  } catch (e) {
    if (isDomainError(e)) return { status: "error", message: e.message };
    log.error("resend: unexpected error", { error: e });
    return { status: "error", message: UNEXPECTED };
  }
}
