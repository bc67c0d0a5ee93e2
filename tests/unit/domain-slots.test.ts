import { describe, it, expect } from 'vitest';

import {
  availability,
  bookableDates,
  candidateSlots,
  checkBookingPeriod,
  checkDate,
  durationChoices,
  isOnGrid,
} from '../../lib/domain/slots';
import type { AreaGrid, BookingPolicy, Interval, Schedule, WeeklyHours } from '../../lib/domain/types';

const TZ = 'Europe/Paris';
const H = 60;

const everyDay = (opensAt: number, closesAt: number): WeeklyHours[] =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt, closesAt }));
const monSat = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opensAt: 8 * H, closesAt: 22 * H }));

const schedule = (over: Partial<Schedule> = {}): Schedule => ({
  timeZone: TZ,
  weekly: [],
  special: [],
  closures: [],
  ...over,
});

const policy: BookingPolicy = { timeZone: TZ, bookingHorizonDays: 14 };
const hourly: AreaGrid = { slotMinutes: 60, minDurationMinutes: 60, maxDurationMinutes: 240 };
const halfHourly: AreaGrid = { slotMinutes: 30, minDurationMinutes: 60, maxDurationMinutes: 180 };

const starts = (xs: Interval[]) => xs.map((i) => i.start.toISOString());
const d = (s: string) => new Date(s);

describe('bookableDates / checkDate', () => {
  // 23:30Z on Tuesday 10 March is already 00:30 on Wednesday 11 in Paris.
  const now = d('2026-03-10T23:30:00.000Z');
  const week: BookingPolicy = { timeZone: TZ, bookingHorizonDays: 7 };

  it('today (local) through today + horizon, inclusive', () => {
    expect(bookableDates(week, now)).toEqual([
      '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15', '2026-03-16', '2026-03-17', '2026-03-18',
    ]);
    expect(bookableDates({ timeZone: TZ, bookingHorizonDays: 0 }, now)).toEqual(['2026-03-11']);
  });

  it('classifies dates at the boundaries', () => {
    expect(checkDate(week, '2026-03-10', now)).toEqual({ ok: false, reason: 'past' });
    expect(checkDate(week, '2026-03-11', now)).toEqual({ ok: true });
    expect(checkDate(week, '2026-03-18', now)).toEqual({ ok: true });
    expect(checkDate(week, '2026-03-19', now)).toEqual({ ok: false, reason: 'beyond_horizon' });
    expect(checkDate(week, '2026-02-30', now)).toEqual({ ok: false, reason: 'malformed' });
    expect(checkDate(week, '2026-3-12', now)).toEqual({ ok: false, reason: 'malformed' });
    expect(checkDate(week, 'demain', now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('candidateSlots is empty outside the bookable dates', () => {
    const s = schedule({ weekly: monSat });
    expect(candidateSlots(s, hourly, '2026-03-19', 60, now, week)).toEqual([]);
    expect(candidateSlots(s, hourly, '2026-03-10', 60, now, week)).toEqual([]);
    expect(candidateSlots(s, hourly, '2026-02-30', 60, now, week)).toEqual([]);
    const last = candidateSlots(s, hourly, '2026-03-18', 60, now, week);
    expect(last).toHaveLength(14);
    expect(last[0]!.start.toISOString()).toBe('2026-03-18T07:00:00.000Z');
    expect(last[13]!.end.toISOString()).toBe('2026-03-18T21:00:00.000Z');
  });
});

describe('candidateSlots', () => {
  const now = d('2026-03-20T12:00:00.000Z');

  it('steps on the grid inside the opening hours', () => {
    const slots = candidateSlots(schedule({ weekly: monSat }), halfHourly, '2026-03-24', 90, now, policy);
    // 07:00Z … 19:30Z (08:00 … 20:30 local), every 30 min: 26 starts.
    expect(slots).toHaveLength(26);
    expect(slots[0]).toEqual({ start: d('2026-03-24T07:00:00.000Z'), end: d('2026-03-24T08:30:00.000Z') });
    expect(slots[1]!.start.toISOString()).toBe('2026-03-24T07:30:00.000Z');
    expect(slots[25]).toEqual({ start: d('2026-03-24T19:30:00.000Z'), end: d('2026-03-24T21:00:00.000Z') });
  });

  it('2026-03-29, open 24 h: 23 hourly slots, none in the missing 02:00–03:00', () => {
    const slots = candidateSlots(schedule({ weekly: everyDay(0, 24 * H) }), hourly, '2026-03-29', 60, now, policy);
    expect(slots).toHaveLength(23);
    expect(starts(slots).slice(0, 4)).toEqual([
      '2026-03-28T23:00:00.000Z', // 00:00 CET
      '2026-03-29T00:00:00.000Z', // 01:00 CET
      '2026-03-29T01:00:00.000Z', // 03:00 CEST — 02:00 does not exist
      '2026-03-29T02:00:00.000Z', // 04:00 CEST
    ]);
    expect(slots[22]).toEqual({ start: d('2026-03-29T21:00:00.000Z'), end: d('2026-03-29T22:00:00.000Z') });
    // No slot starts at a Paris wall time of 02:xx (checked with Intl, not the code under test).
    const local = slots.map((x) =>
      x.start.toLocaleTimeString('fr-FR', { timeZone: TZ, hour: '2-digit', minute: '2-digit' }),
    );
    expect(local.filter((t) => t.startsWith('02'))).toEqual([]);
  });

  it('2026-10-25, open 24 h: 25 hourly slots, the repeated hour gives distinct instants', () => {
    const slots = candidateSlots(schedule({ weekly: everyDay(0, 24 * H) }), hourly, '2026-10-25', 60, d('2026-10-20T10:00:00.000Z'), policy);
    expect(slots).toHaveLength(25);
    expect(starts(slots).slice(0, 5)).toEqual([
      '2026-10-24T22:00:00.000Z', // 00:00 CEST
      '2026-10-24T23:00:00.000Z', // 01:00 CEST
      '2026-10-25T00:00:00.000Z', // 02:00 CEST
      '2026-10-25T01:00:00.000Z', // 02:00 CET (again)
      '2026-10-25T02:00:00.000Z', // 03:00 CET
    ]);
    expect(new Set(starts(slots)).size).toBe(25);
    expect(slots[24]!.end.toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('a library open 08:00–22:00 has 14 slots on both DST days, only instants shift', () => {
    const s = schedule({ weekly: everyDay(8 * H, 22 * H) });
    const march = candidateSlots(s, hourly, '2026-03-29', 60, now, policy);
    expect(march).toHaveLength(14);
    expect(march[0]!.start.toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(march[13]!.end.toISOString()).toBe('2026-03-29T20:00:00.000Z');

    const october = candidateSlots(s, hourly, '2026-10-25', 60, d('2026-10-20T10:00:00.000Z'), policy);
    expect(october).toHaveLength(14);
    expect(october[0]!.start.toISOString()).toBe('2026-10-25T07:00:00.000Z');
    expect(october[13]!.end.toISOString()).toBe('2026-10-25T21:00:00.000Z');

    // The day before each change, for comparison.
    expect(candidateSlots(s, hourly, '2026-03-28', 60, now, policy)[0]!.start.toISOString()).toBe('2026-03-28T07:00:00.000Z');
    expect(candidateSlots(s, hourly, '2026-10-24', 60, d('2026-10-20T10:00:00.000Z'), policy)[0]!.start.toISOString()).toBe('2026-10-24T06:00:00.000Z');
  });

  it('never offers a slot starting before now', () => {
    const s = schedule({ weekly: monSat });
    // Tuesday 10 March, 10:15 local.
    const slots = candidateSlots(s, halfHourly, '2026-03-10', 60, d('2026-03-10T09:15:00.000Z'), policy);
    expect(slots[0]!.start.toISOString()).toBe('2026-03-10T09:30:00.000Z');
    expect(slots).toHaveLength(22); // 09:30Z … 20:00Z
    // A slot starting exactly now is still offered.
    const atNow = candidateSlots(s, halfHourly, '2026-03-10', 60, d('2026-03-10T09:30:00.000Z'), policy);
    expect(atNow[0]!.start.toISOString()).toBe('2026-03-10T09:30:00.000Z');
    // After the last start of the day: nothing left.
    expect(candidateSlots(s, halfHourly, '2026-03-10', 60, d('2026-03-10T20:00:01.000Z'), policy)).toEqual([]);
  });

  it('uses the special hours of the date instead of the weekly hours', () => {
    const s = schedule({
      weekly: monSat,
      special: [{ date: '2026-03-26', opensAt: 10 * H, closesAt: 14 * H, reason: 'Journée pédagogique' }],
    });
    expect(starts(candidateSlots(s, hourly, '2026-03-26', 60, now, policy))).toEqual([
      '2026-03-26T09:00:00.000Z',
      '2026-03-26T10:00:00.000Z',
      '2026-03-26T11:00:00.000Z',
      '2026-03-26T12:00:00.000Z',
    ]);
    expect(candidateSlots(s, hourly, '2026-03-27', 60, now, policy)).toHaveLength(14);
  });

  it('a closure over part of a day removes the overlapping slots without shifting the grid', () => {
    const s = schedule({
      weekly: monSat,
      closures: [
        // 13:10–14:50 local.
        { startsAt: d('2026-03-25T12:10:00.000Z'), endsAt: d('2026-03-25T13:50:00.000Z'), reason: 'Exercice incendie' },
      ],
    });
    const slots = candidateSlots(s, halfHourly, '2026-03-25', 60, now, policy);
    const st = starts(slots);
    // Morning: 07:00Z … 11:00Z (last one ends 12:00Z, before the closure).
    expect(st.slice(0, 9)).toEqual([
      '2026-03-25T07:00:00.000Z', '2026-03-25T07:30:00.000Z', '2026-03-25T08:00:00.000Z',
      '2026-03-25T08:30:00.000Z', '2026-03-25T09:00:00.000Z', '2026-03-25T09:30:00.000Z',
      '2026-03-25T10:00:00.000Z', '2026-03-25T10:30:00.000Z', '2026-03-25T11:00:00.000Z',
    ]);
    // Afternoon resumes on the grid (14:00Z), not at the closure end (13:50Z).
    expect(st[9]).toBe('2026-03-25T14:00:00.000Z');
    expect(st).not.toContain('2026-03-25T11:30:00.000Z');
    expect(slots).toHaveLength(9 + 13); // 14:00Z … 20:00Z
  });

  it('rejects a duration off the grid or outside [min, max]', () => {
    const s = schedule({ weekly: monSat });
    expect(() => candidateSlots(s, halfHourly, '2026-03-24', 45, now, policy)).toThrow(RangeError);
    expect(() => candidateSlots(s, halfHourly, '2026-03-24', 30, now, policy)).toThrow(RangeError);
    expect(() => candidateSlots(s, halfHourly, '2026-03-24', 210, now, policy)).toThrow(RangeError);
    // Even for a date that would yield no slot.
    expect(() => candidateSlots(s, halfHourly, '2027-01-01', 45, now, policy)).toThrow(RangeError);
  });

  it('durationChoices', () => {
    expect(durationChoices(halfHourly)).toEqual([60, 90, 120, 150, 180]);
    expect(durationChoices({ slotMinutes: 60, minDurationMinutes: 60, maxDurationMinutes: 60 })).toEqual([60]);
    expect(durationChoices({ slotMinutes: 45, minDurationMinutes: 60, maxDurationMinutes: 180 })).toEqual([90, 135, 180]);
  });
});

describe('availability', () => {
  const slot = (a: string, b: string): Interval => ({ start: d(a), end: d(b) });
  const resources = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

  it('half-open intervals: busy 10–11 does not block 11–12', () => {
    const slots = [
      slot('2026-03-24T10:00:00.000Z', '2026-03-24T11:00:00.000Z'),
      slot('2026-03-24T11:00:00.000Z', '2026-03-24T12:00:00.000Z'),
      slot('2026-03-24T10:30:00.000Z', '2026-03-24T11:30:00.000Z'),
      slot('2026-03-24T09:00:00.000Z', '2026-03-24T09:30:00.000Z'),
    ];
    const busy = [
      { resourceId: 'a', start: d('2026-03-24T10:00:00.000Z'), end: d('2026-03-24T11:00:00.000Z') },
      { resourceId: 'b', start: d('2026-03-24T11:00:00.000Z'), end: d('2026-03-24T12:00:00.000Z') },
      { resourceId: 'c', start: d('2026-03-24T12:00:00.000Z'), end: d('2026-03-24T13:00:00.000Z') },
      { resourceId: 'c', start: d('2026-03-24T08:00:00.000Z'), end: d('2026-03-24T09:00:00.000Z') },
      { resourceId: 'zz', start: d('2026-03-24T00:00:00.000Z'), end: d('2026-03-25T00:00:00.000Z') },
    ];
    expect(availability(slots, resources, busy)).toEqual([
      { start: d('2026-03-24T10:00:00.000Z'), end: d('2026-03-24T11:00:00.000Z'), freeResourceIds: ['b', 'c'] },
      { start: d('2026-03-24T11:00:00.000Z'), end: d('2026-03-24T12:00:00.000Z'), freeResourceIds: ['a', 'c'] },
      { start: d('2026-03-24T10:30:00.000Z'), end: d('2026-03-24T11:30:00.000Z'), freeResourceIds: ['c'] },
      { start: d('2026-03-24T09:00:00.000Z'), end: d('2026-03-24T09:30:00.000Z'), freeResourceIds: ['a', 'b', 'c'] },
    ]);
  });

  it('handles unsorted, overlapping and nested busy intervals', () => {
    const slots = [
      slot('2026-03-24T13:00:00.000Z', '2026-03-24T14:00:00.000Z'),
      slot('2026-03-24T15:00:00.000Z', '2026-03-24T16:00:00.000Z'),
      slot('2026-03-24T17:00:00.000Z', '2026-03-24T18:00:00.000Z'),
    ];
    const busy = [
      { resourceId: 'a', start: d('2026-03-24T16:00:00.000Z'), end: d('2026-03-24T17:00:00.000Z') },
      // Long busy period containing a shorter one: the long one still blocks 15–16.
      { resourceId: 'a', start: d('2026-03-24T14:30:00.000Z'), end: d('2026-03-24T15:00:00.000Z') },
      { resourceId: 'a', start: d('2026-03-24T08:00:00.000Z'), end: d('2026-03-24T15:30:00.000Z') },
    ];
    expect(availability(slots, [{ id: 'a' }], busy).map((x) => x.freeResourceIds)).toEqual([[], [], ['a']]);
    expect(availability([], resources, busy)).toEqual([]);
    expect(availability(slots, [], busy).map((x) => x.freeResourceIds)).toEqual([[], [], []]);
  });
});

describe('checkBookingPeriod', () => {
  const s = schedule({
    weekly: monSat,
    closures: [{ startsAt: d('2026-03-13T12:00:00.000Z'), endsAt: d('2026-03-13T14:00:00.000Z'), reason: 'Exercice incendie' }],
  });
  const week: BookingPolicy = { timeZone: TZ, bookingHorizonDays: 7 };
  const now = d('2026-03-10T09:15:00.000Z'); // Tuesday 10:15 local
  const check = (start: string, end: string) => checkBookingPeriod(s, halfHourly, week, d(start), d(end), now);

  it('accepts a valid period', () => {
    expect(check('2026-03-11T10:00:00.000Z', '2026-03-11T11:00:00.000Z')).toEqual({ ok: true });
    expect(check('2026-03-10T09:30:00.000Z', '2026-03-10T12:30:00.000Z')).toEqual({ ok: true });
    // Ends exactly at closing time / exactly where a closure starts.
    expect(check('2026-03-11T19:00:00.000Z', '2026-03-11T21:00:00.000Z')).toEqual({ ok: true });
    expect(check('2026-03-13T11:00:00.000Z', '2026-03-13T12:00:00.000Z')).toEqual({ ok: true });
    // Last day of the horizon.
    expect(check('2026-03-17T07:00:00.000Z', '2026-03-17T08:00:00.000Z')).toEqual({ ok: true });
  });

  it('end_before_start', () => {
    expect(check('2026-03-11T10:00:00.000Z', '2026-03-11T10:00:00.000Z')).toEqual({ ok: false, reason: 'end_before_start' });
    expect(check('2026-03-11T10:00:00.000Z', '2026-03-11T09:00:00.000Z')).toEqual({ ok: false, reason: 'end_before_start' });
  });

  it('past', () => {
    expect(check('2026-03-10T09:00:00.000Z', '2026-03-10T10:00:00.000Z')).toEqual({ ok: false, reason: 'past' });
  });

  it('beyond_horizon', () => {
    // Today + 7 = 2026-03-17; 2026-03-18 00:00 local (= 03-17T23:00Z) is beyond.
    expect(check('2026-03-18T07:00:00.000Z', '2026-03-18T08:00:00.000Z')).toEqual({ ok: false, reason: 'beyond_horizon' });
    expect(check('2026-03-17T23:00:00.000Z', '2026-03-18T00:00:00.000Z')).toEqual({ ok: false, reason: 'beyond_horizon' });
  });

  it('too_short / too_long', () => {
    expect(check('2026-03-11T10:00:00.000Z', '2026-03-11T10:30:00.000Z')).toEqual({ ok: false, reason: 'too_short' });
    expect(check('2026-03-11T10:00:00.000Z', '2026-03-11T13:30:00.000Z')).toEqual({ ok: false, reason: 'too_long' });
  });

  it('off_grid (duration or start)', () => {
    expect(check('2026-03-11T10:00:00.000Z', '2026-03-11T11:15:00.000Z')).toEqual({ ok: false, reason: 'off_grid' });
    expect(check('2026-03-11T10:15:00.000Z', '2026-03-11T11:15:00.000Z')).toEqual({ ok: false, reason: 'off_grid' });
    expect(check('2026-03-11T10:00:01.000Z', '2026-03-11T11:00:01.000Z')).toEqual({ ok: false, reason: 'off_grid' });
  });

  it('closed (outside opening hours)', () => {
    // 06:00–07:00 local, before opening.
    expect(check('2026-03-11T05:00:00.000Z', '2026-03-11T06:00:00.000Z')).toEqual({ ok: false, reason: 'closed' });
    // Runs past closing time.
    expect(check('2026-03-11T20:30:00.000Z', '2026-03-11T21:30:00.000Z')).toEqual({ ok: false, reason: 'closed' });
    // Sunday.
    expect(check('2026-03-15T10:00:00.000Z', '2026-03-15T11:00:00.000Z')).toEqual({ ok: false, reason: 'closed' });
  });

  it('closure, with its reason', () => {
    expect(check('2026-03-13T11:30:00.000Z', '2026-03-13T12:30:00.000Z')).toEqual({
      ok: false,
      reason: 'closure',
      closureReason: 'Exercice incendie',
    });
    expect(check('2026-03-13T14:00:00.000Z', '2026-03-13T15:00:00.000Z')).toEqual({ ok: true });
  });

  it('follows the elapsed-time grid on DST days', () => {
    const allDay = schedule({ weekly: everyDay(0, 24 * H) });
    const oct: BookingPolicy = { timeZone: TZ, bookingHorizonDays: 14 };
    const octNow = d('2026-10-20T10:00:00.000Z');
    // Second 02:00–03:00 (CET) on 2026-10-25.
    expect(checkBookingPeriod(allDay, halfHourly, oct, d('2026-10-25T01:00:00.000Z'), d('2026-10-25T02:00:00.000Z'), octNow)).toEqual({ ok: true });
    expect(isOnGrid(allDay, halfHourly, d('2026-10-25T01:00:00.000Z'), d('2026-10-25T02:00:00.000Z'))).toBe(true);
    expect(isOnGrid(allDay, halfHourly, d('2026-10-25T01:10:00.000Z'), d('2026-10-25T02:10:00.000Z'))).toBe(false);
    // Crossing local midnight is outside one day's opening interval.
    expect(checkBookingPeriod(allDay, halfHourly, oct, d('2026-10-25T22:30:00.000Z'), d('2026-10-25T23:30:00.000Z'), octNow)).toEqual({ ok: false, reason: 'closed' });
  });
});
