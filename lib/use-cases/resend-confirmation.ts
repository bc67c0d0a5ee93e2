import "server-only";
// "Renvoyer l'e-mail": a new "Confirmez votre réservation" email for a pending
// reservation, rate-limited per reservation and per client. Each resend is its
// own outbox row (dedupe key numbered), so the sender mints a fresh link.
import { enqueueEmail } from "@/lib/data/outbox";
import { consumeRateLimit } from "@/lib/data/rate-limits";
import { countEmailsOf, getReservationView, reservationEmailPayload } from "@/lib/data/reservations";
import { transaction } from "@/lib/data/tx";
import { DomainError, ERROR_MESSAGES } from "@/lib/domain/errors";
import { confirmable } from "./get-reservation-by-token";
import type { RateLimitRule } from "./create-reservation";

export const RESEND_RATE_LIMITS: { perReservation: RateLimitRule; perClient: RateLimitRule } = {
  perReservation: { points: 3, durationSeconds: 600 },
  perClient: { points: 10, durationSeconds: 600 },
};

/**
 * Enqueues another confirmation email. Throws DomainError: rate_limited
 * (details.retryAfterSeconds), unknown_reservation, already_confirmed,
 * not_pending (cancelled, expired or past its confirmation deadline).
 */
export async function resendConfirmation(input: {
  reservationId: string;
  clientKey: string;
  now: Date;
  rateLimits?: Partial<typeof RESEND_RATE_LIMITS>;
}): Promise<{ email: string; confirmDeadline: Date }> {
  const limits = { ...RESEND_RATE_LIMITS, ...input.rateLimits };
  for (const [name, key, rule] of [
    ["resend-client", input.clientKey, limits.perClient],
    ["resend-reservation", input.reservationId, limits.perReservation],
  ] as const) {
    const verdict = await consumeRateLimit(name, key, rule);
    if (!verdict.ok) throw new DomainError("rate_limited", ERROR_MESSAGES.rate_limited, { retryAfterSeconds: verdict.retryAfterSeconds });
  }
  return transaction(async (tx) => {
    const r = await getReservationView(input.reservationId, tx);
    if (!r) throw new DomainError("unknown_reservation");
    if (r.status === "CONFIRMED" || r.status === "VALIDATED") throw new DomainError("already_confirmed");
    if (!confirmable(r, input.now) || !r.confirmDeadline) throw new DomainError("not_pending");
    const n = await countEmailsOf(tx, r.id, "confirm-request");
    await enqueueEmail(tx, {
      template: "confirm-request",
      dedupeKey: `confirm-request:${r.id}:resend:${n}`,
      recipient: r.email,
      reservationId: r.id,
      payload: {
        ...reservationEmailPayload(r),
        confirmDeadline: r.confirmDeadline.toISOString(),
        resend: n,
      },
    });
    return { email: r.email, confirmDeadline: r.confirmDeadline };
  });
}
