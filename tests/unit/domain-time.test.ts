import { describe, it, expect } from 'vitest';

import {
  addDays,
  formatDateFr,
  formatTime,
  formatTimeFr,
  isoWeekday,
  isValidLocalDate,
  localDateOf,
  startOfLocalDay,
  wallMinutesOf,
  zonedInstant,
} from '../../lib/domain/time';

const TZ = 'Europe/Paris';
const iso = (d: Date) => d.toISOString();

describe('localDateOf / wallMinutesOf', () => {
  it('reads the local date in the library zone, not UTC nor the host zone', () => {
    // 23:30Z on the 10th is 00:30 on the 11th in Paris (CET, +01:00).
    expect(localDateOf(new Date('2026-03-10T23:30:00.000Z'), TZ)).toBe('2026-03-11');
    expect(wallMinutesOf(new Date('2026-03-10T23:30:00.000Z'), TZ)).toBe(30);
    expect(localDateOf(new Date('2026-03-10T22:59:00.000Z'), TZ)).toBe('2026-03-10');
    expect(wallMinutesOf(new Date('2026-03-10T22:59:00.000Z'), TZ)).toBe(23 * 60 + 59);
  });

  it('returns the wall-clock reading on DST days', () => {
    // 2026-03-29: 01:00Z is 03:00 CEST (02:00–03:00 does not exist).
    expect(wallMinutesOf(new Date('2026-03-29T00:59:00.000Z'), TZ)).toBe(60 + 59);
    expect(wallMinutesOf(new Date('2026-03-29T01:00:00.000Z'), TZ)).toBe(180);
    // 2026-10-25: 00:30Z and 01:30Z both read 02:30.
    expect(wallMinutesOf(new Date('2026-10-25T00:30:00.000Z'), TZ)).toBe(150);
    expect(wallMinutesOf(new Date('2026-10-25T01:30:00.000Z'), TZ)).toBe(150);
  });
});

describe('calendar helpers', () => {
  it('isoWeekday: 1 = Monday … 7 = Sunday', () => {
    expect(isoWeekday('2026-03-29')).toBe(7);
    expect(isoWeekday('2026-03-30')).toBe(1);
    expect(isoWeekday('2026-12-07')).toBe(1);
    expect(isoWeekday('2026-03-28')).toBe(6);
  });

  it('addDays crosses months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-03-10', 0)).toBe('2026-03-10');
  });

  it('isValidLocalDate is strict', () => {
    expect(isValidLocalDate('2026-03-10')).toBe(true);
    expect(isValidLocalDate('2028-02-29')).toBe(true);
    expect(isValidLocalDate('2026-02-29')).toBe(false);
    expect(isValidLocalDate('2026-02-30')).toBe(false);
    expect(isValidLocalDate('2026-13-01')).toBe(false);
    expect(isValidLocalDate('2026-00-10')).toBe(false);
    expect(isValidLocalDate('2026-04-31')).toBe(false);
    expect(isValidLocalDate('2026-1-01')).toBe(false);
    expect(isValidLocalDate(' 2026-01-01')).toBe(false);
    expect(isValidLocalDate('2026-01-01T00:00')).toBe(false);
    expect(isValidLocalDate('')).toBe(false);
  });
});

describe('zonedInstant', () => {
  it('converts ordinary wall times (winter and summer offsets)', () => {
    expect(iso(zonedInstant('2026-03-10', 8 * 60, TZ))).toBe('2026-03-10T07:00:00.000Z');
    expect(iso(zonedInstant('2026-07-14', 8 * 60 + 30, TZ))).toBe('2026-07-14T06:30:00.000Z');
    expect(iso(zonedInstant('2026-03-10', 0, TZ))).toBe('2026-03-09T23:00:00.000Z');
  });

  it('treats 1440 as the next local midnight', () => {
    expect(iso(zonedInstant('2026-03-29', 1440, TZ))).toBe('2026-03-29T22:00:00.000Z');
    expect(iso(zonedInstant('2026-10-25', 1440, TZ))).toBe('2026-10-25T23:00:00.000Z');
    expect(iso(zonedInstant('2026-12-31', 1440, TZ))).toBe('2026-12-31T23:00:00.000Z');
  });

  it('shifts a non-existent wall time forward by the gap (2026-03-29)', () => {
    expect(iso(zonedInstant('2026-03-29', 60 + 59, TZ))).toBe('2026-03-29T00:59:00.000Z'); // 01:59 CET
    expect(iso(zonedInstant('2026-03-29', 120, TZ))).toBe('2026-03-29T01:00:00.000Z'); // 02:00 → 03:00 CEST
    expect(iso(zonedInstant('2026-03-29', 150, TZ))).toBe('2026-03-29T01:30:00.000Z'); // 02:30 → 03:30 CEST
    expect(iso(zonedInstant('2026-03-29', 180, TZ))).toBe('2026-03-29T01:00:00.000Z'); // 03:00 CEST
  });

  it('resolves an ambiguous wall time to the earlier instant (2026-10-25)', () => {
    expect(iso(zonedInstant('2026-10-25', 120, TZ))).toBe('2026-10-25T00:00:00.000Z'); // 02:00 CEST
    expect(iso(zonedInstant('2026-10-25', 150, TZ))).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
    expect(iso(zonedInstant('2026-10-25', 180, TZ))).toBe('2026-10-25T02:00:00.000Z'); // 03:00 CET
  });

  it('rejects malformed dates and unknown zones', () => {
    expect(() => zonedInstant('2026-02-30', 0, TZ)).toThrow(RangeError);
    expect(() => zonedInstant('2026-03-10', 0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('startOfLocalDay', () => {
    expect(iso(startOfLocalDay('2026-10-25', TZ))).toBe('2026-10-24T22:00:00.000Z');
    expect(iso(startOfLocalDay('2026-03-29', TZ))).toBe('2026-03-28T23:00:00.000Z');
    // 23:30Z on 2026-10-25 is 00:30 CET on the 26th.
    expect(iso(startOfLocalDay(new Date('2026-10-25T23:30:00.000Z'), TZ))).toBe('2026-10-25T23:00:00.000Z');
  });
});

describe('formatting', () => {
  it('formatTime gives HH:mm', () => {
    expect(formatTime(new Date('2026-03-10T13:30:00.000Z'), TZ)).toBe('14:30');
    expect(formatTime(new Date('2026-03-10T08:05:00.000Z'), TZ)).toBe('09:05');
    expect(formatTime(new Date('2026-03-10T23:00:00.000Z'), TZ)).toBe('00:00');
  });

  it('formatTimeFr gives the French style', () => {
    expect(formatTimeFr(new Date('2026-03-10T13:30:00.000Z'), TZ)).toBe('14 h 30');
    expect(formatTimeFr(new Date('2026-03-10T13:00:00.000Z'), TZ)).toBe('14 h');
    expect(formatTimeFr(new Date('2026-03-10T08:05:00.000Z'), TZ)).toBe('9 h 05');
  });

  it('formatDateFr formats a LocalDate or an instant read in the zone', () => {
    expect(formatDateFr('2026-12-07', TZ)).toBe('lundi 7 décembre 2026');
    expect(formatDateFr('2026-12-01', TZ)).toBe('mardi 1er décembre 2026');
    // 23:30Z on Sunday 6 December is already Monday 7 in Paris.
    expect(formatDateFr(new Date('2026-12-06T23:30:00.000Z'), TZ)).toBe('lundi 7 décembre 2026');
  });
});

describe("formatPeriodFr", () => {
  const tz = "Europe/Paris";
  it("names a whole local day, several whole days, or hours", async () => {
    const { formatPeriodFr } = await import("../../lib/domain/time");
    expect(formatPeriodFr(new Date("2026-12-11T23:00:00Z"), new Date("2026-12-12T23:00:00Z"), tz)).toBe("samedi 12 décembre 2026 (toute la journée)");
    expect(formatPeriodFr(new Date("2026-12-11T23:00:00Z"), new Date("2026-12-13T23:00:00Z"), tz)).toBe(
      "du samedi 12 décembre 2026 au dimanche 13 décembre 2026 inclus",
    );
    expect(formatPeriodFr(new Date("2026-12-12T13:00:00Z"), new Date("2026-12-12T16:30:00Z"), tz)).toBe(
      "samedi 12 décembre 2026, de 14 h à 17 h 30",
    );
    // The day of the October change has 25 hours: still "one whole day".
    expect(formatPeriodFr(new Date("2026-10-24T22:00:00Z"), new Date("2026-10-25T23:00:00Z"), tz)).toBe("dimanche 25 octobre 2026 (toute la journée)");
  });
});
