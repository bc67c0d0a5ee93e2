import "server-only";
// The guard of /api/cron: `Authorization: Bearer <CRON_SECRET>`, compared in
// constant time. Both sides are hashed with SHA-256 first, so timingSafeEqual
// always compares 32 bytes: neither the secret's length nor its content leaks
// through timing. Without CRON_SECRET (development) the route is closed: the
// in-process scheduler does the work there (lib/jobs/scheduler.ts).
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

export type CronAuthVerdict = "ok" | "no_secret" | "missing" | "wrong";

/** Checks an Authorization header value against the secret (undefined when CRON_SECRET is not set). */
export function checkCronAuthorization(header: string | null, secret: string | undefined): CronAuthVerdict {
  // RFC 9110: the scheme is case-insensitive; the credentials follow a space.
  const match = /^Bearer[ \t]+(.+)$/i.exec(header ?? "");
  const given = match?.[1]?.trim() ?? "";
  // Compare even when there is nothing to compare, so every refusal takes the same time.
  const same = timingSafeEqual(digest(given), digest(secret ?? ""));
  if (!secret) return "no_secret";
  if (!match) return "missing";
  return same ? "ok" : "wrong";
}

const MESSAGES: Record<Exclude<CronAuthVerdict, "ok">, string> = {
  no_secret: "CRON_SECRET n'est pas défini : cette route est fermée. Définissez CRON_SECRET pour l'appeler depuis un planificateur externe.",
  missing: "Authentification requise : envoyez l'en-tête « Authorization: Bearer <CRON_SECRET> ».",
  wrong: "Secret invalide.",
};

type Handler = (request: Request) => Promise<Response>;

/**
 * Wraps a route handler so it runs only for `Authorization: Bearer <CRON_SECRET>`;
 * otherwise answers 401 `{"error":{"code":"unauthorized","message":…}}` without
 * calling it. `secret` is for tests (default: env().CRON_SECRET).
 */
export function withCronAuth(handler: Handler, options: { secret?: () => string | undefined } = {}): Handler {
  const secretOf = options.secret ?? (() => env().CRON_SECRET);
  return async (request) => {
    const verdict = checkCronAuthorization(request.headers.get("authorization"), secretOf());
    if (verdict !== "ok") {
      log.warn("cron: request refused", { reason: verdict, method: request.method });
      return Response.json(
        { error: { code: "unauthorized", message: MESSAGES[verdict] } },
        { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="cron"', "Cache-Control": "no-store" } },
      );
    }
    return handler(request);
  };
}
