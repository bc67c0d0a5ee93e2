import "server-only";
// The outbox sender: claims due emails, mints their link tokens, renders them,
// sends them and records the outcome. Called by kickOutbox (after a request),
// by the background pass (/api/cron, the in-process timer) and by tests.
//
// Delivery is at least once, made "exactly once" in practice by the claim's
// lease: a claimed row is invisible to other runners for OUTBOX_LEASE_MS, and
// each group of sends is marked right after it leaves. Tokens and token links
// are never logged nor stored in last_error.
import { performance } from "node:perf_hooks";
import { renderEmail, isEmailTemplate } from "@/emails";
import type { EmailDataByTemplate, EmailTemplateName, RenderedEmail, ReservationDetails } from "@/emails/types";
import {
  OUTBOX_LEASE_MS,
  claimDueEmails,
  markEmailsFailed,
  markEmailsSent,
  markEmailsSkipped,
  mintLinkTokens,
  releaseEmails,
  type AttemptFailure,
  type ClaimedEmail,
  type ClaimedReservation,
} from "@/lib/data/outbox-delivery";
import { cancelUrl, confirmUrl, libraryUrl, reservationUrl, validateUrl } from "@/lib/links";
import { log, redactSecrets } from "@/lib/log";
import { sendEmail, type OutgoingEmail } from "./transport";

export interface DeliverOutboxOptions {
  now: Date;
  /** Emails claimed per batch (default 100). */
  limit?: number;
  /** Only these outbox rows (when due). */
  ids?: string[];
  /** Upper bound on batches in one call (default 20), so a pass always ends. */
  maxBatches?: number;
  /** Emails sent in parallel (default 5). */
  concurrency?: number;
}

export interface DeliverOutboxResult {
  sent: number;
  /** Failed this time, will be tried again after the backoff. */
  retried: number;
  /** Given up (after OUTBOX_MAX_ATTEMPTS, or an error retrying cannot fix). */
  failed: number;
  /** Closed without sending because they no longer make sense (see compose). */
  skipped: number;
}

const DAY_MS = 86_400_000;
/** A VIEW link keeps working this long after the reservation ends. */
const VIEW_TOKEN_AFTER_END_MS = 30 * DAY_MS;
/** No new group of sends starts when less than this is left of the lease. */
const LEASE_MARGIN_MS = 45_000;

class PermanentEmailError extends Error {}

type Composed = { mail: OutgoingEmail } | { skip: string };

function details(r: ClaimedReservation, now: Date): ReservationDetails {
  return {
    reservationId: r.id,
    library: {
      name: r.library.name,
      address: r.library.address,
      timeZone: r.library.timeZone,
      confirmationWindowMinutes: r.library.confirmationWindowMinutes,
      validationWindowMinutes: r.library.validationWindowMinutes,
    },
    areaName: r.areaName,
    resource: r.resource,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    name: r.name,
    sentAt: now,
  };
}

const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

function cancelledBy(row: ClaimedEmail, r: ClaimedReservation): "student" | "staff" | "system" | null {
  const v = str(row.payload.by) ?? str(row.payload.cancelledBy) ?? r.cancelledBy ?? undefined;
  const lower = v?.toLowerCase();
  return lower === "student" || lower === "staff" || lower === "system" ? lower : null;
}

/** Builds one email: decides whether it still makes sense, mints its tokens, renders it. */
async function compose(row: ClaimedEmail, now: Date): Promise<Composed> {
  if (!isEmailTemplate(row.template)) throw new PermanentEmailError(`unknown template "${row.template}"`);
  const r = row.reservation;
  if (!r) throw new PermanentEmailError("reservation not found");
  const template: EmailTemplateName = row.template;
  const base = details(r, now);
  const viewExpiry = new Date(r.endsAt.getTime() + VIEW_TOKEN_AFTER_END_MS);
  const libraryLink = libraryUrl(r.library.slug);
  const render = <K extends EmailTemplateName>(k: K, data: EmailDataByTemplate[K]): RenderedEmail => renderEmail(k, data);
  let rendered: RenderedEmail;

  switch (template) {
    case "confirm-request": {
      if (r.status !== "PENDING") return { skip: `not sent: reservation is ${r.status.toLowerCase()}, no longer pending` };
      if (!r.confirmDeadline || r.confirmDeadline <= now) return { skip: "not sent: confirmation deadline passed" };
      const t = await mintLinkTokens(r.id, { CONFIRM: r.confirmDeadline, CANCEL: r.endsAt, VIEW: viewExpiry });
      rendered = render(template, {
        ...base,
        confirmDeadline: r.confirmDeadline,
        links: { confirm: confirmUrl(t.CONFIRM!), cancel: cancelUrl(t.CANCEL!), reservation: reservationUrl(t.VIEW!) },
      });
      break;
    }
    case "reservation-confirmed": {
      if (r.endsAt <= now) return { skip: "not sent: reservation already ended" };
      const t = await mintLinkTokens(r.id, { CANCEL: r.endsAt, VIEW: viewExpiry });
      rendered = render(template, {
        ...base,
        links: {
          cancel: cancelUrl(t.CANCEL!),
          reservation: reservationUrl(t.VIEW!),
          validate: validateUrl({ viewToken: t.VIEW! }),
          validateHome: validateUrl(),
          library: libraryLink,
        },
      });
      break;
    }
    case "reservation-reminder": {
      if (r.status !== "PENDING" && r.status !== "CONFIRMED") return { skip: `not sent: reservation is ${r.status.toLowerCase()}` };
      if (r.endsAt <= now) return { skip: "not sent: reservation already ended" };
      const pending = r.status === "PENDING";
      if (pending && (!r.confirmDeadline || r.confirmDeadline <= now)) return { skip: "not sent: confirmation deadline passed" };
      const t = await mintLinkTokens(r.id, {
        CANCEL: r.endsAt,
        VIEW: viewExpiry,
        ...(pending ? { CONFIRM: r.confirmDeadline! } : {}),
      });
      rendered = render(template, {
        ...base,
        confirmDeadline: pending ? r.confirmDeadline : null,
        links: {
          cancel: cancelUrl(t.CANCEL!),
          reservation: reservationUrl(t.VIEW!),
          validate: validateUrl({ viewToken: t.VIEW! }),
          validateHome: validateUrl(),
          ...(pending ? { confirm: confirmUrl(t.CONFIRM!) } : {}),
        },
      });
      break;
    }
    case "reservation-cancelled":
      rendered = render(template, {
        ...base,
        by: cancelledBy(row, r),
        reason: str(row.payload.reason) ?? r.cancelReason,
        links: { library: libraryLink },
      });
      break;
    case "reservation-expired":
      rendered = render(template, { ...base, links: { library: libraryLink } });
      break;
    case "reservation-no-show":
      rendered = render(template, { ...base, links: { library: libraryLink } });
      break;
  }
  return { mail: { to: row.recipient, ...rendered } };
}

/** A short, secret-free description of an error, for last_error and the logs. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return redactSecrets(String(err)).slice(0, 500);
  const e = err as Error & { code?: unknown; responseCode?: unknown; command?: unknown };
  const tags = [e.code, e.responseCode, e.command].filter((v) => typeof v === "string" || typeof v === "number");
  return redactSecrets(`${e.name}${tags.length ? ` [${tags.join(" ")}]` : ""}: ${e.message}`).slice(0, 500);
}

type Outcome =
  | { kind: "sent"; row: ClaimedEmail }
  | { kind: "skipped"; row: ClaimedEmail; reason: string }
  | { kind: "error"; row: ClaimedEmail; error: string; permanent: boolean };

async function attempt(row: ClaimedEmail, now: Date): Promise<Outcome> {
  try {
    const composed = await compose(row, now);
    if ("skip" in composed) return { kind: "skipped", row, reason: composed.skip };
    await sendEmail(composed.mail);
    return { kind: "sent", row };
  } catch (err) {
    return { kind: "error", row, error: describeError(err), permanent: err instanceof PermanentEmailError };
  }
}

/**
 * Delivers due emails: claims them in batches of `limit` (FOR UPDATE SKIP
 * LOCKED + lease), sends `concurrency` at a time, marks each group as soon as
 * it is done. Loops until nothing is due or `maxBatches`.
 */
export async function deliverOutbox(options: DeliverOutboxOptions): Promise<DeliverOutboxResult> {
  const { now } = options;
  const limit = Math.max(1, Math.min(1000, Math.floor(options.limit ?? 100)));
  const maxBatches = Math.max(1, Math.floor(options.maxBatches ?? 20));
  const concurrency = Math.max(1, Math.min(20, Math.floor(options.concurrency ?? 5)));
  const result: DeliverOutboxResult = { sent: 0, retried: 0, failed: 0, skipped: 0 };

  for (let batch = 0; batch < maxBatches; batch++) {
    const claimed = await claimDueEmails({ now, limit, ids: options.ids });
    if (claimed.length === 0) break;
    const claimedAt = performance.now();
    let outOfTime = false;

    for (let i = 0; i < claimed.length; i += concurrency) {
      if (performance.now() - claimedAt > OUTBOX_LEASE_MS - LEASE_MARGIN_MS) {
        // Give the rest back rather than send past the lease (another runner may claim them then).
        await releaseEmails(claimed.slice(i), now);
        log.warn("outbox: lease nearly over, remaining emails released", { released: claimed.length - i });
        outOfTime = true;
        break;
      }
      const outcomes = await Promise.all(claimed.slice(i, i + concurrency).map((row) => attempt(row, now)));
      const sentIds = outcomes.filter((o) => o.kind === "sent").map((o) => o.row.id);
      result.sent += await markEmailsSent(sentIds, now);
      const skipped = outcomes.flatMap((o) => (o.kind === "skipped" ? [{ id: o.row.id, attempts: o.row.attempts, reason: o.reason }] : []));
      result.skipped += await markEmailsSkipped(skipped);
      const failures: AttemptFailure[] = outcomes.flatMap((o) =>
        o.kind === "error" ? [{ id: o.row.id, attempts: o.row.attempts, error: o.error, permanent: o.permanent }] : [],
      );
      if (failures.length > 0) {
        const marked = await markEmailsFailed(failures, now);
        result.retried += marked.retried;
        result.failed += marked.failed;
        for (const f of failures) {
          const row = claimed.find((c) => c.id === f.id);
          log.warn("outbox: email not sent", { outboxId: f.id, template: row?.template, attempts: f.attempts, permanent: f.permanent, error: f.error });
        }
      }
    }
    if (outOfTime || claimed.length < limit) break;
  }

  if (result.sent + result.retried + result.failed + result.skipped > 0) log.info("outbox: delivery pass", { ...result });
  return result;
}
