// Email templates: French wording, days and hours in the library's time zone
// (DST included), HTML escaping, parity of the HTML and text parts, links.
import { describe, expect, test } from "vitest";
import { escapeHtml, renderEmail } from "@/emails";
import { formatDurationFr } from "@/emails/format";
import { previewData, previewReservation } from "@/emails/preview-data";
import type { ReservationDetails } from "@/emails/types";

const TEMPLATES = Object.keys(previewData) as Array<keyof typeof previewData>;

/** Visible text of an HTML part: tags dropped, entities decoded. */
function visible(html: string): string {
  return html
    .replace(/<div style="display:none[^>]*>.*?<\/div>/s, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}
const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));

describe("every template", () => {
  test.each(TEMPLATES)("%s: French HTML and text parts that say the same thing", (template) => {
    const email = renderEmail(template, previewData[template] as never);
    expect(email.subject.length).toBeGreaterThan(10);
    expect(email.html).toMatch(/^<!DOCTYPE html>\n<html lang="fr">/);
    expect(email.html).toContain(`<title>${escapeHtml(email.subject)}</title>`);
    // The details of the reservation, in both parts.
    for (const part of [visible(email.html), email.text]) {
      expect(part).toContain("BU Lettres & Sciences humaines");
      expect(part).toContain("5 avenue Pasteur, 67000 Strasbourg");
      expect(part).toContain("Salle de lecture — 1er étage");
      expect(part).toContain("Place A012");
      expect(part).toContain("lundi 7 décembre 2026");
      expect(part).toContain("de 14 h à 16 h");
    }
    // Every link of the HTML part is in the text part too.
    for (const href of hrefs(email.html)) {
      if (href.includes("?suivi=")) continue; // shown as the address to type (validateHome) in the text part
      expect(email.text).toContain(href);
    }
  });
});

describe("confirm-request", () => {
  const data = previewData["confirm-request"];

  test("asks to confirm before the deadline, in the library's time, with the three links", () => {
    const email = renderEmail("confirm-request", data);
    expect(email.subject).toBe("Confirmez votre réservation");
    // Deadline 11:30Z = 12 h 30 in Paris (UTC+1 in December), same day as sending: hour only.
    expect(email.text).toContain("Cliquez sur le bouton ci-dessous avant 12 h 30.");
    expect(email.text).toContain("nécessaire que lors de votre première réservation");
    expect(email.text).toContain("Confirmer ma réservation :\nhttps://strapontin.example.org/reservation/confirmer/exemple-confirmation");
    expect(email.text).toContain("Annuler ma réservation :\nhttps://strapontin.example.org/reservation/annuler/exemple-annulation");
    expect(email.text).toContain("Voir ma réservation :\nhttps://strapontin.example.org/reservation/suivi/exemple-suivi");
    expect(email.html).toMatch(/<a href="https:\/\/strapontin\.example\.org\/reservation\/confirmer\/exemple-confirmation"[^>]*>Confirmer ma réservation<\/a>/);
    expect(email.attachments).toBeUndefined();
  });

  test("a deadline on another day than the sending says which day", () => {
    const email = renderEmail("confirm-request", {
      ...data,
      sentAt: new Date("2026-12-06T22:30:00Z"), // 23 h 30 on Sunday 6 in Paris
      confirmDeadline: new Date("2026-12-07T00:30:00Z"), // 1 h 30 on Monday 7
    });
    expect(email.text).toContain("avant 1 h 30 le lundi 7 décembre 2026.");
  });
});

describe("reservation-confirmed", () => {
  const data = previewData["reservation-confirmed"];

  test("explains presence validation and the automatic release after the library's window", () => {
    const email = renderEmail("reservation-confirmed", data);
    expect(email.subject).toBe("Réservation confirmée");
    const text = email.text;
    expect(text).toContain("scannez le QR code affiché à l'entrée de la bibliothèque");
    expect(text).toContain("ou ouvrez https://strapontin.example.org/reservation/validate et saisissez le code de l'établissement inscrit sous le QR code");
    expect(text).toContain("ou demandez à l'accueil de la bibliothèque de valider votre présence.");
    expect(text).toContain("annulée automatiquement 20 minutes après son début (à 14 h 20)");
    expect(text).toContain("Annuler ma réservation :\nhttps://strapontin.example.org/reservation/annuler/exemple-annulation");
    expect(text).toContain("Voir ma réservation :\nhttps://strapontin.example.org/reservation/suivi/exemple-suivi");
    // In HTML the validation address links to the page with the reservation's VIEW token.
    expect(email.html).toContain(
      '<a href="https://strapontin.example.org/reservation/validate?suivi=exemple-suivi" style="color:#175740;text-decoration:underline;">https://strapontin.example.org/reservation/validate</a>',
    );
  });

  test("uses the library's own validation window", () => {
    const email = renderEmail("reservation-confirmed", { ...data, library: { ...data.library, validationWindowMinutes: 30 } });
    expect(email.text).toContain("annulée automatiquement 30 minutes après son début (à 14 h 30)");
  });

  test("attaches an .ics: stable UID, UTC start and end, location = library name + address, no token", () => {
    const email = renderEmail("reservation-confirmed", data);
    expect(email.attachments).toHaveLength(1);
    const ics = email.attachments![0]!;
    expect(ics.filename).toBe("reservation.ics");
    expect(ics.contentType).toBe("text/calendar; charset=utf-8; method=PUBLISH");
    const lines = ics.content.replace(/\r?\n[ \t]/g, "").split(/\r?\n/); // unfold (RFC 5545 §3.1)
    expect(lines).toContain("BEGIN:VEVENT");
    expect(lines).toContain("UID:reservation-3f0c6a52-5d1e-4c8a-9a51-2b7d0e4f9c10@strapontin");
    expect(lines).toContain("DTSTART:20261207T130000Z");
    expect(lines).toContain("DTEND:20261207T150000Z");
    expect(lines).toContain("DTSTAMP:20261207T093000Z");
    expect(lines).toContain("LOCATION:BU Lettres & Sciences humaines\\, 5 avenue Pasteur\\, 67000 Strasbourg");
    expect(lines).toContain("STATUS:CONFIRMED");
    expect(ics.content).not.toMatch(/exemple-(annulation|suivi|confirmation)/);
    // Same reservation, sent again later: same UID.
    const again = renderEmail("reservation-confirmed", { ...data, sentAt: new Date("2026-12-07T10:00:00Z") });
    expect(again.attachments![0]!.content).toContain("UID:reservation-3f0c6a52-5d1e-4c8a-9a51-2b7d0e4f9c10@strapontin");
  });

  test("the .ics accepts the development APP_URL (localhost)", () => {
    const email = renderEmail("reservation-confirmed", {
      ...data,
      links: { ...data.links, library: "http://localhost:3000/bibliotheques/bu-test", validateHome: "http://localhost:3000/reservation/validate" },
    });
    expect(email.attachments![0]!.content).toContain("URL:http://localhost:3000/bibliotheques/bu-test");
  });
});

describe("times in Europe/Paris, on instants", () => {
  const at = (startsAt: string, endsAt: string): ReservationDetails => ({
    ...previewReservation,
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
  });

  test("summer time (UTC+2)", () => {
    const email = renderEmail("reservation-confirmed", { ...previewData["reservation-confirmed"], ...at("2026-07-06T12:00:00Z", "2026-07-06T14:30:00Z") });
    expect(email.text).toContain("Jour : lundi 6 juillet 2026");
    expect(email.text).toContain("Horaire : de 14 h à 16 h 30");
    expect(email.text).toContain("(à 14 h 20)");
  });

  test("the spring-forward night: 00:30Z–02:30Z reads 1 h 30 → 4 h 30 on Sunday 29 March 2026", () => {
    const email = renderEmail("reservation-expired", { ...previewData["reservation-expired"], ...at("2026-03-29T00:30:00Z", "2026-03-29T02:30:00Z") });
    expect(email.text).toContain("Jour : dimanche 29 mars 2026");
    expect(email.text).toContain("Horaire : de 1 h 30 à 4 h 30");
  });

  test("the fall-back day: 08:00Z is 9 h (UTC+1) on Sunday 25 October 2026, and the .ics stays in UTC", () => {
    const email = renderEmail("reservation-confirmed", { ...previewData["reservation-confirmed"], ...at("2026-10-25T08:00:00Z", "2026-10-25T10:00:00Z") });
    expect(email.text).toContain("Jour : dimanche 25 octobre 2026");
    expect(email.text).toContain("Horaire : de 9 h à 11 h");
    expect(email.attachments![0]!.content).toContain("DTSTART:20261025T080000Z");
  });

  test("another time zone is honoured (the library's, not the server's)", () => {
    const email = renderEmail("reservation-no-show", {
      ...previewData["reservation-no-show"],
      library: { ...previewReservation.library, timeZone: "America/Cayenne" }, // UTC−3
    });
    expect(email.text).toContain("Horaire : de 10 h à 12 h");
  });

  test("a reservation crossing midnight names both days", () => {
    const email = renderEmail("reservation-no-show", { ...previewData["reservation-no-show"], ...at("2026-12-07T22:00:00Z", "2026-12-08T00:30:00Z") });
    expect(email.text).toContain("Horaire : du lundi 7 décembre 2026 à 23 h au mardi 8 décembre 2026 à 1 h 30");
  });
});

describe("escaping", () => {
  const evil = '<script>alert("x")</script> & <b>Co</b>';

  test("every interpolated value is escaped in HTML and kept as is in text", () => {
    const data = {
      ...previewData["reservation-cancelled"],
      library: { ...previewReservation.library, name: evil, address: `1 rue "Basse" <img src=x onerror=alert(1)>` },
      areaName: "Étage <2>",
      resource: { kind: "GROUP_ROOM" as const, label: "Salle <i>A</i>", capacity: 6 },
      name: "O'Brien & <Cie>",
      reason: "</p><a href='https://evil.example'>clic</a>",
    };
    const email = renderEmail("reservation-cancelled", data);
    expect(email.html).not.toContain("<script>");
    expect(email.html).not.toContain("<img");
    expect(email.html).not.toContain("<i>A</i>");
    expect(email.html).not.toContain("evil.example'>");
    expect(email.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;");
    expect(email.html).toContain("&lt;/p&gt;&lt;a href=&#39;https://evil.example&#39;&gt;clic&lt;/a&gt;");
    expect(email.html).toContain("O&#39;Brien &amp; &lt;Cie&gt;");
    expect(email.text).toContain(`Bibliothèque : ${evil}`);
    expect(email.text).toContain("Votre salle : Salle <i>A</i> (6 personnes)");
    expect(email.text).toContain("Au nom de : O'Brien & <Cie>");
  });

  test("a link that is not http(s) is refused", () => {
    expect(() =>
      renderEmail("reservation-expired", { ...previewData["reservation-expired"], links: { library: "javascript:alert(1)" } }),
    ).toThrow(/Lien refusé/);
  });

  test("escapeHtml", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});

describe("cancellation, expiry, no-show, reminder", () => {
  test("cancelled by the staff: the reason, and a link to book again", () => {
    const email = renderEmail("reservation-cancelled", previewData["reservation-cancelled"]);
    expect(email.subject).toBe("Votre réservation a été annulée");
    expect(email.text).toContain("Le personnel de la bibliothèque a annulé votre réservation.");
    expect(email.text).toContain("Motif : Fermeture exceptionnelle de la salle (inventaire)");
    expect(email.text).toContain("Réserver une place :\nhttps://strapontin.example.org/bibliotheques/bu-lettres-strasbourg");
  });

  test("cancelled by the student: acknowledged, no reason shown", () => {
    const email = renderEmail("reservation-cancelled", { ...previewData["reservation-cancelled"], by: "student", reason: "peu importe" });
    expect(email.text).toContain("Votre réservation a bien été annulée, comme vous l'avez demandé.");
    expect(email.text).not.toContain("Motif");
    expect(email.text).not.toContain("personnel");
  });

  test("expired: not confirmed within the library's confirmation window", () => {
    const email = renderEmail("reservation-expired", previewData["reservation-expired"]);
    expect(email.subject).toBe("Réservation annulée : elle n'a pas été confirmée à temps");
    expect(email.text).toContain("Votre réservation a été annulée car elle n'a pas été confirmée dans les 2 heures qui ont suivi votre demande. La place a été libérée.");
  });

  test("no-show: presence not validated within the library's validation window", () => {
    const email = renderEmail("reservation-no-show", previewData["reservation-no-show"]);
    expect(email.subject).toBe("Réservation annulée : présence non validée");
    expect(email.text).toContain(
      "Votre réservation a été annulée car votre présence n'a pas été validée dans les 20 minutes qui ont suivi son début. La place a été libérée pour d'autres étudiants.",
    );
  });

  test("reminder: start time in the subject, validation instructions and the cancel link", () => {
    const email = renderEmail("reservation-reminder", previewData["reservation-reminder"]);
    expect(email.subject).toBe("Rappel : votre réservation le lundi 7 décembre 2026 à 14 h");
    expect(email.text).toContain("scannez le QR code");
    expect(email.text).toContain("Annuler ma réservation :\nhttps://strapontin.example.org/reservation/annuler/exemple-annulation");
    expect(email.text).not.toContain("Confirmer ma réservation");
  });

  test("reminder of a reservation still pending: asks to confirm first", () => {
    const d = previewData["reservation-reminder"];
    const email = renderEmail("reservation-reminder", {
      ...d,
      confirmDeadline: new Date("2026-12-07T12:45:00Z"),
      links: { ...d.links, confirm: "https://strapontin.example.org/reservation/confirmer/exemple-confirmation" },
    });
    expect(email.text).toContain("Votre réservation n'est pas encore confirmée : confirmez-la avant 13 h 45, sinon elle sera annulée.");
    expect(email.text).toContain("Confirmer ma réservation :\nhttps://strapontin.example.org/reservation/confirmer/exemple-confirmation");
  });

  test("a group room shows its capacity", () => {
    const email = renderEmail("reservation-expired", {
      ...previewData["reservation-expired"],
      resource: { kind: "GROUP_ROOM", label: "Salle Ampère", capacity: 6 },
      name: "Projet tutoré",
    });
    expect(email.text).toContain("Votre salle : Salle Ampère (6 personnes)");
    expect(email.text).toContain("Au nom de : Projet tutoré");
    expect(email.text).toContain("La salle a été libérée.");
  });
});

test("formatDurationFr", () => {
  expect(formatDurationFr(120)).toBe("2 heures");
  expect(formatDurationFr(60)).toBe("1 heure");
  expect(formatDurationFr(90)).toBe("1 h 30");
  expect(formatDurationFr(20)).toBe("20 minutes");
  expect(formatDurationFr(1)).toBe("1 minute");
});
