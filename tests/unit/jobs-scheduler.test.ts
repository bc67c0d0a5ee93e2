// The in-process scheduler's timing rules, on fake timers: first run shortly
// after start, then every interval, never two runs at once, errors reported
// and the schedule kept, stop() ends it.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createScheduler } from "@/lib/jobs/scheduler";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A run that stays under way until `finish()` is called. */
function controllableRun() {
  const finishers: Array<() => void> = [];
  const run = vi.fn(() => new Promise<void>((res) => finishers.push(res)));
  return { run, finish: () => finishers.shift()?.() };
}

describe("createScheduler", () => {
  it("runs first after firstDelayMs, then every intervalMs", async () => {
    const run = vi.fn(async () => {});
    const s = createScheduler({ run, firstDelayMs: 5_000, intervalMs: 60_000 });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(run).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(55_000);
    expect(run).toHaveBeenCalledTimes(2); // t = 60 s
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(3); // t = 120 s
    s.stop();
  });

  it("skips a tick while the previous run is still under way, never overlapping", async () => {
    const { run, finish } = controllableRun();
    const onSkip = vi.fn();
    const s = createScheduler({ run, onSkip, firstDelayMs: 1_000, intervalMs: 60_000 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(1);
    expect(s.running).toBe(true);
    await vi.advanceTimersByTimeAsync(120_000); // two ticks while running
    expect(run).toHaveBeenCalledTimes(1);
    expect(onSkip).toHaveBeenCalledTimes(2);
    await s.tick(); // a manual tick is skipped too
    expect(run).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.running).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(2);
    finish();
    s.stop();
  });

  it("reports a failed run and keeps the schedule; a throwing reporter changes nothing", async () => {
    let n = 0;
    const run = vi.fn(async () => {
      n++;
      if (n === 1) throw new Error("base injoignable");
    });
    const onError = vi.fn(() => {
      throw new Error("logger en panne");
    });
    const s = createScheduler({ run, onError, firstDelayMs: 0, intervalMs: 1_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(onError).toHaveBeenCalledTimes(1);
    expect((onError.mock.calls[0] as unknown[])[0]).toBeInstanceOf(Error);
    expect(s.running).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(2);
    expect(onError).toHaveBeenCalledTimes(1);
    s.stop();
  });

  it("stops: no run after stop(), not even the first", async () => {
    const run = vi.fn(async () => {});
    const s = createScheduler({ run, firstDelayMs: 5_000, intervalMs: 60_000 });
    s.stop();
    await vi.advanceTimersByTimeAsync(600_000);
    await s.tick();
    expect(run).not.toHaveBeenCalled();
  });

  it("never keeps the process alive: both timers are unref()'d", () => {
    vi.useRealTimers();
    const timeouts = vi.spyOn(globalThis, "setTimeout");
    const intervals = vi.spyOn(globalThis, "setInterval");
    try {
      const s = createScheduler({ run: async () => {} });
      const first = timeouts.mock.results.at(-1)!.value as NodeJS.Timeout;
      const every = intervals.mock.results.at(-1)!.value as NodeJS.Timeout;
      expect(first.hasRef()).toBe(false);
      expect(every.hasRef()).toBe(false);
      s.stop();
    } finally {
      timeouts.mockRestore();
      intervals.mockRestore();
    }
  });
});
