// Rotating establishment codes, for libraries that show a kiosk screen at the
// entrance instead of (only) the printed poster: a code that changes every
// period, so that a code texted to someone still at home is soon worthless.
//
//   code(period n) = HMAC-SHA256(library.rotatingCodeSecret, "n") mapped onto
//                    the establishment-code alphabet (6 characters)
//
// The code of the current period and of the previous one are accepted (a
// student who scanned just before the change is not refused); older ones are
// not. Pure apart from node:crypto; `now` is a parameter.

import { createHmac, timingSafeEqual } from "node:crypto";
import { CODE_ALPHABET, CODE_LENGTH } from "./establishment-code";

/** How long one rotating code is shown: 5 minutes. */
export const ROTATING_CODE_PERIOD_MS = 5 * 60_000;

export interface RotatingCode {
  code: string;
  /** Index of the period: floor(now / period). */
  period: number;
  /** When this code starts being shown. */
  validFrom: Date;
  /** When the kiosk must show the next code (this one is still accepted for one more period). */
  expiresAt: Date;
  /** When this code stops being accepted. */
  acceptedUntil: Date;
}

/** The code of period `period`, deterministic for a given secret. */
export function rotatingCodeOfPeriod(secret: string, period: number): string {
  if (!secret) throw new RangeError("rotating code secret is empty");
  // Rejection sampling keeps every character equally likely; a second HMAC
  // round supplies more bytes in the (astronomically rare) case 32 are not enough.
  const limit = 256 - (256 % CODE_ALPHABET.length);
  let code = "";
  for (let round = 0; code.length < CODE_LENGTH; round++) {
    const bytes = createHmac("sha256", secret).update(round === 0 ? String(period) : `${period}:${round}`).digest();
    for (const b of bytes) {
      if (b >= limit) continue;
      code += CODE_ALPHABET[b % CODE_ALPHABET.length];
      if (code.length === CODE_LENGTH) break;
    }
  }
  return code;
}

/** The code to show at `now`, with the instant the kiosk should refresh. */
export function currentRotatingCode(secret: string, now: Date, periodMs: number = ROTATING_CODE_PERIOD_MS): RotatingCode {
  const period = Math.floor(now.getTime() / periodMs);
  return {
    code: rotatingCodeOfPeriod(secret, period),
    period,
    validFrom: new Date(period * periodMs),
    expiresAt: new Date((period + 1) * periodMs),
    acceptedUntil: new Date((period + 2) * periodMs),
  };
}

/** The codes accepted at `now`: the current period's, then the previous one's. */
export function acceptedRotatingCodes(secret: string, now: Date, periodMs: number = ROTATING_CODE_PERIOD_MS): string[] {
  const period = Math.floor(now.getTime() / periodMs);
  return [rotatingCodeOfPeriod(secret, period), rotatingCodeOfPeriod(secret, period - 1)];
}

/** Whether a (normalised) typed code is one of the accepted rotating codes; constant-time comparison. */
export function isAcceptedRotatingCode(secret: string, typed: string, now: Date, periodMs: number = ROTATING_CODE_PERIOD_MS): boolean {
  const t = Buffer.from(typed);
  let ok = false;
  for (const code of acceptedRotatingCodes(secret, now, periodMs)) {
    const c = Buffer.from(code);
    if (c.length === t.length && timingSafeEqual(c, t)) ok = true;
  }
  return ok;
}
