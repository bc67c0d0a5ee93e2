import "server-only";
// The delivery side of the email outbox (lib/data/outbox.ts writes it).
//
// claimDueEmails is ONE statement per batch: it picks due rows with
// FOR UPDATE SKIP LOCKED, takes a lease on them (next_attempt_at = now + lease,
// attempts + 1) and returns them joined with everything the templates need.
// Another run (another instance, an overlapping cron pass, a kick after a
// request) skips the locked rows while the statement runs and finds them not
// due afterwards, until the lease runs out. Every later write is a
// compare-and-set on (status = 'pending', attempts = the claimed value), so a
// runner whose lease expired cannot overwrite the next runner's outcome.
import type { ReservationStatus } from "@/lib/domain/reservation-state";
import { db, Prisma } from "./db";
import { issueToken, type TokenPurpose } from "./tokens";

/** After this many failed attempts an email is given up (status failed, shown to staff). */
export const OUTBOX_MAX_ATTEMPTS = 8;
/** How long a claimed email stays invisible to other runners. */
export const OUTBOX_LEASE_MS = 2 * 60_000;
const BACKOFF_BASE_MS = 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BACKOFF_MAX_MS = 60 * 60_000;

/** Delay before attempt n+1 after n failed attempts: 1 min × 2^(n−1), at most 1 h. */
export function outboxBackoffMs(attempts: number): number {
  const n = Math.max(1, Math.floor(attempts));
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(n - 1, 20));
}

export interface ClaimedReservation {
  id: string;
  status: ReservationStatus;
  email: string;
  name: string | null;
  startsAt: Date;
  endsAt: Date;
  confirmDeadline: Date | null;
  cancelledBy: "student" | "staff" | "system" | null;
  cancelReason: string | null;
  library: {
    slug: string;
    name: string;
    address: string;
    timeZone: string;
    confirmationWindowMinutes: number;
    validationWindowMinutes: number;
  };
  areaName: string;
  resource: { kind: "SEAT" | "GROUP_ROOM"; label: string; capacity: number };
}

export interface ClaimedEmail {
  id: string;
  template: string;
  recipient: string;
  payload: Record<string, unknown>;
  /** Attempts including this one (the compare value of the later writes). */
  attempts: number;
  /** Null when the row names no reservation, or one that no longer exists. */
  reservation: ClaimedReservation | null;
}

type ClaimRow = {
  id: string;
  template: string;
  recipient: string;
  payload: unknown;
  attempts: number;
  r_id: string | null;
  r_status: string | null;
  r_email: string | null;
  r_name: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  confirm_deadline: Date | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  l_slug: string | null;
  l_name: string | null;
  l_address: string | null;
  l_time_zone: string | null;
  l_confirmation_window: number | null;
  l_validation_window: number | null;
  a_name: string | null;
  res_kind: string | null;
  res_label: string | null;
  res_capacity: number | null;
};

const asDate = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v : new Date(v));

function toClaimed(row: ClaimRow): ClaimedEmail {
  const payload = row.payload && typeof row.payload === "object" && !Array.isArray(row.payload) ? (row.payload as Record<string, unknown>) : {};
  const complete = row.r_id && row.r_status && row.starts_at && row.ends_at && row.l_slug && row.res_label;
  return {
    id: row.id,
    template: row.template,
    recipient: row.recipient,
    payload,
    attempts: Number(row.attempts),
    reservation: complete
      ? {
          id: row.r_id!,
          status: row.r_status!.toUpperCase() as ReservationStatus,
          email: row.r_email ?? row.recipient,
          name: row.r_name,
          startsAt: asDate(row.starts_at)!,
          endsAt: asDate(row.ends_at)!,
          confirmDeadline: asDate(row.confirm_deadline),
          cancelledBy: (row.cancelled_by as ClaimedReservation["cancelledBy"]) ?? null,
          cancelReason: row.cancel_reason,
          library: {
            slug: row.l_slug!,
            name: row.l_name ?? "",
            address: row.l_address ?? "",
            timeZone: row.l_time_zone ?? "Europe/Paris",
            confirmationWindowMinutes: Number(row.l_confirmation_window ?? 120),
            validationWindowMinutes: Number(row.l_validation_window ?? 20),
          },
          areaName: row.a_name ?? "",
          resource: {
            kind: row.res_kind === "group_room" ? "GROUP_ROOM" : "SEAT",
            label: row.res_label!,
            capacity: Number(row.res_capacity ?? 1),
          },
        }
      : null,
  };
}

/**
 * Claims at most `limit` due emails (status pending, next_attempt_at <= now;
 * only among `ids` when given) for `leaseMs`, and returns them with their
 * reservation, library, area and resource — one statement for the batch.
 */
export async function claimDueEmails(input: { now: Date; limit: number; ids?: string[]; leaseMs?: number }): Promise<ClaimedEmail[]> {
  const limit = Math.max(1, Math.min(1000, Math.floor(input.limit)));
  const leaseUntil = new Date(input.now.getTime() + (input.leaseMs ?? OUTBOX_LEASE_MS));
  const ids = input.ids?.filter((id) => UUID.test(id));
  if (ids && ids.length === 0) return [];
  const onlyIds = ids ? Prisma.sql`AND id = ANY(${ids}::uuid[])` : Prisma.empty;
  const rows = await db().$queryRaw<ClaimRow[]>`
    WITH due AS MATERIALIZED (
      SELECT id FROM email_outbox
       WHERE status = 'pending' AND next_attempt_at <= ${input.now}::timestamptz ${onlyIds}
       ORDER BY next_attempt_at, id
       LIMIT ${limit}::int
       FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE email_outbox e
         SET attempts = e.attempts + 1, next_attempt_at = ${leaseUntil}::timestamptz
        FROM due
       WHERE e.id = due.id AND e.status = 'pending'
      RETURNING e.id, e.template, e.recipient, e.reservation_id, e.payload, e.attempts
    )
    SELECT c.id::text AS id, c.template, c.recipient, c.payload, c.attempts,
           r.id::text AS r_id, r.status::text AS r_status, r.email AS r_email, r.name AS r_name,
           r.starts_at, r.ends_at, r.confirm_deadline, r.cancelled_by::text AS cancelled_by, r.cancel_reason,
           l.slug AS l_slug, l.name AS l_name, l.address AS l_address, l.time_zone AS l_time_zone,
           l.confirmation_window_minutes AS l_confirmation_window, l.validation_window_minutes AS l_validation_window,
           a.name AS a_name, res.kind::text AS res_kind, res.label AS res_label, res.capacity AS res_capacity
      FROM claimed c
      LEFT JOIN reservation r ON r.id = c.reservation_id
      LEFT JOIN resource res ON res.id = r.resource_id
      LEFT JOIN area a ON a.id = res.area_id
      LEFT JOIN library l ON l.id = r.library_id`;
  return rows.map(toClaimed);
}

export interface ClaimRef {
  id: string;
  /** The attempts value returned by claimDueEmails. */
  attempts: number;
}

/** Marks claimed emails sent (compare-and-set on status pending); returns how many changed. */
export async function markEmailsSent(ids: string[], now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  return db().$executeRaw`
    UPDATE email_outbox
       SET status = 'sent', sent_at = ${now}::timestamptz, last_error = NULL
     WHERE id = ANY(${ids}::uuid[]) AND status = 'pending'`;
}

export interface AttemptFailure extends ClaimRef {
  /** Why it failed, already free of any secret (stored in last_error, shown to staff). */
  error: string;
  /** True when retrying cannot help (unknown template, reservation gone): failed at once. */
  permanent?: boolean;
}

/**
 * Records failed attempts: retried after outboxBackoffMs(attempts), or status
 * failed after OUTBOX_MAX_ATTEMPTS (or at once when permanent). Set-based.
 */
export async function markEmailsFailed(failures: AttemptFailure[], now: Date): Promise<{ retried: number; failed: number }> {
  if (failures.length === 0) return { retried: 0, failed: 0 };
  const ids = failures.map((f) => f.id);
  const attempts = failures.map((f) => f.attempts);
  const errors = failures.map((f) => f.error.slice(0, 1000));
  const finals = failures.map((f) => Boolean(f.permanent) || f.attempts >= OUTBOX_MAX_ATTEMPTS);
  const nextAts = failures.map((f) => new Date(now.getTime() + outboxBackoffMs(f.attempts)).toISOString());
  const rows = await db().$queryRaw<Array<{ status: string }>>`
    UPDATE email_outbox e
       SET status = CASE WHEN f.final THEN 'failed'::outbox_status ELSE 'pending'::outbox_status END,
           last_error = f.err,
           next_attempt_at = CASE WHEN f.final THEN ${now}::timestamptz ELSE f.next_at END
      FROM unnest(${ids}::uuid[], ${attempts}::int[], ${errors}::text[], ${nextAts}::timestamptz[], ${finals}::boolean[])
           AS f(id, attempts, err, next_at, final)
     WHERE e.id = f.id AND e.status = 'pending' AND e.attempts = f.attempts
    RETURNING e.status::text AS status`;
  return {
    retried: rows.filter((r) => r.status === "pending").length,
    failed: rows.filter((r) => r.status === "failed").length,
  };
}

/**
 * Closes emails that must not leave any more (a confirmation request for a
 * reservation no longer pending, a reminder after the start): status sent with
 * no sent_at, and the reason in last_error.
 */
export async function markEmailsSkipped(items: Array<ClaimRef & { reason: string }>): Promise<number> {
  if (items.length === 0) return 0;
  const ids = items.map((i) => i.id);
  const attempts = items.map((i) => i.attempts);
  const reasons = items.map((i) => i.reason.slice(0, 1000));
  return db().$executeRaw`
    UPDATE email_outbox e
       SET status = 'sent', sent_at = NULL, last_error = f.reason
      FROM unnest(${ids}::uuid[], ${attempts}::int[], ${reasons}::text[]) AS f(id, attempts, reason)
     WHERE e.id = f.id AND e.status = 'pending' AND e.attempts = f.attempts`;
}

/** Gives claimed emails back untried (the runner ran out of lease time): due at `now`, attempt not counted. */
export async function releaseEmails(items: ClaimRef[], now: Date): Promise<number> {
  if (items.length === 0) return 0;
  const ids = items.map((i) => i.id);
  const attempts = items.map((i) => i.attempts);
  return db().$executeRaw`
    UPDATE email_outbox e
       SET attempts = e.attempts - 1, next_attempt_at = ${now}::timestamptz
      FROM unnest(${ids}::uuid[], ${attempts}::int[]) AS f(id, attempts)
     WHERE e.id = f.id AND e.status = 'pending' AND e.attempts = f.attempts`;
}

export interface OutboxRow {
  id: string;
  template: string;
  recipient: string;
  reservationId: string | null;
  dedupeKey: string;
  status: "PENDING" | "SENT" | "FAILED";
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
}

/** Outbox rows of one reservation, oldest first (the reservation page, staff, tests). */
export async function listOutboxOf(reservationId: string): Promise<OutboxRow[]> {
  if (!UUID.test(reservationId)) return [];
  return db().emailOutbox.findMany({
    where: { reservationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      template: true,
      recipient: true,
      reservationId: true,
      dedupeKey: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastError: true,
      sentAt: true,
      createdAt: true,
    },
  });
}

export type LinkTokenExpiries = Partial<Record<TokenPurpose, Date>>;

/**
 * Mints the link tokens an email needs, at send time, one per purpose, and
 * returns the raw values (they exist only in the email; the table keeps the hash).
 */
export async function mintLinkTokens(reservationId: string, expiries: LinkTokenExpiries): Promise<Partial<Record<TokenPurpose, string>>> {
  const entries = Object.entries(expiries) as Array<[TokenPurpose, Date]>;
  const raws = await Promise.all(entries.map(([purpose, expiresAt]) => issueToken(db(), { reservationId, purpose, expiresAt })));
  return Object.fromEntries(entries.map(([purpose], i) => [purpose, raws[i]]));
}
