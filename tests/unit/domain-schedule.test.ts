import { describe, it, expect } from 'vitest';

import { openStatus, openingIntervals, upcomingClosures, weekHours } from '../../lib/domain/schedule';
import type { Interval, Schedule, WeeklyHours } from '../../lib/domain/types';

const TZ = 'Europe/Paris';
const H = 60;

const everyDay = (opensAt: number, closesAt: number): WeeklyHours[] =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt, closesAt }));

const schedule = (over: Partial<Schedule> = {}): Schedule => ({
  timeZone: TZ,
  weekly: [],
  special: [],
  closures: [],
  ...over,
});

/** Monday–Saturday 08:00–22:00, closed on Sunday. */
const monSat = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opensAt: 8 * H, closesAt: 22 * H }));

const isoIntervals = (xs: Interval[]) => xs.map((i) => [i.start.toISOString(), i.end.toISOString()]);
const hours = (i: Interval) => (i.end.getTime() - i.start.getTime()) / 3_600_000;

describe('openingIntervals', () => {
  it('converts weekly hours with the offset of the day', () => {
    const s = schedule({ weekly: monSat });
    expect(isoIntervals(openingIntervals(s, '2026-03-10'))).toEqual([
      ['2026-03-10T07:00:00.000Z', '2026-03-10T21:00:00.000Z'],
    ]);
    expect(isoIntervals(openingIntervals(s, '2026-07-14'))).toEqual([
      ['2026-07-14T06:00:00.000Z', '2026-07-14T20:00:00.000Z'],
    ]);
    expect(openingIntervals(s, '2026-03-15')).toEqual([]); // Sunday
  });

  it('a library open 00:00–24:00 is open 23 h on 2026-03-29 and 25 h on 2026-10-25', () => {
    const s = schedule({ weekly: everyDay(0, 24 * H) });
    const march = openingIntervals(s, '2026-03-29');
    expect(isoIntervals(march)).toEqual([['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']]);
    expect(hours(march[0]!)).toBe(23);
    const october = openingIntervals(s, '2026-10-25');
    expect(isoIntervals(october)).toEqual([['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z']]);
    expect(hours(october[0]!)).toBe(25);
  });

  it('08:00–22:00 keeps 14 h on DST days, only the instants move', () => {
    const s = schedule({ weekly: everyDay(8 * H, 22 * H) });
    expect(isoIntervals(openingIntervals(s, '2026-03-28'))).toEqual([
      ['2026-03-28T07:00:00.000Z', '2026-03-28T21:00:00.000Z'],
    ]);
    expect(isoIntervals(openingIntervals(s, '2026-03-29'))).toEqual([
      ['2026-03-29T06:00:00.000Z', '2026-03-29T20:00:00.000Z'],
    ]);
    expect(isoIntervals(openingIntervals(s, '2026-10-25'))).toEqual([
      ['2026-10-25T07:00:00.000Z', '2026-10-25T21:00:00.000Z'],
    ]);
  });

  it('merges and sorts several weekly entries of the same day', () => {
    const s = schedule({
      weekly: [
        { weekday: 2, opensAt: 14 * H, closesAt: 18 * H },
        { weekday: 2, opensAt: 9 * H, closesAt: 12 * H },
        { weekday: 2, opensAt: 12 * H, closesAt: 13 * H }, // touches 09–12 → merged
        { weekday: 2, opensAt: 20 * H, closesAt: 20 * H }, // empty → dropped
      ],
    });
    expect(isoIntervals(openingIntervals(s, '2026-03-10'))).toEqual([
      ['2026-03-10T08:00:00.000Z', '2026-03-10T12:00:00.000Z'],
      ['2026-03-10T13:00:00.000Z', '2026-03-10T17:00:00.000Z'],
    ]);
  });

  it('special hours replace the weekly hours of that date only', () => {
    const s = schedule({
      weekly: monSat,
      special: [
        { date: '2026-03-12', opensAt: 10 * H, closesAt: 14 * H, reason: 'Journée pédagogique' },
        { date: '2026-03-13', opensAt: 0, closesAt: 0, reason: 'Pont' },
        { date: '2026-03-15', opensAt: 13 * H, closesAt: 18 * H, reason: 'Dimanche des examens' },
      ],
    });
    expect(isoIntervals(openingIntervals(s, '2026-03-12'))).toEqual([
      ['2026-03-12T09:00:00.000Z', '2026-03-12T13:00:00.000Z'],
    ]);
    expect(openingIntervals(s, '2026-03-13')).toEqual([]);
    expect(isoIntervals(openingIntervals(s, '2026-03-15'))).toEqual([
      ['2026-03-15T12:00:00.000Z', '2026-03-15T17:00:00.000Z'],
    ]);
    expect(isoIntervals(openingIntervals(s, '2026-03-11'))).toEqual([
      ['2026-03-11T07:00:00.000Z', '2026-03-11T21:00:00.000Z'],
    ]);
  });

  it('cuts closures out, over part of a day or several days', () => {
    const s = schedule({
      weekly: monSat,
      closures: [
        { startsAt: new Date('2026-03-13T12:00:00.000Z'), endsAt: new Date('2026-03-13T14:00:00.000Z'), reason: 'Exercice incendie' },
        { startsAt: new Date('2026-03-16T11:00:00.000Z'), endsAt: new Date('2026-03-18T10:00:00.000Z'), reason: 'Travaux' },
      ],
    });
    expect(isoIntervals(openingIntervals(s, '2026-03-13'))).toEqual([
      ['2026-03-13T07:00:00.000Z', '2026-03-13T12:00:00.000Z'],
      ['2026-03-13T14:00:00.000Z', '2026-03-13T21:00:00.000Z'],
    ]);
    expect(isoIntervals(openingIntervals(s, '2026-03-16'))).toEqual([
      ['2026-03-16T07:00:00.000Z', '2026-03-16T11:00:00.000Z'],
    ]);
    expect(openingIntervals(s, '2026-03-17')).toEqual([]);
    expect(isoIntervals(openingIntervals(s, '2026-03-18'))).toEqual([
      ['2026-03-18T10:00:00.000Z', '2026-03-18T21:00:00.000Z'],
    ]);
  });
});

describe('openStatus', () => {
  const s = schedule({
    weekly: monSat,
    closures: [
      { startsAt: new Date('2026-03-13T12:00:00.000Z'), endsAt: new Date('2026-03-13T14:00:00.000Z'), reason: 'Exercice incendie' },
    ],
  });

  it('open now, until closing time', () => {
    expect(openStatus(s, new Date('2026-03-10T10:00:00.000Z'))).toEqual({
      open: true,
      until: new Date('2026-03-10T21:00:00.000Z'),
    });
    // Opening instant itself is open (half-open intervals)…
    expect(openStatus(s, new Date('2026-03-10T07:00:00.000Z')).open).toBe(true);
  });

  it('closed: next opening, skipping a closed Sunday', () => {
    // …and closing instant is closed.
    expect(openStatus(s, new Date('2026-03-10T21:00:00.000Z'))).toEqual({
      open: false,
      nextOpening: new Date('2026-03-11T07:00:00.000Z'),
    });
    // Saturday 22:30 → Monday 08:00.
    expect(openStatus(s, new Date('2026-03-14T21:30:00.000Z'))).toEqual({
      open: false,
      nextOpening: new Date('2026-03-16T07:00:00.000Z'),
    });
    // Before opening, same day.
    expect(openStatus(s, new Date('2026-03-10T05:00:00.000Z'))).toEqual({
      open: false,
      nextOpening: new Date('2026-03-10T07:00:00.000Z'),
    });
  });

  it('takes closures into account', () => {
    expect(openStatus(s, new Date('2026-03-13T11:00:00.000Z'))).toEqual({
      open: true,
      until: new Date('2026-03-13T12:00:00.000Z'),
    });
    expect(openStatus(s, new Date('2026-03-13T12:30:00.000Z'))).toEqual({
      open: false,
      nextOpening: new Date('2026-03-13T14:00:00.000Z'),
    });
  });

  it('merges an opening until 24:00 with the next day opening at 00:00', () => {
    const late = schedule({
      weekly: [
        { weekday: 2, opensAt: 8 * H, closesAt: 24 * H },
        { weekday: 3, opensAt: 0, closesAt: 2 * H },
        { weekday: 3, opensAt: 8 * H, closesAt: 22 * H },
      ],
    });
    // Tuesday 23:00 local → open until Wednesday 02:00 local.
    expect(openStatus(late, new Date('2026-03-10T22:00:00.000Z'))).toEqual({
      open: true,
      until: new Date('2026-03-11T01:00:00.000Z'),
    });
    // Wednesday 03:00 local → next opening Wednesday 08:00.
    expect(openStatus(late, new Date('2026-03-11T02:00:00.000Z'))).toEqual({
      open: false,
      nextOpening: new Date('2026-03-11T07:00:00.000Z'),
    });
  });

  it('no opening within 14 days, and open around the clock', () => {
    const never = schedule({
      weekly: monSat,
      closures: [
        { startsAt: new Date('2026-07-01T00:00:00.000Z'), endsAt: new Date('2026-08-31T00:00:00.000Z'), reason: 'Fermeture estivale' },
      ],
    });
    expect(openStatus(never, new Date('2026-07-10T10:00:00.000Z'))).toEqual({ open: false });
    // Next opening exactly 14 local days ahead is still found.
    expect(openStatus(never, new Date('2026-08-17T10:00:00.000Z'))).toEqual({
      open: false,
      nextOpening: new Date('2026-08-31T06:00:00.000Z'),
    });

    const allTheTime = schedule({ weekly: everyDay(0, 24 * H) });
    expect(openStatus(allTheTime, new Date('2026-03-29T01:30:00.000Z'))).toEqual({ open: true });
  });
});

describe('weekHours', () => {
  it('lists 7 days with special-hours and closure reasons', () => {
    const s = schedule({
      weekly: monSat,
      special: [{ date: '2026-03-19', opensAt: 10 * H, closesAt: 14 * H, reason: 'Journée pédagogique' }],
      closures: [
        { startsAt: new Date('2026-03-16T11:00:00.000Z'), endsAt: new Date('2026-03-18T10:00:00.000Z'), reason: 'Travaux' },
        // Only over a Sunday, when the library is closed anyway: not shown.
        { startsAt: new Date('2026-03-22T08:00:00.000Z'), endsAt: new Date('2026-03-22T10:00:00.000Z'), reason: 'Coupure électrique' },
      ],
    });
    const week = weekHours(s, '2026-03-16');
    expect(week.map((d) => d.date)).toEqual([
      '2026-03-16', '2026-03-17', '2026-03-18', '2026-03-19', '2026-03-20', '2026-03-21', '2026-03-22',
    ]);
    expect(week.map((d) => isoIntervals(d.intervals))).toEqual([
      [['2026-03-16T07:00:00.000Z', '2026-03-16T11:00:00.000Z']],
      [],
      [['2026-03-18T10:00:00.000Z', '2026-03-18T21:00:00.000Z']],
      [['2026-03-19T09:00:00.000Z', '2026-03-19T13:00:00.000Z']],
      [['2026-03-20T07:00:00.000Z', '2026-03-20T21:00:00.000Z']],
      [['2026-03-21T07:00:00.000Z', '2026-03-21T21:00:00.000Z']],
      [],
    ]);
    expect(week.map((d) => d.closedReason)).toEqual(['Travaux', 'Travaux', 'Travaux', undefined, undefined, undefined, undefined]);
    expect(week.map((d) => d.special)).toEqual([undefined, undefined, undefined, 'Journée pédagogique', undefined, undefined, undefined]);
  });

  it('spans the DST change with the right instants', () => {
    const week = weekHours(schedule({ weekly: everyDay(8 * H, 22 * H) }), '2026-03-27');
    expect(week.map((d) => d.intervals[0]!.start.toISOString())).toEqual([
      '2026-03-27T07:00:00.000Z',
      '2026-03-28T07:00:00.000Z',
      '2026-03-29T06:00:00.000Z',
      '2026-03-30T06:00:00.000Z',
      '2026-03-31T06:00:00.000Z',
      '2026-04-01T06:00:00.000Z',
      '2026-04-02T06:00:00.000Z',
    ]);
  });
});

describe('upcomingClosures', () => {
  it('keeps closures ending after now, sorted by start', () => {
    const later = { startsAt: new Date('2026-05-01T00:00:00.000Z'), endsAt: new Date('2026-05-02T00:00:00.000Z'), reason: 'Fête du travail' };
    const ongoing = { startsAt: new Date('2026-03-09T00:00:00.000Z'), endsAt: new Date('2026-03-12T00:00:00.000Z'), reason: 'Travaux' };
    const past = { startsAt: new Date('2026-03-01T00:00:00.000Z'), endsAt: new Date('2026-03-10T10:00:00.000Z'), reason: 'Inventaire' };
    const soon = { startsAt: new Date('2026-03-20T00:00:00.000Z'), endsAt: new Date('2026-03-21T00:00:00.000Z'), reason: 'Grève' };
    const s = schedule({ closures: [later, ongoing, past, soon] });
    // `past` ends exactly at now: over.
    expect(upcomingClosures(s, new Date('2026-03-10T10:00:00.000Z')).map((c) => c.reason)).toEqual([
      'Travaux',
      'Grève',
      'Fête du travail',
    ]);
  });
});
