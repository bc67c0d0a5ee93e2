import "server-only";
// Book a place: a given seat or group room, or any free seat of an area.
// Shared by the booking form's server action and POST /api/v1/reservations.
//
// Order of the checks: rate limit per client → place exists → period rules of
// the library (checkBookingPeriod) → address (normalised, valid, allowed
// domain) → name for group rooms → rate limit per address → the transaction.
//
// The transaction (one per attempt):
//   1. upsert the booker and lock its row (SELECT … FOR UPDATE, lockBooker);
//   2. count its live reservations that local day in this library, refuse past
//      the library's maxReservationsPerDay; refuse an overlapping booking;
//   3. pick the place (the one asked for, or a free one of the area);
//   4. insert the reservation (status and deadlines from initialState) and its
//      audit row; the insert trigger writes the reservation_slot rows, whose
//      primary key refuses a second holder of any 15-minute unit;
//   5. enqueue its email in the outbox (same transaction).
//
// Why a row lock on the booker: the per-address limit is "count, then insert",
// which two concurrent transactions of one address could both pass under READ
// COMMITTED. Locking the booker row serialises exactly those transactions (and
// no others: different addresses never wait for each other), and after the
// lock is granted the count — a new statement — sees what the previous holder
// committed. SERIALIZABLE would also work but turns every collision into
// retry-able serialisation failures across unrelated bookings.
//
// A slot conflict aborts the transaction (PostgreSQL), so "any seat" retries
// in a fresh transaction on another free seat, a bounded number of times.
import { lockBooker } from "@/lib/data/bookers";
import { enqueueEmail } from "@/lib/data/outbox";
import { consumeRateLimit } from "@/lib/data/rate-limits";
import {
  bookerHasOverlap,
  countLiveReservationsOfBooker,
  findBookingTarget,
  insertReservation,
  listFreeResourceIds,
  type BookingTarget,
  type ResourceKind,
} from "@/lib/data/reservations";
import { isConflict, transaction } from "@/lib/data/tx";
import { isAllowedDomain, isValidEmail, normaliseEmail } from "@/lib/domain/email-address";
import { DomainError, ERROR_MESSAGES } from "@/lib/domain/errors";
import { initialState } from "@/lib/domain/reservation-state";
import { checkBookingPeriod } from "@/lib/domain/slots";
import { addDays, localDateOf, zonedInstant } from "@/lib/domain/time";

export interface RateLimitRule {
  points: number;
  durationSeconds: number;
}

/** Booking attempts allowed per client (IP) and per address. */
export const BOOKING_RATE_LIMITS: { perClient: RateLimitRule; perAddress: RateLimitRule } = {
  perClient: { points: 30, durationSeconds: 600 },
  perAddress: { points: 10, durationSeconds: 600 },
};

/** How many places "any seat" tries when it loses races. */
export const MAX_ANY_SEAT_ATTEMPTS = 8;

export const NAME_MAX_LENGTH = 80;

export interface CreateReservationInput {
  /** A given seat or group room… */
  resourceId?: string;
  /** …or any free seat of this area (with resourceId: the area the resource must belong to). */
  areaId?: string;
  /** When given (the library page's form), the place must belong to this library. */
  librarySlug?: string;
  startsAt: Date;
  endsAt: Date;
  /** As typed: normalised here. */
  email: string;
  /** Required for a group room. */
  name?: string | null;
  /** Rate-limit key of the caller (lib/security/client.ts clientKey). */
  clientKey: string;
  now: Date;
  /** Overrides of BOOKING_RATE_LIMITS (tests, trusted tools). */
  rateLimits?: Partial<typeof BOOKING_RATE_LIMITS>;
}

export interface CreatedReservation {
  id: string;
  status: "PENDING" | "CONFIRMED";
  startsAt: Date;
  endsAt: Date;
  /** Pending only: the confirmation link works until then. */
  confirmDeadline: Date | null;
  email: string;
  name: string | null;
  resource: { id: string; label: string; kind: ResourceKind; features: string[] };
  area: { id: string; slug: string; name: string };
  library: { id: string; slug: string; name: string; timeZone: string; confirmationWindowMinutes: number };
}

const iso = (d: Date) => d.toISOString();

function rateLimited(retryAfterSeconds: number): DomainError {
  return new DomainError("rate_limited", ERROR_MESSAGES.rate_limited, { retryAfterSeconds });
}

function checkPeriod(target: BookingTarget, startsAt: Date, endsAt: Date, now: Date): void {
  const { library, area } = target;
  const check = checkBookingPeriod(
    library.schedule,
    area,
    { timeZone: library.timeZone, bookingHorizonDays: library.bookingHorizonDays },
    startsAt,
    endsAt,
    now,
  );
  if (check.ok) return;
  if (check.reason === "closure") {
    throw new DomainError("closure", `${ERROR_MESSAGES.closure} Motif : ${check.closureReason}.`, { field: "startsAt" });
  }
  throw new DomainError(check.reason, ERROR_MESSAGES[check.reason], { field: check.reason === "end_before_start" ? "endsAt" : "startsAt" });
}

/** Creates a reservation; throws DomainError (slot_taken, no_free_place, daily_limit, …) on refusal. */
export async function createReservation(input: CreateReservationInput): Promise<CreatedReservation> {
  const { now, startsAt, endsAt } = input;
  const limits = { ...BOOKING_RATE_LIMITS, ...input.rateLimits };

  const perClient = await consumeRateLimit("booking-client", input.clientKey, limits.perClient);
  if (!perClient.ok) throw rateLimited(perClient.retryAfterSeconds);

  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) {
    throw new DomainError("invalid_request", "Date et heure invalides.", { field: "startsAt" });
  }

  // The place.
  if (!input.resourceId && !input.areaId) throw new DomainError("unknown_resource", undefined, { field: "resourceId" });
  const target = await findBookingTarget({ resourceId: input.resourceId, areaId: input.areaId });
  if (!target || (input.librarySlug !== undefined && target.library.slug !== input.librarySlug)) {
    throw input.resourceId
      ? new DomainError("unknown_resource", undefined, { field: "resourceId" })
      : new DomainError("unknown_area", undefined, { field: "areaId" });
  }

  // The library's rules on the period.
  checkPeriod(target, startsAt, endsAt, now);

  // The address.
  const email = normaliseEmail(input.email);
  if (!isValidEmail(email)) throw new DomainError("invalid_email", undefined, { field: "email" });
  if (!isAllowedDomain(email, target.library.allowedEmailDomains)) {
    throw new DomainError("email_domain_not_allowed", undefined, { field: "email" });
  }

  // A group room is booked in a name; "any seat" without a name only picks seats.
  const name = input.name?.trim() ? input.name.trim().slice(0, NAME_MAX_LENGTH) : null;
  let kinds: ResourceKind[] = ["SEAT", "GROUP_ROOM"];
  if (target.resource) {
    if (target.resource.kind === "GROUP_ROOM" && !name) throw new DomainError("name_required", undefined, { field: "name" });
  } else if (!name) {
    kinds = ["SEAT"];
    if (!target.resources.some((r) => r.kind === "SEAT")) {
      if (target.resources.length > 0) throw new DomainError("name_required", undefined, { field: "name" });
      throw new DomainError("no_free_place");
    }
  }

  const perAddress = await consumeRateLimit("booking-address", email, limits.perAddress);
  if (!perAddress.ok) throw rateLimited(perAddress.retryAfterSeconds);

  // The booker's local day in this library, for the daily limit.
  const day = localDateOf(startsAt, target.library.timeZone);
  const dayFrom = zonedInstant(day, 0, target.library.timeZone);
  const dayTo = zonedInstant(addDays(day, 1), 0, target.library.timeZone);

  const tried = new Set<string>();
  const attempts = target.resource ? 1 : MAX_ANY_SEAT_ATTEMPTS;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await transaction(async (tx) => {
        const booker = await lockBooker(tx, email);
        const held = await countLiveReservationsOfBooker(tx, { bookerId: booker.id, libraryId: target.library.id, from: dayFrom, to: dayTo });
        if (held >= target.library.maxReservationsPerDay) throw new DomainError("daily_limit");
        if (await bookerHasOverlap(tx, { bookerId: booker.id, startsAt, endsAt })) throw new DomainError("overlapping_booking");

        let resource = target.resource;
        if (!resource) {
          const free = (await listFreeResourceIds(tx, { areaId: target.area.id, startsAt, endsAt, kinds })).filter((id) => !tried.has(id));
          if (free.length === 0) throw new DomainError("no_free_place");
          // A random free place: concurrent "any seat" requests rarely pick the same one.
          const pickedId = free[Math.floor(Math.random() * free.length)]!;
          resource = target.resources.find((r) => r.id === pickedId) ?? null;
          if (!resource) throw new DomainError("no_free_place");
        }
        tried.add(resource.id);

        const state = initialState({ now, startsAt, bookerConfirmed: booker.confirmedAt !== null, windows: target.library.windows });
        const { id } = await insertReservation(tx, {
          libraryId: target.library.id,
          resourceId: resource.id,
          bookerId: booker.id,
          email,
          name,
          startsAt,
          endsAt,
          status: state.status,
          confirmDeadline: state.confirmDeadline,
          validationDeadline: state.validationDeadline,
          reminderAt: state.reminderAt,
          now,
          actor: "STUDENT",
        });
        const pending = state.status === "PENDING";
        await enqueueEmail(tx, {
          template: pending ? "confirm-request" : "reservation-confirmed",
          dedupeKey: `${pending ? "confirm-request" : "reservation-confirmed"}:${id}`,
          recipient: email,
          reservationId: id,
          payload: {
            libraryName: target.library.name,
            librarySlug: target.library.slug,
            timeZone: target.library.timeZone,
            resourceLabel: resource.label,
            areaName: target.area.name,
            startsAt: iso(startsAt),
            endsAt: iso(endsAt),
            confirmDeadline: state.confirmDeadline ? iso(state.confirmDeadline) : null,
          },
        });
        return {
          id,
          status: state.status,
          startsAt,
          endsAt,
          confirmDeadline: state.confirmDeadline,
          email,
          name,
          resource,
          area: { id: target.area.id, slug: target.area.slug, name: target.area.name },
          library: {
            id: target.library.id,
            slug: target.library.slug,
            name: target.library.name,
            timeZone: target.library.timeZone,
            confirmationWindowMinutes: target.library.windows.confirmationWindowMinutes,
          },
        } satisfies CreatedReservation;
      });
    } catch (e) {
      if (!isConflict(e)) throw e;
      // Lost the race for this place; a given place is simply taken.
      if (target.resource) throw new DomainError("slot_taken");
    }
  }
  // Every attempt lost a race: the area is being booked faster than we can pick.
  throw new DomainError("slot_taken");
}
