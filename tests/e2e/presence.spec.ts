import { expect, test, type Page } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { expectNoA11yViolations } from "./support/axe";
import { createConfirmedReservationNow, createOpenLibrary } from "./support/db";

async function occupancy(page: Page, slug: string): Promise<number> {
  await page.goto(`/bibliotheques/${slug}`);
  return Number(await page.getByTestId("occupancy-count").first().textContent());
}

/** Decodes the QR code shown in the element with data-testid="qr-code". */
async function decodeQr(page: Page): Promise<string> {
  const png = PNG.sync.read(await page.getByTestId("qr-code").screenshot());
  const result = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(result, "the QR code could not be decoded").not.toBeNull();
  return result!.data;
}

test("validate presence by scanning the poster's QR code, or by typing the code; occupancy goes up", async ({ page, baseURL }) => {
  const library = await createOpenLibrary({ seats: 3 });
  const alice = `alice.${Date.now()}@etu.test`;
  const bob = `bob.${Date.now()}@etu.test`;
  await createConfirmedReservationNow(library, library.seatIds[0]!, alice);
  await createConfirmedReservationNow(library, library.seatIds[1]!, bob);

  expect(await occupancy(page, library.slug)).toBe(0);

  // The printable poster: QR code of APP_URL/reservation/validate?code=…, the code under it.
  await page.goto(`/personnel/${library.slug}/affiche?cle=${encodeURIComponent(library.staffSecret)}`);
  await expect(page.getByTestId("establishment-code")).toHaveText(library.code);
  await expectNoA11yViolations(page);
  const scanned = await decodeQr(page);
  expect(scanned).toBe(`${baseURL}/reservation/validate?code=${library.code}`);

  // Scan: the code is prefilled, the student types the address they booked with.
  await page.goto(scanned);
  await expect(page.getByLabel("Code de l'établissement")).toHaveValue(library.code);
  await expectNoA11yViolations(page);
  await page.getByLabel("Adresse e-mail de la réservation").fill(alice);
  await page.getByRole("button", { name: "Valider ma présence" }).click();
  const success = page.getByTestId("validation-success");
  await expect(success).toBeVisible();
  await expect(success).toContainText("Place 1");
  await expectNoA11yViolations(page);
  expect(await occupancy(page, library.slug)).toBe(1);

  // No smartphone: type the code on /reservation/validate.
  await page.goto("/reservation/validate");
  await page.getByLabel("Code de l'établissement").fill(library.code.toLowerCase());
  await page.getByLabel("Adresse e-mail de la réservation").fill(bob);
  await page.getByRole("button", { name: "Valider ma présence" }).click();
  await expect(page.getByTestId("validation-success")).toContainText("Place 2");
  expect(await occupancy(page, library.slug)).toBe(2);

  // A second try says it is already validated.
  await page.goto(scanned);
  await page.getByLabel("Adresse e-mail de la réservation").fill(bob);
  await page.getByRole("button", { name: "Valider ma présence" }).click();
  await expect(page.getByRole("main")).toContainText("déjà validée");
});

test("the poster needs the staff secret, and the kiosk shows a rotating code that validates", async ({ page, baseURL }) => {
  const library = await createOpenLibrary({ seats: 1, rotating: true });
  const response = await page.goto(`/personnel/${library.slug}/affiche?cle=mauvais`);
  expect(response?.status()).toBe(404);

  await page.goto(`/personnel/${library.slug}/borne?cle=${encodeURIComponent(library.staffSecret)}`);
  const rotating = (await page.getByTestId("establishment-code").last().textContent())!.trim();
  expect(rotating).toMatch(/^[34679ACDEFGHJKMNPQRTWXY]{6}$/);
  expect(rotating).not.toBe(library.code);
  await expectNoA11yViolations(page);
  expect(await decodeQr(page)).toBe(`${baseURL}/reservation/validate?code=${rotating}`);

  const carol = `carol.${Date.now()}@etu.test`;
  await createConfirmedReservationNow(library, library.seatIds[0]!, carol);
  // The printed static code is not accepted while rotating codes are on.
  await page.goto(`/reservation/validate?code=${library.code}`);
  await page.getByLabel("Adresse e-mail de la réservation").fill(carol);
  await page.getByRole("button", { name: "Valider ma présence" }).click();
  await expect(page.getByRole("main").getByRole("alert").first()).toContainText("code");
  await expect(page.getByTestId("validation-success")).toHaveCount(0);

  await page.goto(`/reservation/validate?code=${rotating}`);
  await page.getByLabel("Adresse e-mail de la réservation").fill(carol);
  await page.getByRole("button", { name: "Valider ma présence" }).click();
  await expect(page.getByTestId("validation-success")).toBeVisible();
});
