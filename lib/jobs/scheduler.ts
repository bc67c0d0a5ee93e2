import "server-only";
// The in-process scheduler: with no external cron (CRON_MODE is not "external"),
// the running app itself runs the background pass every minute, so `npm run dev`
// and a single `npm start` need nothing else. Started by instrumentation.ts.
//
// Never overlaps itself in one process (a tick while a pass runs is skipped);
// several processes, or this and /api/cron, may overlap safely: the pass claims
// its rows with FOR UPDATE SKIP LOCKED. Timers are unref()'d (they never keep
// the process alive), errors are logged, never thrown; SIGTERM stops it.
import { log } from "@/lib/log";

export interface Scheduler {
  /** Clears the timers; a pass under way finishes on its own. */
  stop(): void;
  /** True while a run is under way. */
  readonly running: boolean;
  /** Runs now unless a run is under way (what each tick does). */
  tick(): Promise<void>;
}

export interface SchedulerOptions {
  run: () => Promise<void>;
  /** Between two ticks (default 60 s). */
  intervalMs?: number;
  /** Before the first run (default 5 s: let the server finish starting). */
  firstDelayMs?: number;
  onError?: (err: unknown) => void;
  /** A tick came while the previous run was still going: it was skipped. */
  onSkip?: () => void;
}

/** Runs `run` shortly after start, then every `intervalMs`, never two at once. */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { run, intervalMs = 60_000, firstDelayMs = 5_000, onError = () => {}, onSkip = () => {} } = options;
  let running = false;
  let stopped = false;
  const safely = (fn: () => void) => {
    try {
      fn();
    } catch {
      // a logger that throws must not stop the schedule
    }
  };
  const tick = async () => {
    if (stopped) return;
    if (running) {
      safely(onSkip);
      return;
    }
    running = true;
    try {
      await run();
    } catch (err) {
      safely(() => onError(err));
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), firstDelayMs);
  const every = setInterval(() => void tick(), intervalMs);
  first.unref();
  every.unref();
  return {
    stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
    },
    get running() {
      return running;
    },
    tick,
  };
}

// One scheduler per process, even if register() or this module runs twice (dev reloads).
const state = globalThis as unknown as { strapontinScheduler?: Scheduler; strapontinSchedulerSigterm?: () => void };

/** Starts the background pass every minute in this process (idempotent). */
export function startBackgroundScheduler(options: Pick<SchedulerOptions, "intervalMs" | "firstDelayMs"> = {}): Scheduler {
  if (state.strapontinScheduler) return state.strapontinScheduler;
  const scheduler = createScheduler({
    ...options,
    run: async () => {
      // Loaded on first run: the database client and the mailer stay out of start-up.
      const { runBackgroundPass } = await import("@/lib/use-cases/run-background-pass");
      const result = await runBackgroundPass({ now: new Date() });
      const { durationMs, ...counts } = result;
      const busy = Object.values(counts).some((n) => n > 0);
      (busy ? log.info : log.debug)("cron: pass done", { source: "scheduler", ...result, durationMs });
    },
    onError: (err) => log.error("cron: pass failed, next try in a minute", { source: "scheduler", error: err }),
    onSkip: () => log.warn("cron: previous pass still running, tick skipped", { source: "scheduler" }),
  });
  state.strapontinScheduler = scheduler;
  const onSigterm = () => {
    stopBackgroundScheduler();
    // Our listener replaced Node's default (exit) if it was the only one: keep that default.
    if (process.listenerCount("SIGTERM") === 0) process.kill(process.pid, "SIGTERM");
  };
  process.once("SIGTERM", onSigterm);
  state.strapontinSchedulerSigterm = onSigterm;
  log.info("cron: in-process scheduler started (every minute; CRON_MODE=external turns it off)", { source: "scheduler" });
  return scheduler;
}

/** Stops this process's scheduler, if any. */
export function stopBackgroundScheduler(): void {
  state.strapontinScheduler?.stop();
  state.strapontinScheduler = undefined;
  if (state.strapontinSchedulerSigterm) process.removeListener("SIGTERM", state.strapontinSchedulerSigterm);
  state.strapontinSchedulerSigterm = undefined;
}

/** This process's scheduler, if started. */
export const backgroundScheduler = (): Scheduler | undefined => state.strapontinScheduler;
