import { expect, test } from "@playwright/test";
import { expectNoA11yViolations } from "./support/axe";

test.describe("libraries and their free slots", () => {
  test("the home page lists the libraries with their opening status and searches by name or city", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Réservez votre place en bibliothèque");
    const cards = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3 }) });
    await expect(cards).toHaveCount(3);
    for (const name of ["BU du Belvédère", "Bibliothèque des Tanneurs", "BU du Grand Large"]) {
      const card = cards.filter({ hasText: name });
      await expect(card).toHaveCount(1);
      await expect(card.getByText(/^(Ouvert|Fermé)/)).toBeVisible();
    }
    await expectNoA11yViolations(page);

    await page.getByLabel("Rechercher une bibliothèque ou une ville").fill("strasbourg");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await expect(page).toHaveURL(/\?q=strasbourg/);
    await expect(cards).toHaveCount(1);
    await expect(cards.first()).toContainText("Bibliothèque des Tanneurs");

    await page.goto("/?q=belvedere"); // without the accent
    await expect(cards).toHaveCount(1);
    await expect(cards.first()).toContainText("BU du Belvédère");

    await page.goto("/?q=introuvable");
    await expect(page.getByText("Aucune bibliothèque ne correspond à « introuvable ».")).toBeVisible();
  });

  test("a library page shows its hours, closures, areas and a slot picker with places left", async ({ page }) => {
    await page.goto("/bibliotheques/bu-belvedere");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("BU du Belvédère");
    await expect(page.getByText("12 quai des Étudiants, 69007 Lyon")).toBeVisible();
    const hours = page.getByRole("table");
    await expect(hours.getByRole("row")).toHaveCount(8); // header + 7 days
    await expect(hours.getByText("Fermé").first()).toBeVisible(); // Sunday
    await expect(page.getByText("Fermeture exceptionnelle pour travaux de sécurité incendie")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Mezzanine silencieuse" })).toBeVisible();
    await expectNoA11yViolations(page);

    // Pick the next Monday (always open 8 h – 22 h in the demo) in the Mezzanine, for 2 hours.
    const day = page.getByLabel("Jour", { exact: true });
    const options = await day.locator("option").allTextContents();
    const monday = options.find((o, i) => i > 0 && o.startsWith("lundi"));
    expect(monday).toBeDefined();
    await day.selectOption({ label: monday! });
    await page.getByLabel("Espace", { exact: true }).selectOption({ label: "Mezzanine silencieuse" });
    await page.getByLabel("Durée", { exact: true }).selectOption({ label: "2 h" });
    await page.getByRole("button", { name: "Voir les créneaux" }).click();
    await expect(page).toHaveURL(/espace=mezzanine/);
    const slots = page.getByRole("list", { name: "Créneaux" }).getByRole("listitem");
    // 8 h … 20 h starts for 2-hour slots inside 8 h – 22 h: 13 slots, 50 places each.
    await expect(slots).toHaveCount(13);
    await expect(slots.first()).toContainText("8 h – 10 h");
    await expect(slots.first()).toContainText("50 places libres");
    await expect(slots.last()).toContainText("20 h – 22 h");
    await expectNoA11yViolations(page);
  });

  test("an unknown library is a French 404 page", async ({ page }) => {
    const response = await page.goto("/bibliotheques/nexiste-pas");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
    await expectNoA11yViolations(page);
  });

  test("a malformed or out-of-horizon date in the URL gives a clear message, not an error", async ({ page }) => {
    let response = await page.goto("/bibliotheques/bu-belvedere?date=2026-02-30");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("La date demandée n'est pas valide");
    response = await page.goto("/bibliotheques/bu-belvedere?date=2099-01-01");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("trop loin");
    response = await page.goto("/bibliotheques/bu-belvedere?date=2020-01-01");
    await expect(page.getByRole("main").getByRole("alert")).toContainText("passé");
  });
});
