import "server-only";
// The booking write path: what a booking needs to know (library rules, area
// grid, resources), free places of a period, the insert of a reservation with
// its audit row, and the reservation as the token pages show it.
//
// No double booking is decided by the database (reservation_slot primary key,
// filled by a trigger on insert): insertReservation lets the conflict error
// through for the use case to turn into "slot taken".
import type { LibraryWindows, ReservationActor, ReservationStatus } from "@/lib/domain/reservation-state";
import { LIVE_STATUSES } from "@/lib/domain/reservation-state";
import type { Schedule } from "@/lib/domain/types";
import { db } from "./db";
import { scheduleSelect, toSchedule } from "./libraries";
import type { Tx } from "./tx";

export type ResourceKind = "SEAT" | "GROUP_ROOM";

export interface BookingResource {
  id: string;
  label: string;
  kind: ResourceKind;
  features: string[];
}

export interface BookingLibrary {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  schedule: Schedule;
  bookingHorizonDays: number;
  maxReservationsPerDay: number;
  allowedEmailDomains: string[];
  windows: LibraryWindows;
}

export interface BookingArea {
  id: string;
  slug: string;
  name: string;
  slotMinutes: number;
  minDurationMinutes: number;
  maxDurationMinutes: number;
}

export interface BookingTarget {
  library: BookingLibrary;
  area: BookingArea;
  /** The requested resource (active), when one was asked for. */
  resource: BookingResource | null;
  /** Active resources of the area, in display order. */
  resources: BookingResource[];
}

const resourceSelect = { id: true, label: true, kind: true, features: true } as const;

const areaSelect = {
  id: true,
  slug: true,
  name: true,
  slotMinutes: true,
  minDurationMinutes: true,
  maxDurationMinutes: true,
  resources: { where: { active: true }, orderBy: { position: "asc" as const }, select: resourceSelect },
  library: {
    select: {
      id: true,
      slug: true,
      name: true,
      bookingHorizonDays: true,
      maxReservationsPerDay: true,
      allowedEmailDomains: true,
      confirmationWindowMinutes: true,
      validationWindowMinutes: true,
      validationOpensBeforeMinutes: true,
      reminderBeforeMinutes: true,
      ...scheduleSelect,
    },
  },
} as const;

/**
 * The library, area and resources a booking of `resourceId` (or of any place
 * of `areaId`) is checked against. Null when the resource is unknown or
 * inactive, or the area unknown. When both are given, the resource must belong
 * to the area.
 */
export async function findBookingTarget(input: { resourceId?: string; areaId?: string }): Promise<BookingTarget | null> {
  let areaId = input.areaId;
  if (input.resourceId) {
    const r = await db().resource.findFirst({ where: { id: input.resourceId, active: true }, select: { areaId: true } });
    if (!r || (areaId && r.areaId !== areaId)) return null;
    areaId = r.areaId;
  }
  if (!areaId) return null;
  const a = await db().area.findUnique({ where: { id: areaId }, select: areaSelect });
  if (!a) return null;
  const l = a.library;
  const resources = a.resources;
  const resource = input.resourceId ? (resources.find((r) => r.id === input.resourceId) ?? null) : null;
  if (input.resourceId && !resource) return null;
  return {
    library: {
      id: l.id,
      slug: l.slug,
      name: l.name,
      timeZone: l.timeZone,
      schedule: toSchedule(l),
      bookingHorizonDays: l.bookingHorizonDays,
      maxReservationsPerDay: l.maxReservationsPerDay,
      allowedEmailDomains: l.allowedEmailDomains,
      windows: {
        confirmationWindowMinutes: l.confirmationWindowMinutes,
        validationWindowMinutes: l.validationWindowMinutes,
        validationOpensBeforeMinutes: l.validationOpensBeforeMinutes,
        reminderBeforeMinutes: l.reminderBeforeMinutes,
      },
    },
    area: {
      id: a.id,
      slug: a.slug,
      name: a.name,
      slotMinutes: a.slotMinutes,
      minDurationMinutes: a.minDurationMinutes,
      maxDurationMinutes: a.maxDurationMinutes,
    },
    resource,
    resources,
  };
}

/**
 * Active resources of `areaId` (optionally only `kinds`) that no live
 * reservation holds during [startsAt, endsAt), in display order. Reads the
 * reservation_slot rows: a resource is free when none of its 15-minute units
 * in the period is held.
 */
export async function listFreeResourceIds(
  tx: Tx,
  input: { areaId: string; startsAt: Date; endsAt: Date; kinds?: ResourceKind[] },
): Promise<string[]> {
  const kinds = (input.kinds ?? ["SEAT", "GROUP_ROOM"]).map((k) => (k === "SEAT" ? "seat" : "group_room"));
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT r.id::text AS id
      FROM resource r
     WHERE r.area_id = ${input.areaId}::uuid
       AND r.active
       AND r.kind = ANY(${kinds}::resource_kind[])
       AND NOT EXISTS (
             SELECT 1 FROM reservation_slot s
              WHERE s.resource_id = r.id
                AND s.slot_start >= ${input.startsAt}::timestamptz
                AND s.slot_start < ${input.endsAt}::timestamptz)
     ORDER BY r.position, r.label`;
  return rows.map((r) => r.id);
}

/** Live reservations of a booker in a library starting in [from, to) (one local day). */
export async function countLiveReservationsOfBooker(
  tx: Tx,
  input: { bookerId: string; libraryId: string; from: Date; to: Date },
): Promise<number> {
  return tx.reservation.count({
    where: {
      bookerId: input.bookerId,
      libraryId: input.libraryId,
      status: { in: [...LIVE_STATUSES] },
      startsAt: { gte: input.from, lt: input.to },
    },
  });
}

/** True when the booker already holds a live reservation overlapping [startsAt, endsAt), in any library. */
export async function bookerHasOverlap(tx: Tx, input: { bookerId: string; startsAt: Date; endsAt: Date }): Promise<boolean> {
  const n = await tx.reservation.count({
    where: {
      bookerId: input.bookerId,
      status: { in: [...LIVE_STATUSES] },
      startsAt: { lt: input.endsAt },
      endsAt: { gt: input.startsAt },
    },
  });
  return n > 0;
}

export interface NewReservation {
  libraryId: string;
  resourceId: string;
  bookerId: string;
  email: string;
  name: string | null;
  startsAt: Date;
  endsAt: Date;
  status: "PENDING" | "CONFIRMED";
  confirmDeadline: Date | null;
  validationDeadline: Date;
  reminderAt: Date | null;
  now: Date;
  actor: ReservationActor;
}

/**
 * Inserts a reservation and its first audit row (null → status). The insert
 * trigger holds its reservation_slot rows: a unique/exclusion violation
 * (`isConflict`) means the place is taken, and aborts the transaction.
 */
export async function insertReservation(tx: Tx, r: NewReservation): Promise<{ id: string }> {
  const created = await tx.reservation.create({
    data: {
      libraryId: r.libraryId,
      resourceId: r.resourceId,
      bookerId: r.bookerId,
      email: r.email,
      name: r.name,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      status: r.status,
      confirmDeadline: r.confirmDeadline,
      validationDeadline: r.validationDeadline,
      reminderAt: r.reminderAt,
      createdAt: r.now,
      confirmedAt: r.status === "CONFIRMED" ? r.now : null,
    },
    select: { id: true },
  });
  await tx.reservationEvent.create({
    data: { reservationId: created.id, fromStatus: null, toStatus: r.status, actor: r.actor, at: r.now },
  });
  return created;
}

/** Outbox rows already written for a reservation and template (to number resends). */
export async function countEmailsOf(tx: Tx, reservationId: string, template: string): Promise<number> {
  return tx.emailOutbox.count({ where: { reservationId, template } });
}

// ---------------------------------------------------------------------------
// Reading a reservation (token pages, results, emails)
// ---------------------------------------------------------------------------

export interface ReservationView {
  id: string;
  status: ReservationStatus;
  email: string;
  name: string | null;
  bookerId: string;
  startsAt: Date;
  endsAt: Date;
  confirmDeadline: Date | null;
  validationDeadline: Date;
  createdAt: Date;
  confirmedAt: Date | null;
  validatedAt: Date | null;
  cancelledAt: Date | null;
  cancelledBy: ReservationActor | null;
  cancelReason: string | null;
  resource: BookingResource;
  area: { id: string; slug: string; name: string };
  library: {
    id: string;
    slug: string;
    name: string;
    city: string;
    address: string;
    timeZone: string;
    validationWindowMinutes: number;
    validationOpensBeforeMinutes: number;
  };
}

const viewSelect = {
  id: true,
  status: true,
  email: true,
  name: true,
  bookerId: true,
  startsAt: true,
  endsAt: true,
  confirmDeadline: true,
  validationDeadline: true,
  createdAt: true,
  confirmedAt: true,
  validatedAt: true,
  cancelledAt: true,
  cancelledBy: true,
  cancelReason: true,
  resource: { select: { ...resourceSelect, area: { select: { id: true, slug: true, name: true } } } },
  library: {
    select: {
      id: true,
      slug: true,
      name: true,
      city: true,
      address: true,
      timeZone: true,
      validationWindowMinutes: true,
      validationOpensBeforeMinutes: true,
    },
  },
} as const;

/** One reservation with its place, area and library; `client` may be a transaction. Read-only. */
export async function getReservationView(id: string, client: Tx = db()): Promise<ReservationView | null> {
  const r = await client.reservation.findUnique({ where: { id }, select: viewSelect });
  if (!r) return null;
  const { area, ...resource } = r.resource;
  return { ...r, resource, area };
}

/** The template data (no secret) of an email about this reservation. */
export function reservationEmailPayload(r: ReservationView): Record<string, string> {
  return {
    libraryName: r.library.name,
    librarySlug: r.library.slug,
    timeZone: r.library.timeZone,
    resourceLabel: r.resource.label,
    areaName: r.area.name,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
  };
}
