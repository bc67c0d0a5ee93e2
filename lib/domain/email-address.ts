// Email addresses are identities here: normalise them the same way everywhere.
import { z } from "zod";

const emailSchema = z.email();

/** Trimmed and lower-cased. */
export function normaliseEmail(input: string): string {
  return input.trim().toLowerCase();
}

export function isValidEmail(normalised: string): boolean {
  return normalised.length <= 254 && emailSchema.safeParse(normalised).success;
}

/** With an empty list every domain is allowed; otherwise the exact domain or a subdomain of one listed. */
export function isAllowedDomain(normalised: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const domain = normalised.slice(normalised.lastIndexOf("@") + 1);
  return allowed.some((d) => {
    const a = d.toLowerCase().replace(/^@/, "");
    return domain === a || domain.endsWith(`.${a}`);
  });
}
