// The outbox through a REAL SMTP receiver (smtp-server in this process): the
// emails arrive with working links and the .ics; SMTP down → nothing lost,
// retried with backoff, delivered exactly once when it is back; concurrent
// senders never send one twice; dedupe keys; giving up after MAX attempts.
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import type { ParsedMail } from "mailparser";
import { startSmtpReceiver } from "../support/smtp-receiver";

// env() is parsed once per process: SMTP_URL must be set before anything calls it,
// so the receiver starts first and the application modules are imported after.
const smtp = await startSmtpReceiver();
process.env.SMTP_URL = smtp.url;

const { createLibrary, insertReservation } = await import("../support/factories");
const { db } = await import("@/lib/data/db");
const { transaction } = await import("@/lib/data/tx");
const { enqueueEmails } = await import("@/lib/data/outbox");
const { findToken } = await import("@/lib/data/tokens");
const { transitionReservation } = await import("@/lib/data/reservation-transitions");
const { OUTBOX_MAX_ATTEMPTS, OUTBOX_LEASE_MS, claimDueEmails, markEmailsFailed, outboxBackoffMs } = await import("@/lib/data/outbox-delivery");
const { deliverOutbox } = await import("@/lib/email/deliver-outbox");
const { kickOutbox, runOutboxKick } = await import("@/lib/email/kick");
const { appUrl, env } = await import("@/lib/env");
type EnqueueEmail = import("@/lib/data/outbox").EnqueueEmail;

afterAll(async () => {
  await smtp.stop();
});

const MIN = 60_000;
const HOUR = 60 * MIN;
// Each test delivers with `now` = T0, a little after the real clock: the rows it
// enqueues get next_attempt_at = the database's now(), so they are due at T0.
let T0 = new Date();
const at = (ms: number) => new Date(T0.getTime() + ms);

beforeEach(async () => {
  T0 = new Date(Date.now() + 2_000);
  await smtp.restart();
  smtp.clear();
});

const lib = await createLibrary({ seats: 60 });
let seat = 0;
let n = 0;
const nextSeat = () => lib.seatIds[seat++ % lib.seatIds.length]!;
const uniqueEmail = (tag: string) => `${tag}-${++n}@etu.univ-exemple.fr`;

async function reservation(status: "PENDING" | "CONFIRMED", email = uniqueEmail(status.toLowerCase())) {
  // Tomorrow 14:00–16:00 UTC-ish, each on its own seat and day offset so none overlap.
  const startsAt = new Date(Math.ceil((T0.getTime() + 24 * HOUR) / HOUR) * HOUR + (n % 24) * 24 * HOUR);
  return insertReservation({
    libraryId: lib.libraryId,
    resourceId: nextSeat(),
    email,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * HOUR),
    status,
    confirmDeadline: status === "PENDING" ? new Date(T0.getTime() + 2 * HOUR) : null,
  });
}

const enqueue = (emails: EnqueueEmail[]) => transaction((tx) => enqueueEmails(tx, emails));
const outboxRow = (dedupeKey: string) => db().emailOutbox.findUniqueOrThrow({ where: { dedupeKey } });

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** The raw token of the first `kind` link in `text` (43 base64url characters). */
function tokenIn(text: string, kind: "confirmer" | "annuler" | "suivi"): string {
  const m = new RegExp(`${escapeRe(appUrl(`/reservation/${kind}/`))}([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])`).exec(text);
  if (!m) throw new Error(`no ${kind} link in:\n${text}`);
  return m[1]!;
}
const htmlOf = (mail: ParsedMail) => (typeof mail.html === "string" ? mail.html : "");

describe("emails arrive through SMTP with working links", () => {
  test("confirm-request: French, the three links resolve to this reservation and the right purpose", async () => {
    const r = await reservation("PENDING");
    await enqueue([{ template: "confirm-request", recipient: r.email, reservationId: r.id, dedupeKey: `confirm-request:${r.id}` }]);

    const result = await deliverOutbox({ now: T0 });
    expect(result).toEqual({ sent: 1, retried: 0, failed: 0, skipped: 0 });
    const [mail] = await smtp.waitFor(1);
    expect(smtp.messages).toHaveLength(1);
    expect(mail!.subject).toBe("Confirmez votre réservation");
    expect(mail!.to && !Array.isArray(mail!.to) ? mail!.to.value[0]!.address : null).toBe(r.email);
    expect(mail!.from?.value[0]?.address).toBe(/<([^>]+)>/.exec(env().EMAIL_FROM)?.[1] ?? env().EMAIL_FROM);
    const text = mail!.text ?? "";
    expect(text).toContain("Confirmer ma réservation");
    expect(text).toContain(`Bibliothèque : BU de test`);
    expect(mail!.attachments).toHaveLength(0);

    const confirm = tokenIn(text, "confirmer");
    const cancel = tokenIn(text, "annuler");
    const view = tokenIn(text, "suivi");
    // The HTML part carries the same links.
    for (const raw of [confirm, cancel, view]) expect(htmlOf(mail!)).toContain(raw);

    const c = await findToken(confirm, "CONFIRM");
    expect(c).toMatchObject({ reservationId: r.id, purpose: "CONFIRM", usedAt: null });
    expect(c!.expiresAt.toISOString()).toBe(r.confirmDeadline!.toISOString());
    const k = await findToken(cancel, "CANCEL");
    expect(k).toMatchObject({ reservationId: r.id, purpose: "CANCEL" });
    expect(k!.expiresAt.toISOString()).toBe(r.endsAt.toISOString());
    const v = await findToken(view, "VIEW");
    expect(v).toMatchObject({ reservationId: r.id, purpose: "VIEW" });
    expect(v!.expiresAt.toISOString()).toBe(new Date(r.endsAt.getTime() + 30 * 24 * HOUR).toISOString());
    // Bound to one purpose: a cancel token cannot confirm, a confirm token cannot cancel.
    expect(await findToken(cancel, "CONFIRM")).toBeNull();
    expect(await findToken(confirm, "CANCEL")).toBeNull();
    // Only the hash is stored.
    expect(await db().actionToken.count({ where: { tokenHash: { in: [confirm, cancel, view] } } })).toBe(0);

    const row = await outboxRow(`confirm-request:${r.id}`);
    expect(row).toMatchObject({ status: "SENT", attempts: 1, lastError: null });
    expect(row.sentAt?.toISOString()).toBe(T0.toISOString());
  });

  test("reservation-confirmed: validation instructions, cancel link and the .ics", async () => {
    const r = await reservation("CONFIRMED");
    await enqueue([{ template: "reservation-confirmed", recipient: r.email, reservationId: r.id, dedupeKey: `reservation-confirmed:${r.id}` }]);

    expect(await deliverOutbox({ now: T0 })).toMatchObject({ sent: 1 });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe("Réservation confirmée");
    const text = mail!.text ?? "";
    expect(text).toContain("scannez le QR code");
    expect(text).toContain(`ou ouvrez ${appUrl("/reservation/validate")} et saisissez le code de l'établissement`);
    expect(text).toContain("annulée automatiquement 20 minutes après son début");
    const cancel = tokenIn(text, "annuler");
    expect(await findToken(cancel, "CANCEL")).toMatchObject({ reservationId: r.id });
    expect(await findToken(tokenIn(text, "suivi"), "VIEW")).toMatchObject({ reservationId: r.id });
    expect(text).not.toContain("/reservation/confirmer/");

    expect(mail!.attachments).toHaveLength(1);
    const ics = mail!.attachments[0]!;
    expect(ics.filename).toBe("reservation.ics");
    expect(ics.contentType).toBe("text/calendar");
    const body = ics.content.toString("utf8").replace(/\r?\n[ \t]/g, "");
    const utc = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    expect(body).toContain(`UID:reservation-${r.id}@strapontin`);
    expect(body).toContain(`DTSTART:${utc(r.startsAt)}`);
    expect(body).toContain(`DTEND:${utc(r.endsAt)}`);
    expect(body).toContain("LOCATION:BU de test");
    expect(body).toContain("1 rue du Test\\, 00000 Testville");
    expect(body).not.toContain(cancel);
  });

  test("reservation-cancelled by the staff: the reason and a link to book again", async () => {
    const r = await reservation("CONFIRMED");
    await transaction(async (tx) => {
      const moved = await transitionReservation(tx, { id: r.id, to: "CANCELLED", at: T0, actor: "STAFF", reason: "Inventaire annuel" });
      expect(moved).not.toBeNull();
      await enqueueEmails(tx, [
        {
          template: "reservation-cancelled",
          recipient: r.email,
          reservationId: r.id,
          dedupeKey: `reservation-cancelled:${r.id}`,
          payload: { cancelledBy: "staff", reason: "Inventaire annuel" },
        },
      ]);
    });

    expect(await deliverOutbox({ now: T0 })).toMatchObject({ sent: 1 });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe("Votre réservation a été annulée");
    expect(mail!.text).toContain("Le personnel de la bibliothèque a annulé votre réservation.");
    expect(mail!.text).toContain("Motif : Inventaire annuel");
    expect(mail!.text).toContain(`Réserver une place :\n${appUrl(`/bibliotheques/${lib.slug}`)}`);
  });

  test("a cancellation by the student, with the reason taken from the reservation when the payload has none", async () => {
    const r = await reservation("CONFIRMED");
    await transaction(async (tx) => {
      await transitionReservation(tx, { id: r.id, to: "CANCELLED", at: T0, actor: "STUDENT" });
      await enqueueEmails(tx, [{ template: "reservation-cancelled", recipient: r.email, reservationId: r.id, dedupeKey: `reservation-cancelled:${r.id}` }]);
    });
    await deliverOutbox({ now: T0 });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.text).toContain("Votre réservation a bien été annulée, comme vous l'avez demandé.");
  });
});

describe("SMTP down", () => {
  test("the outbox keeps the email, retries after the backoff and delivers it exactly once when SMTP is back", async () => {
    const r = await reservation("PENDING");
    const key = `confirm-request:${r.id}`;
    await enqueue([{ template: "confirm-request", recipient: r.email, reservationId: r.id, dedupeKey: key }]);
    await smtp.stop();

    expect(await deliverOutbox({ now: T0 })).toEqual({ sent: 0, retried: 1, failed: 0, skipped: 0 });
    let row = await outboxRow(key);
    expect(row.status).toBe("PENDING");
    expect(row.attempts).toBe(1);
    expect(row.nextAttemptAt.toISOString()).toBe(at(1 * MIN).toISOString());
    expect(row.lastError).toMatch(/ECONNREFUSED/);
    // No token, no token link in what is stored.
    expect(row.lastError).not.toMatch(/[A-Za-z0-9_-]{43}/);
    expect(row.lastError).not.toContain("/reservation/");

    // Not due yet: nothing is attempted.
    expect(await deliverOutbox({ now: at(30_000) })).toEqual({ sent: 0, retried: 0, failed: 0, skipped: 0 });
    expect((await outboxRow(key)).attempts).toBe(1);

    await smtp.restart();
    expect(await deliverOutbox({ now: at(61_000) })).toEqual({ sent: 1, retried: 0, failed: 0, skipped: 0 });
    await smtp.waitFor(1);
    // Later passes send nothing more.
    expect(await deliverOutbox({ now: at(10 * MIN) })).toEqual({ sent: 0, retried: 0, failed: 0, skipped: 0 });
    expect(await deliverOutbox({ now: at(3 * HOUR) })).toEqual({ sent: 0, retried: 0, failed: 0, skipped: 0 });
    expect(smtp.to(r.email)).toHaveLength(1);
    row = await outboxRow(key);
    expect(row).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
    // The link in the mail that finally left works.
    expect(await findToken(tokenIn(smtp.messages[0]!.text ?? "", "confirmer"), "CONFIRM")).toMatchObject({ reservationId: r.id });
  });

  test(`after ${OUTBOX_MAX_ATTEMPTS} attempts the email is given up (failed), with backoff 1, 2, 4 … 60 min between attempts`, async () => {
    const r = await reservation("CONFIRMED");
    const key = `reservation-confirmed:${r.id}`;
    await enqueue([{ template: "reservation-confirmed", recipient: r.email, reservationId: r.id, dedupeKey: key }]);
    await smtp.stop();

    let now = T0;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= OUTBOX_MAX_ATTEMPTS; attempt++) {
      const result = await deliverOutbox({ now });
      const row = await outboxRow(key);
      expect(row.attempts).toBe(attempt);
      if (attempt < OUTBOX_MAX_ATTEMPTS) {
        expect(result).toEqual({ sent: 0, retried: 1, failed: 0, skipped: 0 });
        expect(row.status).toBe("PENDING");
        delays.push((row.nextAttemptAt.getTime() - now.getTime()) / MIN);
        now = row.nextAttemptAt;
      } else {
        expect(result).toEqual({ sent: 0, retried: 0, failed: 1, skipped: 0 });
        expect(row.status).toBe("FAILED");
        expect(row.lastError).toMatch(/ECONNREFUSED/);
      }
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 60]);
    expect([1, 2, 3, 7, 8, 30].map((a) => outboxBackoffMs(a) / MIN)).toEqual([1, 2, 4, 60, 60, 60]);

    // A failed email is never tried again, even with SMTP back.
    await smtp.restart();
    expect(await deliverOutbox({ now: at(48 * HOUR) })).toEqual({ sent: 0, retried: 0, failed: 0, skipped: 0 });
    expect(smtp.messages).toHaveLength(0);
  });
});

describe("exactly once", () => {
  test("two concurrent senders over 50 due emails: each email sent exactly once", async () => {
    const r = await reservation("CONFIRMED");
    const rows: EnqueueEmail[] = Array.from({ length: 50 }, (_, i) => ({
      template: "reservation-confirmed",
      recipient: `lot-${i}@etu.univ-exemple.fr`,
      reservationId: r.id,
      dedupeKey: `lot:${r.id}:${i}`,
    }));
    expect(await enqueue(rows)).toBe(50);

    const [a, b] = await Promise.all([deliverOutbox({ now: T0, limit: 7 }), deliverOutbox({ now: T0, limit: 7 })]);
    expect(a.sent + b.sent).toBe(50);
    expect(a.retried + b.retried + a.failed + b.failed + a.skipped + b.skipped).toBe(0);
    await smtp.waitFor(50);
    await new Promise((resolve) => setTimeout(resolve, 200)); // a late duplicate would show up here
    expect(smtp.messages).toHaveLength(50);
    for (let i = 0; i < 50; i++) expect(smtp.to(`lot-${i}@etu.univ-exemple.fr`)).toHaveLength(1);
    const states = await db().emailOutbox.groupBy({ by: ["status", "attempts"], where: { dedupeKey: { startsWith: `lot:${r.id}:` } }, _count: true });
    expect(states).toEqual([{ status: "SENT", attempts: 1, _count: 50 }]);
  });

  test("a claimed email is invisible to other senders until its lease runs out", async () => {
    const r = await reservation("CONFIRMED");
    const key = `reservation-confirmed:${r.id}`;
    await enqueue([{ template: "reservation-confirmed", recipient: r.email, reservationId: r.id, dedupeKey: key }]);
    const row = await outboxRow(key);

    // Another runner claims it (and, say, crashes before sending).
    const claimed = await claimDueEmails({ now: T0, limit: 10, ids: [row.id] });
    expect(claimed.map((c) => c.id)).toEqual([row.id]);
    expect(claimed[0]!.reservation).toMatchObject({ id: r.id, status: "CONFIRMED", library: { slug: lib.slug } });

    expect(await deliverOutbox({ now: at(OUTBOX_LEASE_MS - 1_000), ids: [row.id] })).toEqual({ sent: 0, retried: 0, failed: 0, skipped: 0 });
    expect(smtp.messages).toHaveLength(0);
    expect(await deliverOutbox({ now: at(OUTBOX_LEASE_MS), ids: [row.id] })).toEqual({ sent: 1, retried: 0, failed: 0, skipped: 0 });
    expect(await outboxRow(key)).toMatchObject({ status: "SENT", attempts: 2 });
    await smtp.waitFor(1);

    // The first runner wakes up late and reports a failure: its lease is gone, nothing changes.
    expect(await markEmailsFailed([{ id: row.id, attempts: claimed[0]!.attempts, error: "trop tard" }], at(3 * MIN))).toEqual({ retried: 0, failed: 0 });
    expect(await outboxRow(key)).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
  });

  test("the dedupe key: a second enqueue of the same email is ignored, one email leaves", async () => {
    const r = await reservation("CONFIRMED");
    const email: EnqueueEmail = { template: "reservation-confirmed", recipient: r.email, reservationId: r.id, dedupeKey: `reservation-confirmed:${r.id}` };
    expect(await enqueue([email])).toBe(1);
    expect(await enqueue([email])).toBe(0);
    expect(await enqueue([{ ...email, recipient: "autre@etu.univ-exemple.fr" }])).toBe(0);
    expect(await db().emailOutbox.count({ where: { reservationId: r.id } })).toBe(1);

    expect(await deliverOutbox({ now: T0 })).toMatchObject({ sent: 1 });
    await deliverOutbox({ now: at(HOUR) });
    await smtp.waitFor(1);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.to("autre@etu.univ-exemple.fr")).toHaveLength(0);
  });
});

describe("emails that no longer make sense, and broken rows", () => {
  test("a confirmation request for a reservation that is no longer pending is closed without sending", async () => {
    const r = await reservation("PENDING");
    const key = `confirm-request:${r.id}`;
    await enqueue([{ template: "confirm-request", recipient: r.email, reservationId: r.id, dedupeKey: key }]);
    await transaction((tx) => transitionReservation(tx, { id: r.id, to: "EXPIRED", at: T0, actor: "SYSTEM" }));

    expect(await deliverOutbox({ now: T0 })).toEqual({ sent: 0, retried: 0, failed: 0, skipped: 1 });
    expect(await outboxRow(key)).toMatchObject({ status: "SENT", sentAt: null, lastError: "not sent: reservation is expired, no longer pending" });
    expect(await db().actionToken.count({ where: { reservationId: r.id } })).toBe(0);
    expect(smtp.messages).toHaveLength(0);
  });

  test("an email naming a reservation that does not exist fails at once (retrying cannot help)", async () => {
    const key = `orphan:${crypto.randomUUID()}`;
    await enqueue([{ template: "reservation-expired", recipient: "x@etu.univ-exemple.fr", reservationId: crypto.randomUUID(), dedupeKey: key }]);
    expect(await deliverOutbox({ now: T0 })).toEqual({ sent: 0, retried: 0, failed: 1, skipped: 0 });
    expect(await outboxRow(key)).toMatchObject({ status: "FAILED", attempts: 1, lastError: "Error: reservation not found" });
  });

  test("only the given ids are delivered when ids are passed", async () => {
    const r1 = await reservation("CONFIRMED");
    const r2 = await reservation("CONFIRMED");
    await enqueue([
      { template: "reservation-confirmed", recipient: r1.email, reservationId: r1.id, dedupeKey: `reservation-confirmed:${r1.id}` },
      { template: "reservation-confirmed", recipient: r2.email, reservationId: r2.id, dedupeKey: `reservation-confirmed:${r2.id}` },
    ]);
    const row1 = await outboxRow(`reservation-confirmed:${r1.id}`);
    expect(await deliverOutbox({ now: T0, ids: [row1.id, "pas-un-uuid"] })).toMatchObject({ sent: 1 });
    await smtp.waitFor(1);
    expect(smtp.to(r1.email)).toHaveLength(1);
    expect((await outboxRow(`reservation-confirmed:${r2.id}`)).status).toBe("PENDING");
    expect(await deliverOutbox({ now: T0 })).toMatchObject({ sent: 1 });
  });
});

describe("kickOutbox", () => {
  test("outside a request it does nothing and does not throw; the delivery it schedules is coalesced and sends once", async () => {
    const r = await reservation("CONFIRMED");
    await enqueue([{ template: "reservation-confirmed", recipient: r.email, reservationId: r.id, dedupeKey: `reservation-confirmed:${r.id}` }]);
    expect(() => kickOutbox()).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(smtp.messages).toHaveLength(0);

    // What after() runs once the response is sent: concurrent kicks share one run.
    const first = runOutboxKick();
    const second = runOutboxKick();
    expect(second).toBe(first);
    await first;
    await smtp.waitFor(1);
    expect(smtp.to(r.email)).toHaveLength(1);
    expect((await outboxRow(`reservation-confirmed:${r.id}`)).status).toBe("SENT");
  });
});
