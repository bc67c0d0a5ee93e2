// Reads what the e2e SMTP receiver (serve.mts) wrote: real messages, parsed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "@playwright/test";
import { simpleParser, type ParsedMail } from "mailparser";
import { E2E_MAIL_DIR } from "./paths";

async function readAll(): Promise<ParsedMail[]> {
  const files = readdirSync(E2E_MAIL_DIR).filter((f) => f.endsWith(".eml")).sort();
  return Promise.all(files.map((f) => simpleParser(readFileSync(join(E2E_MAIL_DIR, f)))));
}

const recipients = (m: ParsedMail) =>
  (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => (v.address ?? "").toLowerCase()));

/** Waits for the `nth` (1-based) message to `address` whose subject contains `subject`. */
export async function waitForMail(address: string, subject: string, nth = 1, timeoutMs = 30_000): Promise<ParsedMail> {
  let found: ParsedMail[] = [];
  await expect
    .poll(
      async () => {
        found = (await readAll()).filter((m) => recipients(m).includes(address.toLowerCase()) && (m.subject ?? "").includes(subject));
        return found.length;
      },
      { timeout: timeoutMs, message: `email « ${subject} » to ${address}` },
    )
    .toBeGreaterThanOrEqual(nth);
  return found[nth - 1]!;
}

/** The first link of the plain-text part whose path starts with `pathPrefix`. */
export function linkIn(mail: ParsedMail, pathPrefix: string): string {
  const links = (mail.text ?? "").match(/https?:\/\/[^\s<>"]+/g) ?? [];
  const link = links.find((l) => new URL(l).pathname.startsWith(pathPrefix));
  expect(link, `a link to ${pathPrefix} in « ${mail.subject} »`).toBeDefined();
  return link!;
}
