import "server-only";
// Presence validation's data access: find a library by the code a student
// typed, the reservations an address holds there today, the validation itself
// (a compare-and-set), and the staff side of the establishment code (the
// library's secret, checked here in constant time, and code regeneration).
import { createHash } from "node:crypto";
import type { ReservationStatus } from "@/lib/domain/reservation-state";
import { safeEqual } from "@/lib/security/tokens";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";
import { transitionReservation } from "./reservation-transitions";
import { transaction } from "./tx";

export interface PresenceLibrary {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  validationOpensBeforeMinutes: number;
  validationWindowMinutes: number;
}

const presenceLibrarySelect = {
  id: true,
  slug: true,
  name: true,
  timeZone: true,
  validationOpensBeforeMinutes: true,
  validationWindowMinutes: true,
} as const;

/** The library whose printed (static) code this is — only libraries without rotating codes accept it. */
export async function findLibraryByStaticCode(code: string): Promise<PresenceLibrary | null> {
  return db().library.findFirst({
    where: { establishmentCode: code, rotatingCodeEnabled: false },
    select: presenceLibrarySelect,
  });
}

/** Libraries that accept only rotating codes, with the secret their codes derive from (server-side only). */
export async function listRotatingCodeLibraries(): Promise<Array<PresenceLibrary & { rotatingCodeSecret: string }>> {
  return db().library.findMany({
    where: { rotatingCodeEnabled: true },
    select: { ...presenceLibrarySelect, rotatingCodeSecret: true },
    orderBy: { slug: "asc" },
  });
}

export interface PresenceReservationRow {
  id: string;
  libraryId: string;
  email: string;
  status: ReservationStatus;
  startsAt: Date;
  endsAt: Date;
  validationDeadline: Date;
  validatedAt: Date | null;
  resource: { label: string; kind: "SEAT" | "GROUP_ROOM"; areaName: string };
}

const reservationSelect = {
  id: true,
  libraryId: true,
  email: true,
  status: true,
  startsAt: true,
  endsAt: true,
  validationDeadline: true,
  validatedAt: true,
  resource: { select: { label: true, kind: true, area: { select: { name: true } } } },
} as const;

type ReservationRow = Prisma.ReservationGetPayload<{ select: typeof reservationSelect }>;

const toRow = (r: ReservationRow): PresenceReservationRow => ({
  ...r,
  resource: { label: r.resource.label, kind: r.resource.kind, areaName: r.resource.area.name },
});

/** The reservations of `email` at a library that overlap [from, to) (a local day), any status. */
export async function listReservationsOfAddress(input: { libraryId: string; email: string; from: Date; to: Date }): Promise<PresenceReservationRow[]> {
  const rows = await db().reservation.findMany({
    where: { libraryId: input.libraryId, email: input.email, startsAt: { lt: input.to }, endsAt: { gt: input.from } },
    orderBy: { startsAt: "asc" },
    select: reservationSelect,
  });
  return rows.map(toRow);
}

/** One reservation with its library's windows, for the front desk. */
export async function getReservationForPresence(id: string): Promise<(PresenceReservationRow & { library: PresenceLibrary }) | null> {
  const r = await db().reservation.findUnique({
    where: { id },
    select: { ...reservationSelect, library: { select: presenceLibrarySelect } },
  });
  return r ? { ...toRow(r), library: r.library } : null;
}

/** The address a reservation was booked with (to recognise a student by their reservation link). */
export async function getReservationEmail(id: string): Promise<string | null> {
  const r = await db().reservation.findUnique({ where: { id }, select: { email: true } });
  return r?.email ?? null;
}

/**
 * confirmed → validated, compare-and-set with its audit row. Returns the
 * reservation after the change, or null when it was no longer confirmed
 * (validated by someone else, marked no-show, cancelled meanwhile).
 */
export async function markValidated(input: { id: string; now: Date; actor: "STUDENT" | "STAFF" }): Promise<PresenceReservationRow | null> {
  return transaction(async (tx) => {
    const changed = await transitionReservation(tx, { id: input.id, to: "VALIDATED", at: input.now, actor: input.actor, from: ["CONFIRMED"] });
    if (!changed) return null;
    const r = await tx.reservation.findUniqueOrThrow({ where: { id: input.id }, select: reservationSelect });
    return toRow(r);
  });
}

// ---------------------------------------------------------------------------
// Staff side. Until staff login exists, a library's staff pages are opened
// with the library's secret; only its SHA-256 (hex) is stored.
// ---------------------------------------------------------------------------

export interface StaffLibrary {
  id: string;
  slug: string;
  name: string;
  city: string;
  timeZone: string;
  establishmentCode: string;
  rotatingCodeEnabled: boolean;
  validationOpensBeforeMinutes: number;
  validationWindowMinutes: number;
  /** Server-side only: the rotating codes derive from it. Never render it. */
  rotatingCodeSecret: string;
}

const sha256Hex = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
// Compared against when the slug is unknown, so that both failures cost the same.
const NO_HASH = sha256Hex("no such library");

/** The library when `secret` is its staff secret; null otherwise (unknown slug or wrong secret alike). */
export async function findLibraryForStaff(slug: string, secret: string): Promise<StaffLibrary | null> {
  const l = await db().library.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      city: true,
      timeZone: true,
      establishmentCode: true,
      rotatingCodeEnabled: true,
      validationOpensBeforeMinutes: true,
      validationWindowMinutes: true,
      rotatingCodeSecret: true,
      staffSecretHash: true,
    },
  });
  const given = sha256Hex(secret);
  const ok = safeEqual(given, l?.staffSecretHash ?? NO_HASH) && !!l && secret.length > 0;
  if (!ok || !l) return null;
  const { staffSecretHash: _omit, ...library } = l;
  void _omit;
  return library;
}

/** Sets a library's establishment code; a unique violation (code taken) propagates for the caller to retry. */
export async function setEstablishmentCode(libraryId: string, code: string, now: Date): Promise<void> {
  await db().library.update({ where: { id: libraryId }, data: { establishmentCode: code, updatedAt: now } });
}
