// In production: no dev mailbox (pages and data functions refuse), and without
// SMTP_URL the transport refuses clearly while the outbox keeps the email.
import { expect, test } from "vitest";

// Before the first env() call of this file's process.
(process.env as Record<string, string | undefined>).NODE_ENV = "production";
process.env.CRON_SECRET = "x".repeat(32);
process.env.AUTH_SECRET = "y".repeat(32);
delete process.env.SMTP_URL;

const { createLibrary, insertReservation } = await import("../support/factories");
const { db } = await import("@/lib/data/db");
const { transaction } = await import("@/lib/data/tx");
const { enqueueEmails } = await import("@/lib/data/outbox");
const { DevMailboxDisabledError, devMailboxEnabled, getDevMail, listDevMail, saveDevMail } = await import("@/lib/data/dev-mail");
const { deliverOutbox } = await import("@/lib/email/deliver-outbox");
const { EmailConfigError, sendEmail } = await import("@/lib/email/transport");

test("the dev mailbox does not exist in production", async () => {
  expect(devMailboxEnabled()).toBe(false);
  await expect(listDevMail()).rejects.toBeInstanceOf(DevMailboxDisabledError);
  await expect(getDevMail(crypto.randomUUID())).rejects.toBeInstanceOf(DevMailboxDisabledError);
  await expect(saveDevMail({ recipient: "a@b.fr", subject: "s", html: "h", text: "t" })).rejects.toBeInstanceOf(DevMailboxDisabledError);

  const { default: MailboxPage } = await import("@/app/dev/mailbox/page");
  await expect(MailboxPage({ searchParams: Promise.resolve({}) })).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
  const { default: MailPage } = await import("@/app/dev/mailbox/[id]/page");
  await expect(MailPage({ params: Promise.resolve({ id: crypto.randomUUID() }) })).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
});

test("without SMTP_URL, sending is refused with a clear message and the outbox keeps the email", async () => {
  await expect(sendEmail({ to: "a@b.fr", subject: "s", html: "<p>h</p>", text: "t" })).rejects.toBeInstanceOf(EmailConfigError);
  await expect(sendEmail({ to: "a@b.fr", subject: "s", html: "<p>h</p>", text: "t" })).rejects.toThrow(/SMTP_URL n'est pas défini/);

  const lib = await createLibrary();
  const now = new Date(Date.now() + 2_000);
  const startsAt = new Date(Math.ceil((now.getTime() + 24 * 3_600_000) / 3_600_000) * 3_600_000);
  const r = await insertReservation({
    libraryId: lib.libraryId,
    resourceId: lib.seatIds[0]!,
    email: "alice@etu.univ-exemple.fr",
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3_600_000),
    status: "CONFIRMED",
  });
  const dedupeKey = `reservation-confirmed:${r.id}`;
  await transaction((tx) => enqueueEmails(tx, [{ template: "reservation-confirmed", recipient: r.email, reservationId: r.id, dedupeKey }]));
  expect(await deliverOutbox({ now })).toEqual({ sent: 0, retried: 1, failed: 0, skipped: 0 });
  const row = await db().emailOutbox.findUniqueOrThrow({ where: { dedupeKey } });
  expect(row).toMatchObject({ status: "PENDING", attempts: 1 });
  expect(row.lastError).toMatch(/^EmailConfigError: SMTP_URL n'est pas défini/);
  expect(await db().devMail.count()).toBe(0);
});
