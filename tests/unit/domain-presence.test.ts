import { describe, expect, it } from "vitest";
import { decidePresence, presenceDay, presenceWindow, tooEarlyMessage, type PresenceReservation } from "@/lib/domain/presence";
import type { ReservationStatus } from "@/lib/domain/reservation-state";

const TZ = "Europe/Paris";
const WINDOWS = { validationOpensBeforeMinutes: 15, validationWindowMinutes: 20 };
const MIN = 60_000;
const at = (iso: string) => new Date(iso);
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MIN);

function res(id: string, status: ReservationStatus, startIso: string, hours = 2): PresenceReservation {
  const startsAt = at(startIso);
  return { id, status, startsAt, endsAt: plus(startsAt, hours * 60) };
}

const decide = (now: Date, reservations: PresenceReservation[]) => decidePresence({ now, windows: WINDOWS, reservations });

describe("decidePresence — the window of one confirmed reservation", () => {
  // 14:00 Paris (CEST, +02:00) on 2026-06-10.
  const r = res("r1", "CONFIRMED", "2026-06-10T12:00:00.000Z");

  it("refuses 16 minutes before the start and says when to come back", () => {
    const d = decide(plus(r.startsAt, -16), [r]);
    expect(d).toEqual({ outcome: "too_early", reservation: r, opensAt: at("2026-06-10T11:45:00.000Z") });
    if (d.outcome !== "too_early") throw new Error("unreachable");
    expect(tooEarlyMessage(d.opensAt, TZ)).toBe("Il est trop tôt pour valider votre présence : revenez à partir de 13 h 45.");
  });

  it("accepts from 15 minutes before the start (inclusive) to 20 minutes after (exclusive)", () => {
    expect(decide(plus(r.startsAt, -15), [r]).outcome).toBe("validated");
    expect(decide(plus(r.startsAt, -14), [r]).outcome).toBe("validated");
    expect(decide(plus(r.startsAt, 19), [r]).outcome).toBe("validated");
    expect(decide(plus(r.startsAt, 20), [r]).outcome).toBe("too_late");
    expect(decide(plus(r.startsAt, 21), [r]).outcome).toBe("too_late");
  });

  it("uses the library's own windows", () => {
    const windows = { validationOpensBeforeMinutes: 5, validationWindowMinutes: 10 };
    expect(decidePresence({ now: plus(r.startsAt, -6), windows, reservations: [r] }).outcome).toBe("too_early");
    expect(decidePresence({ now: plus(r.startsAt, -5), windows, reservations: [r] }).outcome).toBe("validated");
    expect(decidePresence({ now: plus(r.startsAt, 10), windows, reservations: [r] }).outcome).toBe("too_late");
  });

  it("closes at the stored validation deadline when there is one (what the background pass enforces)", () => {
    const stored = { ...r, validationDeadline: plus(r.startsAt, 10) };
    expect(presenceWindow(stored, WINDOWS).closesAt).toEqual(plus(r.startsAt, 10));
    expect(decide(plus(r.startsAt, 9), [stored]).outcome).toBe("validated");
    expect(decide(plus(r.startsAt, 11), [stored]).outcome).toBe("too_late");
  });
});

describe("decidePresence — statuses", () => {
  const start = "2026-06-10T12:00:00.000Z";
  const now = plus(at(start), 5);

  it("answers already_validated for a validated reservation not yet ended", () => {
    const v = res("v", "VALIDATED", start);
    expect(decide(now, [v])).toEqual({ outcome: "already_validated", reservation: v });
    expect(decide(plus(v.endsAt, 1), [v]).outcome).toBe("no_reservation");
  });

  it("answers too_late for a no-show", () => {
    const n = res("n", "NO_SHOW", start);
    expect(decide(plus(at(start), 30), [n])).toEqual({ outcome: "too_late", reservation: n });
  });

  it("answers not_confirmed for a pending reservation in its window", () => {
    const p = res("p", "PENDING", start);
    expect(decide(now, [p])).toEqual({ outcome: "not_confirmed", reservation: p });
  });

  it("ignores cancelled and expired reservations", () => {
    expect(decide(now, [res("c", "CANCELLED", start), res("e", "EXPIRED", start)])).toEqual({ outcome: "no_reservation" });
    expect(decide(now, [])).toEqual({ outcome: "no_reservation" });
  });
});

describe("decidePresence — several reservations the same day", () => {
  const morning = res("morning", "CONFIRMED", "2026-06-10T07:00:00.000Z"); // 9 h – 11 h
  const afternoon = res("afternoon", "CONFIRMED", "2026-06-10T12:00:00.000Z"); // 14 h – 16 h

  it("validates the current one, whatever the order given", () => {
    expect(decide(at("2026-06-10T12:05:00.000Z"), [afternoon, morning])).toEqual({ outcome: "validated", reservation: afternoon });
    expect(decide(at("2026-06-10T07:05:00.000Z"), [afternoon, morning])).toEqual({ outcome: "validated", reservation: morning });
  });

  it("between the two, the next upcoming one decides too_early, even when the morning one was lost", () => {
    const d = decide(at("2026-06-10T09:00:00.000Z"), [morning, afternoon]);
    expect(d).toEqual({ outcome: "too_early", reservation: afternoon, opensAt: at("2026-06-10T11:45:00.000Z") });
    const noShow = { ...morning, status: "NO_SHOW" as const };
    expect(decide(at("2026-06-10T09:00:00.000Z"), [noShow, afternoon]).outcome).toBe("too_early");
  });

  it("a validated reservation in progress wins over an upcoming one", () => {
    const v = { ...morning, status: "VALIDATED" as const };
    expect(decide(at("2026-06-10T08:00:00.000Z"), [v, afternoon])).toEqual({ outcome: "already_validated", reservation: v });
  });

  it("after the last one's deadline, too_late names the latest lost reservation", () => {
    const d = decide(at("2026-06-10T12:30:00.000Z"), [morning, afternoon]);
    expect(d).toEqual({ outcome: "too_late", reservation: afternoon });
  });

  it("back-to-back reservations: the one whose window is open is validated", () => {
    const first = res("first", "CONFIRMED", "2026-06-10T12:00:00.000Z", 1); // 14 h – 15 h
    const second = res("second", "CONFIRMED", "2026-06-10T13:00:00.000Z", 1); // 15 h – 16 h
    expect(decide(at("2026-06-10T12:50:00.000Z"), [first, second])).toEqual({ outcome: "validated", reservation: second });
  });
});

describe("decidePresence — daylight saving time in Europe/Paris", () => {
  it("spring forward (2026-03-29): the window opens 15 elapsed minutes before, shown in local time", () => {
    // 03:00 CEST = 01:00Z; 15 minutes earlier is 00:45Z = 01:45 CET (02:45 does not exist that day).
    const r = res("r", "CONFIRMED", "2026-03-29T01:00:00.000Z");
    const d = decide(at("2026-03-29T00:40:00.000Z"), [r]);
    expect(d).toEqual({ outcome: "too_early", reservation: r, opensAt: at("2026-03-29T00:45:00.000Z") });
    expect(tooEarlyMessage(at("2026-03-29T00:45:00.000Z"), TZ)).toBe("Il est trop tôt pour valider votre présence : revenez à partir de 1 h 45.");
    expect(decide(at("2026-03-29T00:45:00.000Z"), [r]).outcome).toBe("validated");
    expect(decide(at("2026-03-29T01:19:00.000Z"), [r]).outcome).toBe("validated");
    expect(decide(at("2026-03-29T01:21:00.000Z"), [r]).outcome).toBe("too_late");
  });

  it("fall back (2026-10-25): 9 h CET is 08:00Z, the window opens at 8 h 45", () => {
    const r = res("r", "CONFIRMED", "2026-10-25T08:00:00.000Z");
    const d = decide(at("2026-10-25T07:44:00.000Z"), [r]);
    expect(d.outcome).toBe("too_early");
    if (d.outcome !== "too_early") throw new Error("unreachable");
    expect(d.opensAt).toEqual(at("2026-10-25T07:45:00.000Z"));
    expect(tooEarlyMessage(d.opensAt, TZ)).toContain("revenez à partir de 8 h 45.");
  });

  it("presenceDay spans 23 hours on the spring-forward day and 25 on the fall-back day", () => {
    const spring = presenceDay(at("2026-03-29T10:00:00.000Z"), TZ);
    expect(spring).toEqual({ from: at("2026-03-28T23:00:00.000Z"), to: at("2026-03-29T22:00:00.000Z") });
    const fall = presenceDay(at("2026-10-25T10:00:00.000Z"), TZ);
    expect(fall).toEqual({ from: at("2026-10-24T22:00:00.000Z"), to: at("2026-10-25T23:00:00.000Z") });
    // 00:30 local on the 11th is still the 10th in UTC: the day is the library's.
    expect(presenceDay(at("2026-06-10T22:30:00.000Z"), TZ).from).toEqual(at("2026-06-10T22:00:00.000Z"));
  });
});
