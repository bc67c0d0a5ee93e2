import "server-only";
// Rate limits shared by every app instance: rate-limiter-flexible's PostgreSQL
// store on the rate_limit table (created by our migration).
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { databaseUrl } from "@/lib/env";

const globalForPool = globalThis as unknown as { strapontinRatePool?: pg.Pool };
const pool = () => (globalForPool.strapontinRatePool ??= new pg.Pool({ connectionString: databaseUrl(), max: 4 }));

const limiters = new Map<string, RateLimiterPostgres>();

function limiter(name: string, points: number, durationSeconds: number): RateLimiterPostgres {
  const id = `${name}:${points}:${durationSeconds}`;
  let l = limiters.get(id);
  if (!l) {
    l = new RateLimiterPostgres({
      storeClient: pool(),
      storeType: "pool",
      tableName: "rate_limit",
      tableCreated: true,
      keyPrefix: name,
      points,
      duration: durationSeconds,
      clearExpiredByTimeout: false,
    });
    limiters.set(id, l);
  }
  return l;
}

export interface RateLimitVerdict {
  ok: boolean;
  retryAfterSeconds: number;
}

/** Spends one point of `key` in the named limit; ok=false once the points are spent for the period. */
export async function consumeRateLimit(name: string, key: string, opts: { points: number; durationSeconds: number }): Promise<RateLimitVerdict> {
  try {
    await limiter(name, opts.points, opts.durationSeconds).consume(key, 1);
    return { ok: true, retryAfterSeconds: 0 };
  } catch (e) {
    if (e instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.ceil(e.msBeforeNext / 1000) };
    throw e;
  }
}

/** How many points `key` has spent in the named limit (0 when none). */
export async function rateLimitSpent(name: string, key: string, opts: { points: number; durationSeconds: number }): Promise<number> {
  const res = await limiter(name, opts.points, opts.durationSeconds).get(key);
  return res?.consumedPoints ?? 0;
}

/** Forgets `key` (e.g. after a success). */
export async function resetRateLimit(name: string, key: string, opts: { points: number; durationSeconds: number }): Promise<void> {
  await limiter(name, opts.points, opts.durationSeconds).delete(key);
}

/** Gives back one point spent by consumeRateLimit (the attempt turned out to be legitimate). */
export async function refundRateLimit(name: string, key: string, opts: { points: number; durationSeconds: number }): Promise<void> {
  await limiter(name, opts.points, opts.durationSeconds).reward(key, 1);
}
