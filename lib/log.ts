// A small structured logger: one JSON line per event on stdout/stderr, filtered
// by env().LOG_LEVEL. Everything logged goes through redactSecrets, so a link
// token (in a URL or under a key named like "token") never reaches the logs.
import { env } from "@/lib/env";

type Level = "debug" | "info" | "warn" | "error";
const RANK: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

// Token links built by lib/links.ts: /reservation/<kind>/<token> and ?suivi=<token>.
const TOKEN_PATH = /(\/reservation\/(?:confirmer|annuler|suivi)\/)[^\s"'<>?#]+/g;
const TOKEN_QUERY = /([?&](?:suivi|token|t|cle)=)[^\s"'<>&#]+/g;
// A bare 32-byte base64url token (43 characters).
const BARE_TOKEN = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;
// Credentials in a connection URL (smtp://user:password@host).
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi;
const SECRET_KEY = /token|secret|password|authorization|smtp_url/i;

/** The text with every link token (and URL credentials) replaced by "[masqué]". */
export function redactSecrets(text: string): string {
  return text
    .replace(TOKEN_PATH, "$1[masqué]")
    .replace(TOKEN_QUERY, "$1[masqué]")
    .replace(BARE_TOKEN, "[masqué]")
    .replace(URL_CREDENTIALS, "$1[masqué]@");
}

function clean(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactSecrets(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: redactSecrets(value.message), ...(code !== undefined ? { code: clean(code, depth + 1) } : {}) };
  }
  if (Array.isArray(value)) return depth > 4 ? "[…]" : value.map((v) => clean(v, depth + 1));
  if (value && typeof value === "object") {
    if (depth > 4) return "[…]";
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[masqué]" : clean(v, depth + 1)]),
    );
  }
  return value;
}

function currentRank(): number {
  try {
    return RANK[env().LOG_LEVEL];
  } catch {
    return RANK.info; // a bad environment is reported elsewhere; logging must not throw
  }
}

function write(level: Level, msg: string, fields?: Record<string, unknown>) {
  if (RANK[level] < currentRank()) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg: redactSecrets(msg), ...(clean(fields ?? {}) as object) });
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
