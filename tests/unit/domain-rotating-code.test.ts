import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, CODE_LENGTH } from "@/lib/domain/establishment-code";
import {
  ROTATING_CODE_PERIOD_MS,
  acceptedRotatingCodes,
  currentRotatingCode,
  isAcceptedRotatingCode,
  rotatingCodeOfPeriod,
} from "@/lib/domain/rotating-code";

const SECRET = "a".repeat(64);
const T0 = new Date("2026-06-10T12:02:30.000Z"); // inside a 5-minute period starting 12:00
const shape = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

describe("rotating establishment codes", () => {
  it("are 6 characters of the establishment-code alphabet, stable within a period", () => {
    const a = currentRotatingCode(SECRET, T0);
    expect(a.code).toMatch(shape);
    expect(currentRotatingCode(SECRET, new Date("2026-06-10T12:00:00.000Z")).code).toBe(a.code);
    expect(currentRotatingCode(SECRET, new Date("2026-06-10T12:04:59.999Z")).code).toBe(a.code);
    expect(a.validFrom).toEqual(new Date("2026-06-10T12:00:00.000Z"));
    expect(a.expiresAt).toEqual(new Date("2026-06-10T12:05:00.000Z"));
    expect(a.acceptedUntil).toEqual(new Date("2026-06-10T12:10:00.000Z"));
    expect(ROTATING_CODE_PERIOD_MS).toBe(300_000);
  });

  it("change from one period to the next and differ between libraries", () => {
    const codes = new Set(Array.from({ length: 50 }, (_, i) => rotatingCodeOfPeriod(SECRET, 1000 + i)));
    expect(codes.size).toBeGreaterThan(45);
    expect(rotatingCodeOfPeriod("b".repeat(64), 1000)).not.toBe(rotatingCodeOfPeriod(SECRET, 1000));
    for (const c of codes) expect(c).toMatch(shape);
  });

  it("accept the current and the previous period's code, refuse older and future ones", () => {
    const now = T0;
    const current = currentRotatingCode(SECRET, now).code;
    const previous = currentRotatingCode(SECRET, new Date(now.getTime() - ROTATING_CODE_PERIOD_MS)).code;
    const older = currentRotatingCode(SECRET, new Date(now.getTime() - 2 * ROTATING_CODE_PERIOD_MS)).code;
    const next = currentRotatingCode(SECRET, new Date(now.getTime() + ROTATING_CODE_PERIOD_MS)).code;
    expect(acceptedRotatingCodes(SECRET, now)).toEqual([current, previous]);
    expect(isAcceptedRotatingCode(SECRET, current, now)).toBe(true);
    expect(isAcceptedRotatingCode(SECRET, previous, now)).toBe(true);
    expect(isAcceptedRotatingCode(SECRET, older, now)).toBe(false);
    expect(isAcceptedRotatingCode(SECRET, next, now)).toBe(false);
    expect(isAcceptedRotatingCode(SECRET, "", now)).toBe(false);
    expect(isAcceptedRotatingCode("b".repeat(64), current, now)).toBe(false);
  });

  it("a code shown just before the change is still accepted one period later, not two", () => {
    const shown = currentRotatingCode(SECRET, new Date("2026-06-10T12:04:59.000Z"));
    expect(isAcceptedRotatingCode(SECRET, shown.code, new Date("2026-06-10T12:09:59.999Z"))).toBe(true);
    expect(isAcceptedRotatingCode(SECRET, shown.code, shown.acceptedUntil)).toBe(false);
  });
});
