// /api/cron: one pass of all due background work (expiry, no-shows, reminders,
// outbox delivery), for an external scheduler — system crontab, Kubernetes
// CronJob, Vercel Cron (docs/cron.md). GET and POST do the same (Vercel Cron
// sends GET). Requires `Authorization: Bearer <CRON_SECRET>`; anything else → 401
// and nothing runs.
import { withCronAuth } from "@/lib/http/with-cron-auth";
import { log } from "@/lib/log";
import { runBackgroundPass } from "@/lib/use-cases/run-background-pass";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";
/** Seconds a platform (Vercel) lets one pass run; each step is batch-wise and capped. */
export const maxDuration = 60;

async function runPass(): Promise<Response> {
  try {
    const result = await runBackgroundPass({ now: new Date() });
    log.info("cron: pass done", { source: "route", ...result });
    return Response.json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    log.error("cron: pass failed", { source: "route", error: err });
    return Response.json(
      { error: { code: "internal", message: "Le passage des tâches de fond a échoué ; consultez les journaux du serveur." } },
      { status: 500, headers: { "Cache-Control": "no-store" } },
    );
  }
}

export const GET = withCronAuth(runPass);
export const POST = withCronAuth(runPass);
