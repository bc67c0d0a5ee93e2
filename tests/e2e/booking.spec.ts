import { expect, test, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "./support/axe";
import { linkIn, waitForMail } from "./support/mailbox";

const slots = (page: Page) => page.getByRole("list", { name: "Créneaux" }).getByRole("listitem");

/** Opens BU du Grand Large, Plateau vue mer, 1 h slots on the next Tuesday (open 9 h – 20 h). */
async function openTuesdaySlots(page: Page) {
  await page.goto("/bibliotheques/bu-grand-large");
  const day = page.getByLabel("Jour", { exact: true });
  const options = await day.locator("option").allTextContents();
  const tuesday = options.find((o, i) => i > 0 && o.startsWith("mardi"));
  expect(tuesday).toBeDefined();
  await day.selectOption({ label: tuesday! });
  await page.getByLabel("Espace", { exact: true }).selectOption({ label: "Plateau vue mer" });
  await page.getByLabel("Durée", { exact: true }).selectOption({ label: "1 h" });
  await page.getByRole("button", { name: "Voir les créneaux" }).click();
  await expect(page).toHaveURL(/espace=plateau/);
  return page.url();
}

async function book(page: Page, slotIndex: number, email: string) {
  const slot = slots(page).nth(slotIndex).getByRole("link");
  await slot.click();
  await expect(page).toHaveURL(/debut=/);
  const place = page.getByLabel("Place", { exact: true });
  await place.selectOption({ index: 1 }); // a given seat (index 0 is "any free place")
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByRole("button", { name: "Réserver" }).click();
}

test("book in three clicks, confirm from the real email, book again (confirmed at once), cancel from the email", async ({ page, request, baseURL }) => {
  const email = `etudiant.${Date.now()}@etu.test`;
  const slotsUrl = await openTuesdaySlots(page);
  await expect(slots(page).first()).toContainText("9 h – 10 h");
  await expect(slots(page).first()).toContainText("40 places libres");

  // First booking from this address: pending, confirmation by email.
  await book(page, 0, email);
  await expect(page.getByRole("heading", { name: "Vérifiez votre boîte mail (et vos spams)" })).toBeVisible();
  await expectNoA11yViolations(page);

  const confirmMail = await waitForMail(email, "Confirmez votre réservation");
  const confirmLink = linkIn(confirmMail, "/reservation/confirmer/");
  expect(confirmLink.startsWith(`${baseURL}/`)).toBe(true); // built from APP_URL

  // Mail scanners open links: GET and HEAD change nothing.
  expect((await request.head(confirmLink)).status()).toBe(200);
  const got = await request.get(confirmLink);
  expect(got.status()).toBe(200);
  expect(got.headers()["referrer-policy"]).toBe("no-referrer");
  await page.goto(confirmLink);
  await page.reload();
  const confirmButton = page.getByRole("button", { name: "Confirmer ma réservation" });
  await expect(confirmButton).toBeVisible();
  await expectNoA11yViolations(page);
  await confirmButton.click();
  await expect(page.getByText("Réservation confirmée").first()).toBeVisible();

  const confirmedMail = await waitForMail(email, "Réservation confirmée");
  expect(confirmedMail.attachments.some((a) => (a.filename ?? "").endsWith(".ics"))).toBe(true);
  expect(confirmedMail.text).toContain("/reservation/validate");
  linkIn(confirmedMail, "/reservation/annuler/");

  // The confirmed address books again: confirmed at once.
  await page.goto(slotsUrl);
  await expect(slots(page).first()).toContainText("39 places libres");
  await book(page, 1, email);
  await expect(page.getByRole("heading", { name: "Réservation confirmée" })).toBeVisible();

  // Cancel the second booking from its email.
  const secondMail = await waitForMail(email, "Réservation confirmée", 2);
  const cancelLink = linkIn(secondMail, "/reservation/annuler/");
  expect((await request.get(cancelLink)).status()).toBe(200); // a GET does not cancel
  await page.goto(slotsUrl);
  await expect(slots(page).nth(1)).toContainText("39 places libres");

  await page.goto(cancelLink);
  await expectNoA11yViolations(page);
  await page.getByRole("button", { name: "Annuler ma réservation" }).click();
  await expect(page.getByText("Réservation annulée").first()).toBeVisible();
  await waitForMail(email, "Votre réservation a été annulée");

  // The place is free again at once.
  await page.goto(slotsUrl);
  await expect(slots(page).nth(1)).toContainText("40 places libres");
  await expect(slots(page).first()).toContainText("39 places libres");

  // The used cancel link says so plainly.
  await page.goto(cancelLink);
  await expect(page.getByRole("main")).toContainText(/déjà été utilisé|déjà annulée|annulée/);
});
