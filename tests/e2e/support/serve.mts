// The world of the end-to-end tests: a fresh embedded PostgreSQL (migrated and
// seeded), a real SMTP receiver that writes what it receives to E2E_MAIL_DIR,
// and `next start` (built beforehand by `npm run test:e2e`) wired to both.
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { startEmbeddedPostgres, freePort } from "../../../lib/db/embedded.ts";
import { ensureDatabase } from "../../../lib/db/prepare.ts";
import { migrate } from "../../../lib/db/migrate.ts";
import { E2E_MAIL_DIR, E2E_STATE_FILE } from "./paths.ts";

const port = Number(process.env.E2E_PORT ?? 3100);
const parent = mkdtempSync(join(tmpdir(), "strapontin-e2e-"));
chmodSync(parent, 0o755);
const pgServer = await startEmbeddedPostgres({ dataDir: join(parent, "pg"), persistent: false });
await ensureDatabase(pgServer.baseUrl, "strapontin");
const databaseUrl = pgServer.urlFor("strapontin");
await migrate(databaseUrl);

const { createPrismaClient } = await import("../../../lib/data/db.ts");
const { seedDemo } = await import("../../../lib/db/seed.ts");
const prisma = createPrismaClient(databaseUrl);
await seedDemo(prisma, new Date());
await prisma.$disconnect();

rmSync(E2E_MAIL_DIR, { recursive: true, force: true });
mkdirSync(E2E_MAIL_DIR, { recursive: true });
let received = 0;
const smtp = new SMTPServer({
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      received += 1;
      writeFileSync(join(E2E_MAIL_DIR, `${Date.now()}-${String(received).padStart(5, "0")}.eml`), Buffer.concat(chunks));
      callback();
    });
  },
});
const smtpPort = await freePort();
await new Promise<void>((res) => smtp.listen(smtpPort, "127.0.0.1", () => res()));

const next = spawn("npx", ["--no-install", "next", "start", "-p", String(port)], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    APP_URL: `http://localhost:${port}`,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    EMAIL_FROM: "Strapontin <ne-pas-repondre@strapontin.test>",
    CRON_SECRET: process.env.CRON_SECRET ?? "e2e-cron-secret-0123456789abcdef",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-auth-secret-0123456789abcdef0123456789",
    AUTH_TRUST_HOST: "true",
    NEXT_TELEMETRY_DISABLED: "1",
  },
});

const shutdown = async () => {
  next.kill("SIGTERM");
  smtp.close();
  await pgServer.stop().catch(() => {});
  rmSync(parent, { recursive: true, force: true });
  rmSync(E2E_STATE_FILE, { force: true });
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
next.on("exit", shutdown);
writeFileSync(E2E_STATE_FILE, JSON.stringify({ databaseUrl }));
