// `npm run dev` and `npm start`: without DATABASE_URL, start the embedded
// PostgreSQL (migrated, demo data seeded on first start), then run Next with
// DATABASE_URL pointing at it. With DATABASE_URL, run Next against that server
// (apply migrations with `npm run db:migrate`).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";

const mode = process.argv[2] === "start" ? "start" : "dev";
const extraArgs = process.argv.slice(3);
const log = (m: string) => console.log(m);

if (existsSync(".env")) process.loadEnvFile(".env");
const childEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };

let stopDb: (() => Promise<void>) | undefined;
if (!process.env.DATABASE_URL?.trim()) {
  const { startDevDatabase } = await import("../lib/db/prepare.ts");
  const { url, server } = await startDevDatabase(log);
  stopDb = () => server.stop();
  childEnv.DATABASE_URL = url;
  const { createPrismaClient } = await import("../lib/data/db.ts");
  const { seedDemo } = await import("../lib/db/seed.ts");
  const prisma = createPrismaClient(url);
  const { created } = await seedDemo(prisma, new Date());
  await prisma.$disconnect();
  if (created) log(`[db] données de démonstration créées (${created} bibliothèques)`);
  if (mode === "start") {
    // A demo on the embedded database: make up the production secrets for this run only.
    for (const key of ["CRON_SECRET", "AUTH_SECRET"] as const) {
      if (!childEnv[key]) {
        childEnv[key] = randomBytes(32).toString("hex");
        log(`[env] ${key} non défini : secret aléatoire pour cette exécution (définissez-le dans .env en production)`);
      }
    }
  }
}

const next = spawn("npx", ["--no-install", "next", mode, ...extraArgs], { stdio: "inherit", env: childEnv });
let stopping = false;
const shutdown = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  next.kill(signal);
};
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
next.on("exit", async (code) => {
  await stopDb?.().catch(() => {});
  process.exit(code ?? 0);
});
