import "server-only";
// The background pass's writes: expire unconfirmed reservations, mark no-shows,
// send reminders. Each batch is ONE statement in its own short transaction:
//
//   due  — claims at most `batch` due rows with FOR UPDATE SKIP LOCKED, using a
//          predicate that matches a partial index of the migration;
//   upd  — the compare-and-set (the status is checked again) that changes them;
//          the reservation_release_slots trigger frees their reservation_slot rows;
//   ev   — one reservation_event row per changed reservation;
//   mail — one email_outbox row per changed reservation (unique dedupe key,
//          ON CONFLICT DO NOTHING), so the change and its email commit together.
//
// Several passes (instances, overlapping runs) never touch a row twice: a row
// locked by one is skipped by the others, and a row already changed fails the
// status check. Memory stays flat: only counts come back, never the rows.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "./tx";
import { transaction } from "./tx";

export interface BatchOptions {
  /** Rows claimed per transaction (default 500). */
  batchSize?: number;
  /** Upper bound on batches in one call, so one pass ends (default 400 = 200,000 rows). */
  maxBatches?: number;
}

const DEFAULT_BATCH = 500;
const DEFAULT_MAX_BATCHES = 400;

/** Reasons written to the audit trail (reservation_event.reason), read by staff. */
export const EXPIRED_REASON = "Non confirmée dans le délai";
export const NO_SHOW_REASON = "Présence non validée dans le délai";

type CountRow = { n: number };

/** An instant as the ISO-8601 UTC text the templates read ("2026-10-25T02:30:00.000Z"). Constant SQL only. */
const isoUtc = (expression: string) => Prisma.raw(`to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** The payload keys every reservation email has (same as reservationEmailPayload in reservations.ts). */
const COMMON_PAYLOAD = Prisma.sql`'libraryName', l.name, 'librarySlug', l.slug, 'timeZone', l.time_zone,
               'resourceLabel', res.label, 'areaName', a.name,
               'startsAt', ${isoUtc("upd.starts_at")}, 'endsAt', ${isoUtc("upd.ends_at")}`;

/** What the email rows are built from: the changed reservations with their library, place and area. */
const MAIL_FROM = Prisma.sql`FROM upd
        JOIN library l ON l.id = upd.library_id
        JOIN resource res ON res.id = upd.resource_id
        JOIN area a ON a.id = res.area_id`;

// The emails' payload (template data): no secret — links and tokens are made
// when the email is sent — and instants as ISO-8601 UTC strings
// ("2026-10-25T02:30:00.000Z"); the template formats them in `timeZone`.

/** One batch: pending reservations past their confirmation deadline → expired. */
async function expireBatch(tx: Tx, now: Date, batch: number): Promise<number> {
  const rows = await tx.$queryRaw<CountRow[]>`
    WITH due AS MATERIALIZED (
      SELECT id FROM reservation
       WHERE status = 'pending' AND confirm_deadline <= ${now}::timestamptz
       ORDER BY confirm_deadline
       LIMIT ${batch}::int
       FOR UPDATE SKIP LOCKED
    ), upd AS (
      UPDATE reservation r
         SET status = 'expired', expired_at = ${now}::timestamptz
        FROM due
       WHERE r.id = due.id AND r.status = 'pending'
      RETURNING r.id, r.email, r.library_id, r.resource_id, r.starts_at, r.ends_at, r.confirm_deadline
    ), ev AS (
      INSERT INTO reservation_event (id, reservation_id, from_status, to_status, actor, reason, at)
      SELECT gen_random_uuid(), upd.id, 'pending', 'expired', 'system', ${EXPIRED_REASON}::text, ${now}::timestamptz
        FROM upd
    ), mail AS (
      INSERT INTO email_outbox (id, dedupe_key, template, recipient, reservation_id, payload, next_attempt_at)
      SELECT gen_random_uuid(), 'reservation-expired:' || upd.id::text, 'reservation-expired', upd.email, upd.id,
             jsonb_build_object(
               ${COMMON_PAYLOAD},
               'confirmDeadline', ${isoUtc('upd.confirm_deadline')},
               'confirmationWindowMinutes', l.confirmation_window_minutes),
             ${now}::timestamptz
        ${MAIL_FROM}
      ON CONFLICT (dedupe_key) DO NOTHING
    )
    SELECT count(*)::int AS n FROM upd`;
  return rows[0]?.n ?? 0;
}

/** One batch: confirmed reservations not validated by their validation deadline → no_show. */
async function noShowBatch(tx: Tx, now: Date, batch: number): Promise<number> {
  const rows = await tx.$queryRaw<CountRow[]>`
    WITH due AS MATERIALIZED (
      SELECT id FROM reservation
       WHERE status = 'confirmed' AND validation_deadline <= ${now}::timestamptz
       ORDER BY validation_deadline
       LIMIT ${batch}::int
       FOR UPDATE SKIP LOCKED
    ), upd AS (
      UPDATE reservation r
         SET status = 'no_show', no_show_at = ${now}::timestamptz
        FROM due
       WHERE r.id = due.id AND r.status = 'confirmed'
      RETURNING r.id, r.email, r.library_id, r.resource_id, r.starts_at, r.ends_at, r.validation_deadline
    ), ev AS (
      INSERT INTO reservation_event (id, reservation_id, from_status, to_status, actor, reason, at)
      SELECT gen_random_uuid(), upd.id, 'confirmed', 'no_show', 'system', ${NO_SHOW_REASON}::text, ${now}::timestamptz
        FROM upd
    ), mail AS (
      INSERT INTO email_outbox (id, dedupe_key, template, recipient, reservation_id, payload, next_attempt_at)
      SELECT gen_random_uuid(), 'reservation-no-show:' || upd.id::text, 'reservation-no-show', upd.email, upd.id,
             jsonb_build_object(
               ${COMMON_PAYLOAD},
               'validationDeadline', ${isoUtc('upd.validation_deadline')},
               'validationWindowMinutes', l.validation_window_minutes),
             ${now}::timestamptz
        ${MAIL_FROM}
      ON CONFLICT (dedupe_key) DO NOTHING
    )
    SELECT count(*)::int AS n FROM upd`;
  return rows[0]?.n ?? 0;
}

/**
 * One batch: live reservations whose reminder is due and not yet sent, and that
 * have not started → reminder_sent_at set, reminder enqueued (once: the column
 * and the dedupe key both say so). A pending one past its confirmation deadline
 * gets no reminder: it is about to expire.
 */
async function reminderBatch(tx: Tx, now: Date, batch: number): Promise<number> {
  const rows = await tx.$queryRaw<CountRow[]>`
    WITH due AS MATERIALIZED (
      SELECT id FROM reservation
       WHERE reminder_sent_at IS NULL AND status IN ('pending', 'confirmed')
         AND reminder_at <= ${now}::timestamptz
         AND starts_at > ${now}::timestamptz
         AND (status = 'confirmed' OR confirm_deadline > ${now}::timestamptz)
       ORDER BY reminder_at
       LIMIT ${batch}::int
       FOR UPDATE SKIP LOCKED
    ), upd AS (
      UPDATE reservation r
         SET reminder_sent_at = ${now}::timestamptz
        FROM due
       WHERE r.id = due.id AND r.reminder_sent_at IS NULL AND r.status IN ('pending', 'confirmed')
      RETURNING r.id, r.email, r.status, r.library_id, r.resource_id, r.starts_at, r.ends_at,
                r.confirm_deadline, r.validation_deadline
    ), mail AS (
      INSERT INTO email_outbox (id, dedupe_key, template, recipient, reservation_id, payload, next_attempt_at)
      SELECT gen_random_uuid(), 'reservation-reminder:' || upd.id::text, 'reservation-reminder', upd.email, upd.id,
             jsonb_build_object(
               ${COMMON_PAYLOAD}, 'status', upd.status::text,
               'confirmDeadline', ${isoUtc('upd.confirm_deadline')},
               'validationOpensAt', ${isoUtc('(upd.starts_at - make_interval(mins => l.validation_opens_before_minutes))')},
               'validationDeadline', ${isoUtc('upd.validation_deadline')},
               'validationWindowMinutes', l.validation_window_minutes),
             ${now}::timestamptz
        ${MAIL_FROM}
      ON CONFLICT (dedupe_key) DO NOTHING
    )
    SELECT count(*)::int AS n FROM upd`;
  return rows[0]?.n ?? 0;
}

/** Runs `step` in one transaction per batch until a batch comes back short, or the cap. */
async function inBatches(step: (tx: Tx, now: Date, batch: number) => Promise<number>, now: Date, options: BatchOptions): Promise<number> {
  const batch = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH));
  const maxBatches = Math.max(1, Math.floor(options.maxBatches ?? DEFAULT_MAX_BATCHES));
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const n = await transaction((tx) => step(tx, now, batch));
    total += n;
    if (n < batch) break;
  }
  return total;
}

/** Pending reservations whose confirm_deadline <= now become expired (+ event + "reservation-expired" email). */
export const expireDueReservations = (now: Date, options: BatchOptions = {}) => inBatches(expireBatch, now, options);

/** Confirmed reservations whose validation_deadline <= now become no_show (+ event + "reservation-no-show" email). */
export const markDueNoShows = (now: Date, options: BatchOptions = {}) => inBatches(noShowBatch, now, options);

/** Due reminders of live, not yet started reservations: reminder_sent_at set + "reservation-reminder" email. */
export const sendDueReminders = (now: Date, options: BatchOptions = {}) => inBatches(reminderBatch, now, options);
