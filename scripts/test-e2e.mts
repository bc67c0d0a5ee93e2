// npm run test:e2e — build the production app, then run Playwright against
// `next start` (tests/e2e/support/serve.mts starts the database, the SMTP
// receiver and the server). Extra arguments go to Playwright.
import { spawnSync } from "node:child_process";

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  CRON_SECRET: process.env.CRON_SECRET ?? "e2e-cron-secret-0123456789abcdef",
  AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-auth-secret-0123456789abcdef0123456789",
};
const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
if (!process.argv.includes("--no-build")) run("npx", ["--no-install", "next", "build"]);
run("npx", ["--no-install", "playwright", "test", ...process.argv.slice(2).filter((a) => a !== "--no-build")]);
