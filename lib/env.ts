// The one module that reads process.env. Validated with zod when first used;
// next.config.ts imports it, so a bad value stops `next build` / `next start`
// with the variable's name and the reason.
import { z } from "zod";

const postgresUrl = z
  .string()
  .trim()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), "doit être une URL postgres:// ou postgresql://");

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const baseSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.preprocess(emptyToUndefined, postgresUrl.optional()),
    APP_URL: z.preprocess(
      emptyToUndefined,
      z
        .url({ protocol: /^https?$/, error: "doit être une URL http(s):// complète, par exemple https://strapontin.univ-exemple.fr" })
        .default("http://localhost:3000")
        .transform((v) => v.replace(/\/+$/, "")),
    ),
    SMTP_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine((v) => /^smtps?:\/\/[^/]+/.test(v), "doit être une URL smtp:// ou smtps://, par exemple smtp://user:pass@mail.example.org:587")
        .optional(),
    ),
    EMAIL_FROM: z.preprocess(
      emptyToUndefined,
      z.string().min(3).default("Strapontin <ne-pas-repondre@strapontin.localhost>"),
    ),
    CRON_SECRET: z.preprocess(
      emptyToUndefined,
      z.string().min(16, "doit faire au moins 16 caractères (openssl rand -hex 32)").optional(),
    ),
    AUTH_SECRET: z.preprocess(
      emptyToUndefined,
      z.string().min(32, "doit faire au moins 32 caractères (openssl rand -base64 32)").optional(),
    ),
    CRON_MODE: z.preprocess(emptyToUndefined, z.enum(["internal", "external"]).default("internal")),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    ),
  });

// Secrets are needed to run in production, not to build: `next build` checks
// the formats only, `next start` (and every server process) checks everything.
const schema = baseSchema.superRefine((env, ctx) => {
  if (env.NODE_ENV !== "production") return;
  for (const key of ["CRON_SECRET", "AUTH_SECRET"] as const) {
    if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "est obligatoire en production" });
  }
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>, options: { building?: boolean } = {}): Env {
  const result = (options.building ? baseSchema : schema).safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".") || "(env)"} ${i.message}`);
    throw new EnvError(`Configuration invalide, Strapontin ne démarre pas :\n${lines.join("\n")}\nVoir .env.example.`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment (parsed once per process). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The database URL, or a clear error when the app was started without one. */
export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) {
    throw new EnvError(
      "DATABASE_URL n'est pas défini. Lancez l'application avec `npm run dev` ou `npm start`, qui démarrent une base PostgreSQL embarquée, ou définissez DATABASE_URL.",
    );
  }
  return url;
}

/** An absolute link into the app, always built from APP_URL (never from the request's Host). */
export function appUrl(path: string): string {
  return `${env().APP_URL}${path.startsWith("/") ? path : `/${path}`}`;
}
