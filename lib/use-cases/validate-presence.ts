import "server-only";
// A student at the library validates their presence with the establishment
// code (scanned from the QR code or typed), recognised by their reservation
// link (VIEW token) or by the address they booked with.
//
// Which codes open which library:
//   - a library WITHOUT rotating codes accepts its printed establishment code;
//   - a library WITH rotating codes accepts only the kiosk's current and
//     previous rotating codes — its printed code is refused, otherwise a code
//     texted from the library would still work from home, which is the very
//     thing the option exists to prevent.
//
// What the answer may reveal: nothing about the address until the code was
// right. Every wrong code gets the same `wrong_code` answer, decided before the
// address is looked at. Wrong codes are counted per client (IP) and per
// address; past the limit every attempt is refused (`rate_limited`), even with
// the right code, until the period ends.
import { consumeRateLimit, refundRateLimit } from "@/lib/data/rate-limits";
import {
  findLibraryByStaticCode,
  getReservationEmail,
  listReservationsOfAddress,
  listRotatingCodeLibraries,
  markValidated,
  type PresenceLibrary,
  type PresenceReservationRow,
} from "@/lib/data/presence";
import { findToken } from "@/lib/data/tokens";
import { isValidEmail, normaliseEmail } from "@/lib/domain/email-address";
import { DomainError } from "@/lib/domain/errors";
import { CODE_ALPHABET, CODE_LENGTH, normaliseEstablishmentCode } from "@/lib/domain/establishment-code";
import { decidePresence, presenceDay, type PresenceDecision } from "@/lib/domain/presence";
import { isAcceptedRotatingCode } from "@/lib/domain/rotating-code";
import { TOKEN_PATTERN } from "@/lib/security/tokens";
import { presenceError } from "./presence-errors";

/**
 * Wrong codes allowed per client in 15 minutes. Generous because a whole
 * campus may reach us through one NAT address; the per-address limit is the tight one.
 */
export const WRONG_CODE_LIMIT_PER_CLIENT = { points: 20, durationSeconds: 15 * 60 } as const;
/** Wrong codes allowed per address (typed, or the reservation link's) in 15 minutes. */
export const WRONG_CODE_LIMIT_PER_ADDRESS = { points: 5, durationSeconds: 15 * 60 } as const;
export const WRONG_CODE_CLIENT_LIMIT = "presence-code-client";
export const WRONG_CODE_ADDRESS_LIMIT = "presence-code-address";

export interface ValidatedPresence {
  reservationId: string;
  library: { slug: string; name: string; timeZone: string };
  resource: { label: string; kind: "SEAT" | "GROUP_ROOM"; areaName: string };
  startsAt: Date;
  endsAt: Date;
  validatedAt: Date;
}

export interface ValidatePresenceInput {
  /** As typed or scanned; normalised here. */
  code: string;
  /** The address typed by the student (when not recognised by a reservation link). */
  email?: string;
  /** The raw VIEW token of the student's reservation link (`?suivi=`), which wins over `email`. */
  viewToken?: string;
  now: Date;
  /** Who is asking, for the per-client limit (lib/security/client.ts). */
  clientKey: string;
}

const CODE_RE = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

/** Resolves the library a (normalised) code opens at `now`, or null. */
async function libraryForCode(code: string, now: Date): Promise<PresenceLibrary | null> {
  if (!CODE_RE.test(code)) return null;
  const byStatic = await findLibraryByStaticCode(code);
  if (byStatic) return byStatic;
  for (const l of await listRotatingCodeLibraries()) {
    if (isAcceptedRotatingCode(l.rotatingCodeSecret, code, now)) {
      const { rotatingCodeSecret: _secret, ...library } = l;
      void _secret;
      return library;
    }
  }
  return null;
}

/**
 * The address behind a reservation link (raw VIEW token), for the page to say
 * "recognised" before the student types the code. Read-only. Throws
 * DomainError token_invalid / token_expired.
 */
export async function recognisePresenceLink(input: { viewToken: string; now: Date }): Promise<{ email: string }> {
  const raw = input.viewToken.trim();
  if (!TOKEN_PATTERN.test(raw)) throw new DomainError("token_invalid");
  const token = await findToken(raw, "VIEW");
  if (!token) throw new DomainError("token_invalid");
  if (token.expiresAt <= input.now) throw new DomainError("token_expired");
  const email = await getReservationEmail(token.reservationId);
  if (!email) throw new DomainError("token_invalid");
  return { email };
}

/** Who is validating: the address of the reservation link, else the typed one. */
async function identify(input: ValidatePresenceInput): Promise<string> {
  if (input.viewToken?.trim()) return (await recognisePresenceLink({ viewToken: input.viewToken, now: input.now })).email;
  const email = normaliseEmail(input.email ?? "");
  if (!email) throw new DomainError("invalid_email", "Saisissez l'adresse e-mail avec laquelle vous avez réservé.");
  if (!isValidEmail(email)) throw new DomainError("invalid_email");
  return email;
}

/**
 * Every attempt spends a point of both limits up front — one atomic statement
 * each, so a burst of parallel wrong codes cannot slip past the limit — and an
 * attempt whose code turns out right gets its points back. Past a limit, even
 * the right code is refused.
 */
async function spendAttempt(clientKey: string, email: string): Promise<void> {
  const [client, address] = await Promise.all([
    consumeRateLimit(WRONG_CODE_CLIENT_LIMIT, clientKey, WRONG_CODE_LIMIT_PER_CLIENT),
    consumeRateLimit(WRONG_CODE_ADDRESS_LIMIT, email, WRONG_CODE_LIMIT_PER_ADDRESS),
  ]);
  if (!client.ok || !address.ok) throw new DomainError("rate_limited");
}

async function refundAttempt(clientKey: string, email: string): Promise<void> {
  await Promise.all([
    refundRateLimit(WRONG_CODE_CLIENT_LIMIT, clientKey, WRONG_CODE_LIMIT_PER_CLIENT),
    refundRateLimit(WRONG_CODE_ADDRESS_LIMIT, email, WRONG_CODE_LIMIT_PER_ADDRESS),
  ]);
}

/** What a successful validation answers, for the student or the desk. */
export function toValidated(library: PresenceLibrary, r: PresenceReservationRow, now: Date): ValidatedPresence {
  return {
    reservationId: r.id,
    library: { slug: library.slug, name: library.name, timeZone: library.timeZone },
    resource: r.resource,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    validatedAt: r.validatedAt ?? now,
  };
}

/**
 * Validates the student's current reservation at the library the code opens.
 * Throws DomainError: invalid_email, token_invalid, token_expired,
 * rate_limited, wrong_code, no_reservation, not_confirmed, too_early (message
 * "… revenez à partir de 13 h 45.", details.opensAt), too_late, already_validated.
 */
export async function validatePresence(input: ValidatePresenceInput): Promise<ValidatedPresence> {
  const { now } = input;
  const code = normaliseEstablishmentCode(input.code ?? "").slice(0, 32);
  if (!code) throw new DomainError("wrong_code", "Saisissez le code d'établissement affiché sous le QR code.");
  const email = await identify(input);

  // Limits first: past them, even the right code is refused.
  await spendAttempt(input.clientKey, email);

  const library = await libraryForCode(code, now);
  if (!library) throw new DomainError("wrong_code"); // the attempt stays counted
  await refundAttempt(input.clientKey, email);

  // The code was right: from here on, answers may speak about the address.
  const windows = library;
  const day = presenceDay(now, library.timeZone);
  const reservations = await listReservationsOfAddress({ libraryId: library.id, email, ...day });
  let decision: PresenceDecision<PresenceReservationRow> = decidePresence({ now, windows, reservations });
  if (decision.outcome === "validated") {
    const validated = await markValidated({ id: decision.reservation.id, now, actor: "STUDENT" });
    if (validated) return toValidated(library, validated, now);
    // It changed under us (validated at the desk, marked no-show, cancelled): decide again on fresh rows.
    const fresh = await listReservationsOfAddress({ libraryId: library.id, email, ...day });
    decision = decidePresence({ now, windows, reservations: fresh });
    if (decision.outcome === "validated") throw new DomainError("no_reservation");
  }
  throw presenceError(decision, library.timeZone);
}
