import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";

export type Tx = Prisma.TransactionClient;

/** Runs `fn` in one database transaction (READ COMMITTED unless told otherwise). */
export function transaction<T>(fn: (tx: Tx) => Promise<T>, options?: { isolationLevel?: Prisma.TransactionIsolationLevel }): Promise<T> {
  return db().$transaction(fn, { maxWait: 10_000, timeout: 20_000, ...options });
}

/** The SQLSTATE of a database error raised through Prisma's pg adapter, if any. */
export function sqlState(err: unknown): string | undefined {
  const e = err as { code?: string; meta?: { driverAdapterError?: { cause?: { originalCode?: string; code?: string; kind?: string } } } };
  if (e?.code === "P2002") return "23505";
  const cause = e?.meta?.driverAdapterError?.cause;
  return cause?.originalCode ?? (typeof e?.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : undefined);
}

/** True when the error is a unique (23505) or exclusion (23P01) violation. */
export const isConflict = (err: unknown) => {
  const s = sqlState(err);
  return s === "23505" || s === "23P01";
};
