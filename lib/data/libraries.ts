import "server-only";
// Reads of libraries, their areas, resources and schedules. Public data: no
// caller check is needed; staff-only fields (secrets) are never selected here.
import { cache } from "react";
import { db } from "./db";
import type { Schedule } from "@/lib/domain/types";

export const scheduleSelect = {
  timeZone: true,
  openingHours: { select: { weekday: true, opensAt: true, closesAt: true } },
  specialHours: { select: { date: true, opensAt: true, closesAt: true, reason: true } },
  closures: { select: { startsAt: true, endsAt: true, reason: true }, orderBy: { startsAt: "asc" as const } },
} as const;

export type ScheduleRows = {
  timeZone: string;
  openingHours: Array<{ weekday: number; opensAt: number; closesAt: number }>;
  specialHours: Array<{ date: Date; opensAt: number; closesAt: number; reason: string }>;
  closures: Array<{ startsAt: Date; endsAt: Date; reason: string }>;
};

export function toSchedule(rows: ScheduleRows): Schedule {
  return {
    timeZone: rows.timeZone,
    weekly: rows.openingHours,
    // @db.Date comes back as midnight UTC of that calendar date.
    special: rows.specialHours.map((s) => ({ ...s, date: s.date.toISOString().slice(0, 10) })),
    closures: rows.closures,
  };
}

export interface LibrarySummary {
  id: string;
  slug: string;
  name: string;
  city: string;
  address: string;
  schedule: Schedule;
  seats: number;
}

/** Libraries, optionally filtered by a search on name or city (accent- and case-insensitive). */
export async function listLibraries(query?: string): Promise<LibrarySummary[]> {
  const q = query?.trim();
  let ids: string[] | undefined;
  if (q) {
    const rows = await db().$queryRaw<Array<{ id: string }>>`
      SELECT id FROM library
       WHERE translate(lower(name || ' ' || city), 'àâäéèêëîïôöùûüç', 'aaaeeeeiioouuuc')
             LIKE '%' || translate(lower(${q}), 'àâäéèêëîïôöùûüç', 'aaaeeeeiioouuuc') || '%'`;
    ids = rows.map((r) => r.id);
  }
  const libraries = await db().library.findMany({
    where: ids ? { id: { in: ids } } : undefined,
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      city: true,
      address: true,
      ...scheduleSelect,
      _count: { select: { resources: { where: { active: true } } } },
    },
  });
  return libraries.map((l) => ({
    id: l.id,
    slug: l.slug,
    name: l.name,
    city: l.city,
    address: l.address,
    schedule: toSchedule(l),
    seats: l._count.resources,
  }));
}

export interface AreaDetail {
  id: string;
  slug: string;
  name: string;
  description: string;
  slotMinutes: number;
  minDurationMinutes: number;
  maxDurationMinutes: number;
  resources: Array<{ id: string; kind: "SEAT" | "GROUP_ROOM"; label: string; capacity: number; features: string[] }>;
}

export interface LibraryDetail extends LibrarySummary {
  timeZone: string;
  bookingHorizonDays: number;
  confirmationWindowMinutes: number;
  validationWindowMinutes: number;
  validationOpensBeforeMinutes: number;
  maxReservationsPerDay: number;
  allowedEmailDomains: string[];
  areas: AreaDetail[];
}

export async function libraryExists(slug: string): Promise<boolean> {
  return (await db().library.count({ where: { slug } })) > 0;
}

export const getLibraryBySlug = cache(async function getLibraryBySlug(slug: string): Promise<LibraryDetail | null> {
  const l = await db().library.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      city: true,
      address: true,
      bookingHorizonDays: true,
      confirmationWindowMinutes: true,
      validationWindowMinutes: true,
      validationOpensBeforeMinutes: true,
      maxReservationsPerDay: true,
      allowedEmailDomains: true,
      ...scheduleSelect,
      areas: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          slug: true,
          name: true,
          description: true,
          slotMinutes: true,
          minDurationMinutes: true,
          maxDurationMinutes: true,
          resources: {
            where: { active: true },
            orderBy: { position: "asc" },
            select: { id: true, kind: true, label: true, capacity: true, features: true },
          },
        },
      },
    },
  });
  if (!l) return null;
  return {
    ...l,
    schedule: toSchedule(l),
    seats: l.areas.reduce((n, a) => n + a.resources.length, 0),
  };
});

/** Periods during which resources of an area are held by live reservations, overlapping [from, to). */
export async function listBusyPeriods(areaId: string, from: Date, to: Date) {
  return db().reservation.findMany({
    where: {
      resource: { areaId },
      status: { in: ["PENDING", "CONFIRMED", "VALIDATED"] },
      startsAt: { lt: to },
      endsAt: { gt: from },
    },
    select: { resourceId: true, startsAt: true, endsAt: true },
  }).then((rows) => rows.map((r) => ({ resourceId: r.resourceId, start: r.startsAt, end: r.endsAt })));
}
