// The background pass under concurrency, on a real PostgreSQL: overlapping
// passes (several instances, several schedulers) and a student confirming at
// the very moment the pass expires the reservation.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/data/db";
import { enqueueEmail } from "@/lib/data/outbox";
import { transitionReservation } from "@/lib/data/reservation-transitions";
import { issueToken } from "@/lib/data/tokens";
import { transaction } from "@/lib/data/tx";
import { DomainError } from "@/lib/domain/errors";
import { confirmReservation } from "@/lib/use-cases/confirm-reservation";
import { expireReservations } from "@/lib/use-cases/expire-reservations";
import { runBackgroundPass } from "@/lib/use-cases/run-background-pass";
import { createLibrary, insertReservation } from "../support/factories";

const MIN = 60_000;
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MIN);
/** Starts `fn` after `ms` milliseconds: staggers the two sides of a race so each wins sometimes. */
const after = <T>(ms: number, fn: () => Promise<T>) => new Promise<void>((res) => setTimeout(res, ms)).then(fn);

// Mail goes to the dev mailbox (dev_mail rows), where sends can be counted.
vi.stubEnv("SMTP_URL", "");
afterAll(() => {
  vi.unstubAllEnvs();
});

beforeEach(async () => {
  await db().$executeRaw`TRUNCATE reservation, reservation_slot, reservation_event, email_outbox, booker, dev_mail CASCADE`;
});

/**
 * Seeds, in three INSERT … SELECT generate_series statements, on resources of
 * their own so no period overlaps: `expiring` pending reservations past their
 * confirmation deadline, `noShows` confirmed ones past their validation
 * deadline, `reminders` confirmed upcoming ones whose reminder is due.
 */
async function seedDue(now: Date, counts: { expiring: number; noShows: number; reminders: number }) {
  const lib = await createLibrary({ seats: 3 });
  const [seatA, seatB, seatC] = lib.seatIds as [string, string, string];
  const booker = await db().booker.create({ data: { email: "foule@etu.univ-test.fr" } });
  const past = plus(now, -30 * 24 * 60);
  await db().$executeRaw`
    INSERT INTO reservation (id, library_id, resource_id, booker_id, email, starts_at, ends_at, status, confirm_deadline, validation_deadline, created_at)
    SELECT gen_random_uuid(), ${lib.libraryId}::uuid, ${seatA}::uuid, ${booker.id}::uuid, 'attente' || g || '@etu.univ-test.fr',
           ${now}::timestamptz + g * interval '15 minutes', ${now}::timestamptz + (g + 1) * interval '15 minutes',
           'pending', ${now}::timestamptz - (g % 60 + 1) * interval '1 minute', ${now}::timestamptz + (g + 1) * interval '15 minutes',
           ${now}::timestamptz - interval '3 hours'
      FROM generate_series(0, ${counts.expiring - 1}::int) AS g`;
  await db().$executeRaw`
    INSERT INTO reservation (id, library_id, resource_id, booker_id, email, starts_at, ends_at, status, validation_deadline, confirmed_at)
    SELECT gen_random_uuid(), ${lib.libraryId}::uuid, ${seatB}::uuid, ${booker.id}::uuid, 'absent' || g || '@etu.univ-test.fr',
           ${past}::timestamptz + g * interval '15 minutes', ${past}::timestamptz + (g + 1) * interval '15 minutes',
           'confirmed', ${past}::timestamptz + g * interval '15 minutes' + interval '20 minutes', ${past}::timestamptz
      FROM generate_series(0, ${counts.noShows - 1}::int) AS g`;
  await db().$executeRaw`
    INSERT INTO reservation (id, library_id, resource_id, booker_id, email, starts_at, ends_at, status, validation_deadline, reminder_at)
    SELECT gen_random_uuid(), ${lib.libraryId}::uuid, ${seatC}::uuid, ${booker.id}::uuid, 'rappel' || g || '@etu.univ-test.fr',
           ${now}::timestamptz + interval '30 minutes' + g * interval '15 minutes', ${now}::timestamptz + interval '45 minutes' + g * interval '15 minutes',
           'confirmed', ${now}::timestamptz + interval '50 minutes' + g * interval '15 minutes', ${now}::timestamptz - interval '1 minute'
      FROM generate_series(0, ${counts.reminders - 1}::int) AS g`;
  await db().$executeRaw`ANALYZE reservation`;
  return lib;
}

describe("overlapping passes", () => {
  it("5 concurrent passes over 1,000 due reservations: each transitions once, each email exactly once, no deadlock, no error", async () => {
    const now = new Date("2027-02-15T10:00:00Z");
    await seedDue(now, { expiring: 600, noShows: 400, reminders: 300 });
    expect(await db().reservationSlot.count()).toBe(1300);

    // Five whole passes (transitions, reminders, outbox delivery) at once, with
    // small batches so they interleave over many transactions.
    const results = await Promise.all(Array.from({ length: 5 }, () => runBackgroundPass({ now, batchSize: 25 })));

    const sum = (k: "expired" | "noShows" | "reminders" | "emailsSent" | "emailsRetried" | "emailsFailed" | "emailsSkipped") =>
      results.reduce((n, r) => n + r[k], 0);
    expect(sum("expired")).toBe(600);
    expect(sum("noShows")).toBe(400);
    expect(sum("reminders")).toBe(300);
    expect(sum("emailsSent")).toBe(1300);
    expect([sum("emailsRetried"), sum("emailsFailed"), sum("emailsSkipped")]).toEqual([0, 0, 0]);

    const byStatus = await db().reservation.groupBy({ by: ["status"], _count: true, orderBy: { status: "asc" } });
    expect(Object.fromEntries(byStatus.map((g) => [g.status, g._count]))).toEqual({ CONFIRMED: 300, EXPIRED: 600, NO_SHOW: 400 });
    expect(await db().reservation.count({ where: { status: "CONFIRMED", reminderSentAt: now } })).toBe(300);
    // Only the reminded (still live) reservations hold their places.
    expect(await db().reservationSlot.count()).toBe(300);

    // Exactly one audit row per transitioned reservation, none for reminders.
    const eventsPer = await db().$queryRaw<Array<{ n: number; rows: number }>>`
      SELECT n, count(*)::int AS rows FROM (SELECT reservation_id, count(*)::int AS n FROM reservation_event GROUP BY reservation_id) e GROUP BY n`;
    expect(eventsPer).toEqual([{ n: 1, rows: 1000 }]);
    expect(await db().reservationEvent.count({ where: { toStatus: "EXPIRED", fromStatus: "PENDING", actor: "SYSTEM" } })).toBe(600);
    expect(await db().reservationEvent.count({ where: { toStatus: "NO_SHOW", fromStatus: "CONFIRMED", actor: "SYSTEM" } })).toBe(400);

    // Exactly one email per reservation, of the right kind, to its student.
    const mailsPer = await db().$queryRaw<Array<{ template: string; reservations: number; rows: number; keys: number; rightRecipient: number }>>`
      SELECT o.template, count(DISTINCT o.reservation_id)::int AS reservations, count(*)::int AS rows,
             count(DISTINCT o.dedupe_key)::int AS keys,
             count(*) FILTER (WHERE o.recipient = r.email AND o.dedupe_key = o.template || ':' || r.id::text)::int AS "rightRecipient"
        FROM email_outbox o JOIN reservation r ON r.id = o.reservation_id
       GROUP BY o.template ORDER BY o.template`;
    expect(mailsPer).toEqual([
      { template: "reservation-expired", reservations: 600, rows: 600, keys: 600, rightRecipient: 600 },
      { template: "reservation-no-show", reservations: 400, rows: 400, keys: 400, rightRecipient: 400 },
      { template: "reservation-reminder", reservations: 300, rows: 300, keys: 300, rightRecipient: 300 },
    ]);
    const wrongKind = await db().$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM email_outbox o JOIN reservation r ON r.id = o.reservation_id
       WHERE (o.template = 'reservation-expired' AND r.status <> 'expired')
          OR (o.template = 'reservation-no-show' AND r.status <> 'no_show')
          OR (o.template = 'reservation-reminder' AND r.status <> 'confirmed')`;
    expect(wrongKind).toEqual([{ n: 0 }]);

    // Each email left exactly once: one delivered message per student address.
    expect(await db().emailOutbox.count({ where: { status: "SENT" } })).toBe(1300);
    const deliveries = await db().$queryRaw<Array<{ n: number; recipients: number }>>`
      SELECT n, count(*)::int AS recipients FROM (SELECT recipient, count(*)::int AS n FROM dev_mail GROUP BY recipient) d GROUP BY n`;
    expect(deliveries).toEqual([{ n: 1, recipients: 1300 }]);

    // A further pass finds nothing left to do.
    expect(await runBackgroundPass({ now, batchSize: 25 })).toMatchObject({ expired: 0, noShows: 0, reminders: 0, emailsSent: 0 });
    expect(await db().emailOutbox.count()).toBe(1300);
    expect(await db().devMail.count()).toBe(1300);
  });

  it("claims due rows through the partial indexes of the migration", async () => {
    const now = new Date("2027-02-15T10:00:00Z");
    await seedDue(now, { expiring: 600, noShows: 400, reminders: 300 });
    type Plan = Array<{ "QUERY PLAN": string }>;
    // Few rows here: forbid the sequential scan the planner would rightly prefer on so small a table.
    const plans = await transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      return {
        pending: await tx.$queryRaw<Plan>`EXPLAIN SELECT id FROM reservation WHERE status = 'pending' AND confirm_deadline <= ${now}::timestamptz ORDER BY confirm_deadline LIMIT 500 FOR UPDATE SKIP LOCKED`,
        confirmed: await tx.$queryRaw<Plan>`EXPLAIN SELECT id FROM reservation WHERE status = 'confirmed' AND validation_deadline <= ${now}::timestamptz ORDER BY validation_deadline LIMIT 500 FOR UPDATE SKIP LOCKED`,
        reminder: await tx.$queryRaw<Plan>`EXPLAIN SELECT id FROM reservation WHERE reminder_sent_at IS NULL AND status IN ('pending', 'confirmed') AND reminder_at <= ${now}::timestamptz AND starts_at > ${now}::timestamptz AND (status = 'confirmed' OR confirm_deadline > ${now}::timestamptz) ORDER BY reminder_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
      };
    });
    const text = (rows: Array<{ "QUERY PLAN": string }>) => rows.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text(plans.pending)).toContain("reservation_pending_deadline_idx");
    expect(text(plans.confirmed)).toContain("reservation_confirmed_deadline_idx");
    expect(text(plans.reminder)).toContain("reservation_reminder_due_idx");
  });
});

describe("a confirmation racing the expiry at the deadline", () => {
  it("through the confirm use case: the student clicks 1 ms before the deadline as the pass runs at it (20 races)", async () => {
    const lib = await createLibrary({ seats: 1 });
    const deadline = new Date("2027-02-21T09:00:00Z");
    const outcomes = { CONFIRMED: 0, EXPIRED: 0 };
    for (let i = 0; i < 20; i++) {
      const startsAt = plus(deadline, 60 + i * 60);
      const r = await insertReservation({
        libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: `clic${i}@etu.univ-test.fr`,
        startsAt, endsAt: plus(startsAt, 60), status: "PENDING", confirmDeadline: deadline,
      });
      const token = await transaction((tx) => issueToken(tx, { reservationId: r.id, purpose: "CONFIRM", expiresAt: deadline }));
      // Stagger: the confirmation (which first reads its token) starts up to 9 ms ahead.
      const confirm = confirmReservation({ token, now: new Date(deadline.getTime() - 1) }).then(
        () => "confirmed" as const,
        (err: unknown) => {
          if (err instanceof DomainError) return err.code;
          throw err;
        },
      );
      const [confirmed, expired] = await Promise.all([confirm, after(i % 10, () => expireReservations({ now: deadline }))]);

      const row = await db().reservation.findUniqueOrThrow({ where: { id: r.id } });
      const mails = await db().emailOutbox.findMany({ where: { reservationId: r.id }, select: { template: true } });
      const events = await db().reservationEvent.findMany({ where: { reservationId: r.id }, select: { fromStatus: true, toStatus: true } });
      if (row.status === "CONFIRMED") {
        expect([confirmed, expired]).toEqual(["confirmed", 0]);
        expect(mails).toEqual([{ template: "reservation-confirmed" }]);
      } else {
        expect(row.status).toBe("EXPIRED");
        expect([confirmed, expired]).toEqual(["not_pending", 1]);
        expect(mails).toEqual([{ template: "reservation-expired" }]);
      }
      expect(events).toEqual([{ fromStatus: "PENDING", toStatus: row.status }]);
      outcomes[row.status as "CONFIRMED" | "EXPIRED"]++;
    }
    expect(outcomes.CONFIRMED + outcomes.EXPIRED).toBe(20);
  });

  it("through the bare compare-and-set, both at the deadline: exactly one of the two, with exactly one matching email (20 races)", async () => {
    const lib = await createLibrary({ seats: 1 });
    const deadline = new Date("2027-02-20T09:00:00Z");
    const outcomes = { CONFIRMED: 0, EXPIRED: 0 };
    for (let i = 0; i < 20; i++) {
      const startsAt = plus(deadline, 60 + i * 60);
      const r = await insertReservation({
        libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: `course${i}@etu.univ-test.fr`,
        startsAt, endsAt: plus(startsAt, 60), status: "PENDING", confirmDeadline: deadline,
      });
      const confirm = after(i % 3, () => transaction(async (tx) => {
        const done = await transitionReservation(tx, { id: r.id, to: "CONFIRMED", from: ["PENDING"], at: deadline, actor: "STUDENT" });
        if (done) {
          await enqueueEmail(tx, { template: "reservation-confirmed", recipient: r.email, reservationId: r.id, dedupeKey: `reservation-confirmed:${r.id}` });
        }
        return done !== null;
      }));
      const [confirmed, expired] = await Promise.all([confirm, expireReservations({ now: deadline })]);
      expect(Number(confirmed) + expired).toBe(1);

      const row = await db().reservation.findUniqueOrThrow({ where: { id: r.id } });
      const mails = await db().emailOutbox.findMany({ where: { reservationId: r.id }, select: { template: true } });
      const events = await db().reservationEvent.findMany({ where: { reservationId: r.id }, select: { fromStatus: true, toStatus: true } });
      if (row.status === "CONFIRMED") {
        expect(confirmed).toBe(true);
        expect(mails).toEqual([{ template: "reservation-confirmed" }]);
        expect(row.expiredAt).toBeNull();
        expect(await db().reservationSlot.count({ where: { reservationId: r.id } })).toBe(4);
      } else {
        expect(row.status).toBe("EXPIRED");
        expect(confirmed).toBe(false);
        expect(mails).toEqual([{ template: "reservation-expired" }]);
        expect(row.confirmedAt).toBeNull();
        expect(await db().reservationSlot.count({ where: { reservationId: r.id } })).toBe(0);
      }
      expect(events).toEqual([{ fromStatus: "PENDING", toStatus: row.status }]);
      outcomes[row.status as "CONFIRMED" | "EXPIRED"]++;
    }
    expect(outcomes.CONFIRMED + outcomes.EXPIRED).toBe(20);
  });
});
