// Runs once when a Next.js server starts (next dev, next start). Starts the
// in-process background scheduler (lib/jobs/scheduler.ts) so expiry, no-shows,
// reminders and email delivery need no setup — unless CRON_MODE=external, when
// an outside scheduler calls /api/cron instead (docs/cron.md).
//
// NEXT_RUNTIME and NEXT_PHASE are set by Next.js itself (not configuration),
// hence read here rather than through lib/env.ts. Everything heavy is imported
// inside register(), so the edge runtime never loads it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this file to prerender pages: no background work there.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { env } = await import("./lib/env");
  if (env().CRON_MODE === "external") return;
  const { startBackgroundScheduler } = await import("./lib/jobs/scheduler");
  startBackgroundScheduler();
}
