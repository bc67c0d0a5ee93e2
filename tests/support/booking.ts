// Helpers of the booking tests (engineer A): slots on the fixture library's
// grid, row counts, and the tokens the email sender would mint.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/data/db";
import { newToken } from "@/lib/security/tokens";
import { addDays, localDateOf, zonedInstant } from "@/lib/domain/time";

export const TZ = "Europe/Paris";

/** [start, end) on the local date `daysAhead` days after now's, from `startHour` for `hours` hours (Paris). */
export function slot(now: Date, daysAhead: number, startHour: number, hours = 1): { startsAt: Date; endsAt: Date } {
  const date = addDays(localDateOf(now, TZ), daysAhead);
  return { startsAt: zonedInstant(date, startHour * 60, TZ), endsAt: zonedInstant(date, (startHour + hours) * 60, TZ) };
}

export const uniqueEmail = (prefix = "etu") => `${prefix}-${randomUUID().slice(0, 8)}@univ-exemple.fr`;

/** Rows that a refused booking must not write. */
export async function writeCounts() {
  const prisma = db();
  const [reservations, bookers, outbox, events, slots, tokens] = await Promise.all([
    prisma.reservation.count(),
    prisma.booker.count(),
    prisma.emailOutbox.count(),
    prisma.reservationEvent.count(),
    prisma.reservationSlot.count(),
    prisma.actionToken.count(),
  ]);
  return { reservations, bookers, outbox, events, slots, tokens };
}

/** A link token as the email sender mints it (raw value for the link, hash stored). */
export async function mintToken(reservationId: string, purpose: "CONFIRM" | "CANCEL" | "VIEW", expiresAt: Date): Promise<string> {
  const { raw, hash } = newToken();
  await db().actionToken.create({ data: { tokenHash: hash, purpose, reservationId, expiresAt } });
  return raw;
}

export async function outboxOf(reservationId: string) {
  return db().emailOutbox.findMany({
    where: { reservationId },
    orderBy: { createdAt: "asc" },
    select: { template: true, dedupeKey: true, recipient: true, payload: true },
  });
}

/** Settles every promise and tells successes from errors. */
export async function settle<T>(promises: Array<Promise<T>>) {
  const results = await Promise.allSettled(promises);
  const ok = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const errors = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  return { ok, errors };
}

/** `code` of a DomainError, or a description of anything else (so a stray error shows in the assertion). */
export function codeOf(e: unknown): string {
  if (e && typeof e === "object" && (e as { name?: string }).name === "DomainError") return (e as { code: string }).code;
  return `not a DomainError: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
}
