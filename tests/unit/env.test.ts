import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

describe("configuration", () => {
  it("defaults to the embedded database, localhost and internal cron outside production", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.CRON_MODE).toBe("internal");
    expect(env.SMTP_URL).toBeUndefined();
  });

  it("strips the trailing slash of APP_URL and treats empty values as unset", () => {
    const env = parseEnv({ APP_URL: "https://bu.example.fr/", SMTP_URL: "", DATABASE_URL: " " });
    expect(env.APP_URL).toBe("https://bu.example.fr");
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL doit être une URL postgres://"],
    [{ APP_URL: "bu.example.fr" }, "APP_URL doit être une URL http(s)://"],
    [{ SMTP_URL: "http://mail" }, "SMTP_URL doit être une URL smtp://"],
    [{ CRON_SECRET: "short" }, "CRON_SECRET doit faire au moins 16 caractères"],
    [{ CRON_MODE: "sometimes" }, "CRON_MODE"],
    [{ NODE_ENV: "production", AUTH_SECRET: "x".repeat(40) }, "CRON_SECRET est obligatoire en production"],
    [{ NODE_ENV: "production", CRON_SECRET: "x".repeat(20) }, "AUTH_SECRET est obligatoire en production"],
  ])("refuses %j and names the variable", (source, message) => {
    expect(() => parseEnv(source)).toThrow(message);
  });

  it("accepts a complete production configuration", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://u:p@db:5432/strapontin",
      APP_URL: "https://reserver.bu.example.fr",
      SMTP_URL: "smtps://u:p@smtp.example.fr:465",
      EMAIL_FROM: "BU <bu@example.fr>",
      CRON_SECRET: "0123456789abcdef0123",
      AUTH_SECRET: "0123456789abcdef0123456789abcdef",
      CRON_MODE: "external",
    });
    expect(env.CRON_MODE).toBe("external");
    expect(env.SMTP_URL).toBe("smtps://u:p@smtp.example.fr:465");
  });
});

describe("configuration while building", () => {
  it("checks formats but not the production secrets, which are needed to start", () => {
    expect(parseEnv({ NODE_ENV: "production" }, { building: true }).NODE_ENV).toBe("production");
    expect(() => parseEnv({ NODE_ENV: "production", APP_URL: "nope" }, { building: true })).toThrow("APP_URL");
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow("CRON_SECRET est obligatoire en production");
  });
});
