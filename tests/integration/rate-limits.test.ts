import { describe, expect, it } from "vitest";
import { consumeRateLimit, rateLimitSpent } from "@/lib/data/rate-limits";

describe("rate limits on PostgreSQL", () => {
  it("lets `points` attempts through, then refuses with a retry delay, per key", async () => {
    const opts = { points: 3, durationSeconds: 60 };
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await consumeRateLimit("test", "a", opts));
    expect(verdicts.map((v) => v.ok)).toEqual([true, true, true, false]);
    expect(verdicts[3]!.retryAfterSeconds).toBeGreaterThan(0);
    expect(await rateLimitSpent("test", "a", opts)).toBe(4);
    expect((await consumeRateLimit("test", "b", opts)).ok).toBe(true);
  });

  it("counts concurrent attempts exactly", async () => {
    const opts = { points: 5, durationSeconds: 60 };
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => consumeRateLimit("burst", "k", opts)));
    expect(verdicts.filter((v) => v.ok)).toHaveLength(5);
  });
});
