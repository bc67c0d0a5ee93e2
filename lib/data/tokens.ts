import "server-only";
// Link tokens bound to one reservation and one purpose. The raw token exists only
// in the email; the table keeps its SHA-256.
import type { TokenPurpose } from "@/lib/generated/prisma/enums";
import { hashToken, newToken } from "@/lib/security/tokens";
import { db } from "./db";
import type { Tx } from "./tx";

export type { TokenPurpose };

/** Creates a token and returns the raw value to put in a link. */
export async function issueToken(tx: Tx, input: { reservationId: string; purpose: TokenPurpose; expiresAt: Date }): Promise<string> {
  const { raw, hash } = newToken();
  await tx.actionToken.create({ data: { tokenHash: hash, purpose: input.purpose, reservationId: input.reservationId, expiresAt: input.expiresAt } });
  return raw;
}

export interface TokenLookup {
  id: string;
  reservationId: string;
  purpose: TokenPurpose;
  expiresAt: Date;
  usedAt: Date | null;
}

/** The token's row whatever its state (the caller tells expired/used apart), or null. Never mutates. */
export async function findToken(raw: string, purpose: TokenPurpose): Promise<TokenLookup | null> {
  const row = await db().actionToken.findUnique({
    where: { tokenHash: hashToken(raw) },
    select: { id: true, reservationId: true, purpose: true, expiresAt: true, usedAt: true },
  });
  return row && row.purpose === purpose ? row : null;
}

/** Marks a token used, once: false when it was already used (compare-and-set). */
export async function markTokenUsed(tx: Tx, id: string, now: Date): Promise<boolean> {
  const { count } = await tx.actionToken.updateMany({ where: { id, usedAt: null }, data: { usedAt: now } });
  return count === 1;
}
