// The emails of the background pass — expiry, no-show, reminder — arrive at a
// real SMTP receiver (smtp-server, in process), in French, with the right facts
// and links built from APP_URL.
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, describe, expect, it, vi } from "vitest";

// A real SMTP receiver, listening before anything reads env() in this file.
const received: ParsedMail[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((mail) => {
        received.push(mail);
        callback();
      })
      .catch(callback);
  },
});
await new Promise<void>((res) => smtp.listen(0, "127.0.0.1", res));
const port = (smtp.server.address() as AddressInfo).port;
vi.stubEnv("SMTP_URL", `smtp://127.0.0.1:${port}`);
vi.stubEnv("APP_URL", "https://strapontin.univ-test.fr");
vi.stubEnv("EMAIL_FROM", "Strapontin <ne-pas-repondre@univ-test.fr>");
afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise<void>((res) => smtp.close(() => res()));
});

const { db } = await import("@/lib/data/db");
const { runBackgroundPass } = await import("@/lib/use-cases/run-background-pass");
const { createLibrary, insertReservation } = await import("../support/factories");

const MIN = 60_000;
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MIN);
const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

const mailTo = (address: string) => {
  const found = received.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((t) => t?.value.some((v) => v.address === address)));
  expect(found).toHaveLength(1);
  return found[0]!;
};
/** Both parts, whitespace folded: the plain text and the HTML read as text. */
const flat = (s: string | false | undefined) => (s || "").replace(/\s+/g, " ");

describe("emails of the background pass, over SMTP", () => {
  it("expiry, no-show and reminder each arrive once, in French, with the right facts and links", async () => {
    const lib = await createLibrary({ seats: 3 });
    const library = await db().library.findUniqueOrThrow({ where: { id: lib.libraryId } });
    // Tuesday 9 March 2027, 10:00 in Paris (09:00Z).
    const now = new Date("2027-03-09T09:00:00Z");

    // Booked 2 h 01 min ago and never confirmed: its deadline passed a minute ago.
    await insertReservation({
      libraryId: lib.libraryId, resourceId: lib.seatIds[0]!, email: "oubli@etu.univ-test.fr",
      startsAt: new Date("2027-03-10T13:00:00Z"), endsAt: new Date("2027-03-10T15:00:00Z"),
      status: "PENDING", confirmDeadline: plus(now, -1), createdAt: plus(now, -121),
    });
    // Started at 08:30Z (09:30 Paris), not validated by 08:50Z.
    const absent = await insertReservation({
      libraryId: lib.libraryId, resourceId: lib.seatIds[1]!, email: "absent@etu.univ-test.fr",
      startsAt: new Date("2027-03-09T08:30:00Z"), endsAt: new Date("2027-03-09T10:30:00Z"),
      status: "CONFIRMED", validationDeadline: new Date("2027-03-09T08:50:00Z"),
    });
    // Starts at 09:45Z (10:45 Paris); reminder due at 08:45Z.
    const soon = await insertReservation({
      libraryId: lib.libraryId, resourceId: lib.seatIds[2]!, email: "rappel@etu.univ-test.fr",
      startsAt: new Date("2027-03-09T09:45:00Z"), endsAt: new Date("2027-03-09T11:45:00Z"),
      status: "CONFIRMED", validationDeadline: new Date("2027-03-09T10:05:00Z"), reminderAt: new Date("2027-03-09T08:45:00Z"),
    });

    const result = await runBackgroundPass({ now });
    expect(result).toMatchObject({ expired: 1, noShows: 1, reminders: 1, emailsSent: 3, emailsRetried: 0, emailsFailed: 0 });
    expect(received).toHaveLength(3);
    const libraryLink = `https://strapontin.univ-test.fr/bibliotheques/${lib.slug}`;

    // Expiry: cancelled because not confirmed in time.
    const expired = mailTo("oubli@etu.univ-test.fr");
    expect(expired.subject).toBe("Réservation annulée : elle n'a pas été confirmée à temps");
    expect(expired.from?.text).toContain("ne-pas-repondre@univ-test.fr");
    const expiredText = flat(expired.text);
    expect(expiredText).toContain("Votre réservation a été annulée car elle n'a pas été confirmée dans les 2 heures");
    expect(expiredText).toContain("La place a été libérée.");
    expect(expiredText).toContain(library.name);
    expect(expiredText).toContain("Place 1");
    expect(expiredText).toContain("mercredi 10 mars 2027");
    expect(expiredText).toContain("de 14 h à 16 h");
    expect(expiredText).toContain(libraryLink);
    expect(flat(expired.html)).toContain(`href="${libraryLink}"`);

    // No-show: cancelled because presence was not validated within 20 minutes.
    const noShow = mailTo("absent@etu.univ-test.fr");
    expect(noShow.subject).toBe("Réservation annulée : présence non validée");
    const noShowText = flat(noShow.text);
    expect(noShowText).toContain("Votre réservation a été annulée car votre présence n'a pas été validée dans les 20 minutes qui ont suivi son début");
    expect(noShowText).toContain("Place 2");
    expect(noShowText).toContain("mardi 9 mars 2027");
    expect(noShowText).toContain("de 9 h 30 à 11 h 30");
    expect(noShowText).toContain(libraryLink);

    // Reminder: start time, validation instructions, cancel link.
    const reminder = mailTo("rappel@etu.univ-test.fr");
    expect(reminder.subject).toBe("Rappel : votre réservation le mardi 9 mars 2027 à 10 h 45");
    const reminderText = flat(reminder.text);
    expect(reminderText).toContain("Petit rappel : vous avez réservé à " + library.name);
    expect(reminderText).toContain("À votre arrivée, validez votre présence");
    expect(reminderText).toContain("QR code");
    expect(reminderText).toContain("code de l'établissement");
    expect(reminderText).toContain("annulée automatiquement 20 minutes après son début (à 11 h 05)");
    expect(reminderText).toContain("Vous ne pouvez plus venir ? Annulez pour libérer la place");
    expect(reminderText).not.toContain("Confirmer ma réservation");
    const cancel = /https:\/\/strapontin\.univ-test\.fr\/reservation\/annuler\/([A-Za-z0-9_-]{43})/.exec(reminderText);
    expect(cancel).not.toBeNull();
    // The link's token is a live CANCEL token of that reservation (only its SHA-256 is stored).
    const token = await db().actionToken.findUnique({ where: { tokenHash: sha256(cancel![1]!) } });
    expect(token).toMatchObject({ reservationId: soon.id, purpose: "CANCEL", usedAt: null });

    // Nothing twice: a second pass sends nothing more.
    const again = await runBackgroundPass({ now: plus(now, 1) });
    expect(again).toMatchObject({ expired: 0, noShows: 0, reminders: 0, emailsSent: 0 });
    expect(received).toHaveLength(3);
    expect(await db().emailOutbox.count({ where: { status: "SENT" } })).toBe(3);
    expect((await db().reservation.findUniqueOrThrow({ where: { id: absent.id } })).status).toBe("NO_SHOW");
  });
});
