// Tokens never reach the logs: lib/log.ts masks token links, bare tokens,
// secret-named fields and URL credentials.
import { afterEach, expect, test, vi } from "vitest";
import { log, redactSecrets } from "@/lib/log";

// The test run sets LOG_LEVEL=silent; this file needs the lines (env() is read lazily, once per file).
process.env.LOG_LEVEL = "debug";

const TOKEN = "Q2hhbmdlLW1lLXRoaXMtaXMtYS10ZXN0LXRva2VuLTQz".slice(0, 43);

afterEach(() => vi.restoreAllMocks());

test("token links, bare tokens and URL credentials are masked", () => {
  expect(TOKEN).toHaveLength(43);
  expect(redactSecrets(`voir http://localhost:3000/reservation/annuler/${TOKEN} merci`)).toBe(
    "voir http://localhost:3000/reservation/annuler/[masqué] merci",
  );
  expect(redactSecrets(`https://x.fr/reservation/confirmer/${TOKEN}`)).toBe("https://x.fr/reservation/confirmer/[masqué]");
  expect(redactSecrets(`https://x.fr/reservation/suivi/${TOKEN}`)).toBe("https://x.fr/reservation/suivi/[masqué]");
  expect(redactSecrets(`https://x.fr/reservation/validate?code=ABC&suivi=${TOKEN}`)).toBe("https://x.fr/reservation/validate?code=ABC&suivi=[masqué]");
  expect(redactSecrets("https://x.fr/personnel/bu/affiche?cle=personnel-bu")).toBe("https://x.fr/personnel/bu/affiche?cle=[masqué]");
  expect(redactSecrets(`jeton ${TOKEN}.`)).toBe("jeton [masqué].");
  expect(redactSecrets("smtp://user:p4ss@mail.example.org:587")).toBe("smtp://[masqué]@mail.example.org:587");
  // Ordinary identifiers stay readable.
  const id = "3f0c6a52-5d1e-4c8a-9a51-2b7d0e4f9c10";
  expect(redactSecrets(`reservation-confirmed:${id}`)).toBe(`reservation-confirmed:${id}`);
});

test("log lines are JSON, with secrets masked in the message, fields and errors", () => {
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
  log.error(`échec /reservation/annuler/${TOKEN}`, { token: TOKEN, url: `https://x.fr/reservation/suivi/${TOKEN}`, error: new Error(`lien ${TOKEN}`) });
  expect(lines).toHaveLength(1);
  for (const line of lines) {
    expect(line).not.toContain(TOKEN);
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed.level).toBe("error");
    expect(parsed.token).toBe("[masqué]");
  }
});
