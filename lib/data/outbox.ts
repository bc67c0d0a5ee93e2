import "server-only";
// Emails leave through the email_outbox table. enqueueEmail is called inside the
// transaction of the change that causes the email, so both commit or neither.
import type { Tx } from "./tx";

export type EmailTemplate =
  | "confirm-request"
  | "reservation-confirmed"
  | "reservation-cancelled"
  | "reservation-expired"
  | "reservation-no-show"
  | "reservation-reminder";

export interface EnqueueEmail {
  template: EmailTemplate;
  recipient: string;
  reservationId: string;
  /** Unique: a second enqueue with the same key is ignored (a retry never sends twice). */
  dedupeKey: string;
  /** Template data holding no secret (tokens are minted when the email is sent). */
  payload?: Record<string, string | number | boolean | null>;
  /** Earliest delivery (defaults to now). */
  notBefore?: Date;
}

/** Adds emails to the outbox; returns how many were new (duplicates by dedupe key are skipped). */
export async function enqueueEmails(tx: Tx, emails: EnqueueEmail[]): Promise<number> {
  if (emails.length === 0) return 0;
  const { count } = await tx.emailOutbox.createMany({
    data: emails.map((e) => ({
      template: e.template,
      recipient: e.recipient,
      reservationId: e.reservationId,
      dedupeKey: e.dedupeKey,
      payload: e.payload ?? {},
      ...(e.notBefore ? { nextAttemptAt: e.notBefore } : {}),
    })),
    skipDuplicates: true,
  });
  return count;
}

export const enqueueEmail = (tx: Tx, email: EnqueueEmail) => enqueueEmails(tx, [email]);
