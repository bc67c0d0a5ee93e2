// Test data built through the real schema. Each integration file has its own
// clean database (tests/support/file-db.ts), so fixtures need no cleanup.
import { randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/data/db";
import { establishmentCodeFrom } from "@/lib/domain/establishment-code";
import { sha256Hex } from "@/lib/db/seed";

export interface LibraryFixture {
  libraryId: string;
  slug: string;
  establishmentCode: string;
  staffSecret: string;
  areaId: string;
  roomAreaId: string;
  seatIds: string[];
  roomId: string;
}

/**
 * A library in Europe/Paris open every day 00:00–24:00 unless `hours` says
 * otherwise, with one area of `seats` seats (60-minute grid, 1–4 h) and one
 * group-room area with a single room.
 */
export async function createLibrary(
  options: {
    seats?: number;
    hours?: Array<{ weekday: number; opensAt: number; closesAt: number }>;
    library?: Partial<{
      confirmationWindowMinutes: number;
      validationWindowMinutes: number;
      validationOpensBeforeMinutes: number;
      reminderBeforeMinutes: number;
      bookingHorizonDays: number;
      maxReservationsPerDay: number;
      allowedEmailDomains: string[];
      rotatingCodeEnabled: boolean;
      timeZone: string;
    }>;
    slotMinutes?: number;
  } = {},
): Promise<LibraryFixture> {
  const prisma = db();
  const slug = `bu-test-${randomUUID().slice(0, 8)}`;
  const staffSecret = `secret-${randomUUID()}`;
  const library = await prisma.library.create({
    data: {
      slug,
      name: `BU de test ${slug.slice(-4)}`,
      city: "Testville",
      address: "1 rue du Test, 00000 Testville",
      establishmentCode: establishmentCodeFrom(randomBytes(32)),
      rotatingCodeSecret: randomBytes(32).toString("hex"),
      staffSecretHash: sha256Hex(staffSecret),
      bookingHorizonDays: 366,
      ...options.library,
    },
  });
  const hours = options.hours ?? [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt: 0, closesAt: 1440 }));
  await prisma.openingHours.createMany({ data: hours.map((h) => ({ ...h, libraryId: library.id })) });
  const slotMinutes = options.slotMinutes ?? 60;
  const area = await prisma.area.create({
    data: { libraryId: library.id, slug: "salle", name: "Salle de lecture", slotMinutes, minDurationMinutes: slotMinutes, maxDurationMinutes: 240 },
  });
  const roomArea = await prisma.area.create({
    data: { libraryId: library.id, slug: "groupes", name: "Salles de groupe", slotMinutes: 60, minDurationMinutes: 60, maxDurationMinutes: 180, position: 1 },
  });
  const seats = options.seats ?? 5;
  await prisma.resource.createMany({
    data: Array.from({ length: seats }, (_, i) => ({
      libraryId: library.id,
      areaId: area.id,
      kind: "SEAT" as const,
      label: `Place ${i + 1}`,
      position: i,
    })),
  });
  const room = await prisma.resource.create({
    data: { libraryId: library.id, areaId: roomArea.id, kind: "GROUP_ROOM", label: "Salle A", capacity: 6 },
  });
  const seatRows = await prisma.resource.findMany({ where: { areaId: area.id }, orderBy: { position: "asc" }, select: { id: true } });
  return {
    libraryId: library.id,
    slug,
    establishmentCode: library.establishmentCode,
    staffSecret,
    areaId: area.id,
    roomAreaId: roomArea.id,
    seatIds: seatRows.map((s) => s.id),
    roomId: room.id,
  };
}

/**
 * A reservation written straight to the table (the insert trigger holds its
 * slots), for tests of what happens to existing reservations.
 */
export async function insertReservation(input: {
  libraryId: string;
  resourceId: string;
  email: string;
  startsAt: Date;
  endsAt: Date;
  status: "PENDING" | "CONFIRMED" | "VALIDATED" | "CANCELLED" | "EXPIRED" | "NO_SHOW";
  confirmDeadline?: Date | null;
  validationDeadline?: Date;
  reminderAt?: Date | null;
  createdAt?: Date;
  bookerConfirmed?: boolean;
}) {
  const prisma = db();
  const booker = await prisma.booker.upsert({
    where: { email: input.email },
    create: { email: input.email, confirmedAt: input.bookerConfirmed ? new Date(0) : null },
    update: {},
  });
  return prisma.reservation.create({
    data: {
      libraryId: input.libraryId,
      resourceId: input.resourceId,
      bookerId: booker.id,
      email: input.email,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      status: input.status,
      confirmDeadline: input.confirmDeadline ?? (input.status === "PENDING" ? new Date(input.startsAt.getTime() + 20 * 60_000) : null),
      validationDeadline: input.validationDeadline ?? new Date(input.startsAt.getTime() + 20 * 60_000),
      reminderAt: input.reminderAt ?? null,
      ...(input.createdAt ? { createdAt: input.createdAt } : {}),
    },
  });
}
