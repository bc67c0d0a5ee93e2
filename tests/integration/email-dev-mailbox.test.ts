// Without SMTP_URL, outside production, emails go to the dev mailbox (dev_mail),
// with the same content and working links.
import { expect, test } from "vitest";

delete process.env.SMTP_URL; // before the first env() call of this file's process

const { createLibrary, insertReservation } = await import("../support/factories");
const { transaction } = await import("@/lib/data/tx");
const { enqueueEmails } = await import("@/lib/data/outbox");
const { findToken } = await import("@/lib/data/tokens");
const { devMailboxEnabled, getDevMail, listDevMail } = await import("@/lib/data/dev-mail");
const { deliverOutbox } = await import("@/lib/email/deliver-outbox");
const { sendEmail } = await import("@/lib/email/transport");
const { appUrl } = await import("@/lib/env");

const HOUR = 3_600_000;

test("deliverOutbox writes to the dev mailbox; the links work; list filters by recipient, newest first", async () => {
  expect(devMailboxEnabled()).toBe(true);
  const lib = await createLibrary();
  const now = new Date(Date.now() + 2_000);
  const startsAt = new Date(Math.ceil((now.getTime() + 24 * HOUR) / HOUR) * HOUR);
  const r = await insertReservation({
    libraryId: lib.libraryId,
    resourceId: lib.seatIds[0]!,
    email: "alice@etu.univ-exemple.fr",
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * HOUR),
    status: "PENDING",
    confirmDeadline: new Date(now.getTime() + 2 * HOUR),
  });
  await transaction((tx) =>
    enqueueEmails(tx, [{ template: "confirm-request", recipient: r.email, reservationId: r.id, dedupeKey: `confirm-request:${r.id}` }]),
  );

  expect(await deliverOutbox({ now })).toEqual({ sent: 1, retried: 0, failed: 0, skipped: 0 });
  await sendEmail({ to: "bob@etu.univ-exemple.fr", subject: "Deuxième", html: "<p>2</p>", text: "2" });

  const alice = await listDevMail({ recipient: "ALICE@etu" });
  expect(alice.map((m) => [m.recipient, m.subject])).toEqual([["alice@etu.univ-exemple.fr", "Confirmez votre réservation"]]);
  const all = await listDevMail();
  expect(all.map((m) => m.subject)).toEqual(["Deuxième", "Confirmez votre réservation"]);

  const mail = await getDevMail(alice[0]!.id);
  expect(mail!.html).toContain('<html lang="fr">');
  const m = new RegExp(`${appUrl("/reservation/confirmer/").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([A-Za-z0-9_-]{43})`).exec(mail!.text);
  expect(m).not.toBeNull();
  expect(await findToken(m![1]!, "CONFIRM")).toMatchObject({ reservationId: r.id });
  expect(mail!.html).toContain(m![1]!);

  expect(await getDevMail("pas-un-uuid")).toBeNull();
  expect(await getDevMail(crypto.randomUUID())).toBeNull();
});
