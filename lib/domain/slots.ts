// Bookable dates, slot grids, availability and validation of a requested
// booking period.
//
// Grid rule (shared by candidateSlots, isOnGrid and checkBookingPeriod): slot
// starts are the regular opening interval's start instant plus whole multiples
// of `slotMinutes` of *elapsed* time. Regular = weekly or special hours before
// closures are cut out, so a closure over part of a day removes slots without
// shifting the grid of the rest of the day. Stepping in elapsed time keeps DST
// days right: on 2026-03-29 (Europe/Paris) there is no slot in the missing
// 02:00–03:00 hour, and on 2026-10-25 the repeated hour yields distinct instants.
//
// A booking lies within one local day (the opening intervals of one date).
//
// Pure: callers pass `now`; no Prisma, no Next.

import type { AreaGrid, BookingPolicy, Interval, LocalDate, Schedule } from './types';
import { openingIntervals, overlaps, regularIntervals } from './schedule';
import { addDays, isValidLocalDate, localDateOf } from './time';

const MINUTE_MS = 60_000;

/** Today (local, in the policy's zone) through today + bookingHorizonDays, inclusive. */
export function bookableDates(policy: BookingPolicy, now: Date): LocalDate[] {
  const today = localDateOf(now, policy.timeZone);
  const dates: LocalDate[] = [];
  for (let d = 0; d <= policy.bookingHorizonDays; d++) dates.push(addDays(today, d));
  return dates;
}

export type DateCheck = { ok: true } | { ok: false; reason: 'malformed' | 'past' | 'beyond_horizon' };

/** Is `date` a well-formed local date inside the booking window at `now`? */
export function checkDate(policy: BookingPolicy, date: string, now: Date): DateCheck {
  if (!isValidLocalDate(date)) return { ok: false, reason: 'malformed' };
  const today = localDateOf(now, policy.timeZone);
  // "YYYY-MM-DD" strings compare in calendar order.
  if (date < today) return { ok: false, reason: 'past' };
  if (date > addDays(today, policy.bookingHorizonDays)) return { ok: false, reason: 'beyond_horizon' };
  return { ok: true };
}

function assertGrid(grid: AreaGrid): void {
  if (!Number.isInteger(grid.slotMinutes) || grid.slotMinutes <= 0) {
    throw new RangeError(`Invalid slotMinutes: ${grid.slotMinutes}`);
  }
}

/** Durations offered for an area: multiples of slotMinutes from min to max. */
export function durationChoices(grid: AreaGrid): number[] {
  assertGrid(grid);
  const step = grid.slotMinutes;
  const choices: number[] = [];
  for (let d = Math.ceil(grid.minDurationMinutes / step) * step; d <= grid.maxDurationMinutes; d += step) {
    if (d > 0) choices.push(d);
  }
  return choices;
}

/** Throws a RangeError unless `durationMinutes` is a multiple of slotMinutes within [min, max]. */
function assertDuration(grid: AreaGrid, durationMinutes: number): void {
  assertGrid(grid);
  if (
    !Number.isInteger(durationMinutes) ||
    durationMinutes <= 0 ||
    durationMinutes % grid.slotMinutes !== 0 ||
    durationMinutes < grid.minDurationMinutes ||
    durationMinutes > grid.maxDurationMinutes
  ) {
    throw new RangeError(
      `Duration ${durationMinutes} min is not a multiple of ${grid.slotMinutes} within ` +
        `[${grid.minDurationMinutes}, ${grid.maxDurationMinutes}]`,
    );
  }
}

/**
 * Bookable periods of `durationMinutes` on local `date`: grid starts (see top
 * of file) such that [start, start + duration) lies fully inside an opening
 * interval (closures cut out) and start ≥ now. Returns [] for a date outside
 * `bookableDates` (malformed, past or beyond the horizon). Sorted by start.
 *
 * @throws RangeError if the duration is not a multiple of slotMinutes within [min, max].
 */
export function candidateSlots(
  schedule: Schedule,
  grid: AreaGrid,
  date: LocalDate,
  durationMinutes: number,
  now: Date,
  policy: BookingPolicy,
): Interval[] {
  assertDuration(grid, durationMinutes);
  if (!checkDate(policy, date, now).ok) return [];

  const stepMs = grid.slotMinutes * MINUTE_MS;
  const durationMs = durationMinutes * MINUTE_MS;
  const open = openingIntervals(schedule, date);
  const slots: Interval[] = [];
  for (const regular of regularIntervals(schedule, date)) {
    const endMs = regular.end.getTime();
    for (let s = regular.start.getTime(); s + durationMs <= endMs; s += stepMs) {
      if (s < now.getTime()) continue;
      const e = s + durationMs;
      if (open.some((o) => o.start.getTime() <= s && e <= o.end.getTime())) {
        slots.push({ start: new Date(s), end: new Date(e) });
      }
    }
  }
  return slots;
}

export interface SlotAvailability {
  start: Date;
  end: Date;
  freeResourceIds: string[];
}

/**
 * For each slot, the resources (in the given order) with no busy interval
 * overlapping it (half-open: busy [10, 11) does not block [11, 12)).
 * Busy intervals of unknown resources are ignored.
 *
 * Busy periods are grouped per resource, sorted and merged once; each
 * (slot, resource) test is then a binary search: O((n·m + k) log k).
 */
export function availability(
  slots: readonly Interval[],
  resources: ReadonlyArray<{ id: string }>,
  busy: ReadonlyArray<{ resourceId: string; start: Date; end: Date }>,
): SlotAvailability[] {
  const grouped = new Map<string, Array<[number, number]>>();
  for (const b of busy) {
    const list = grouped.get(b.resourceId);
    const pair: [number, number] = [b.start.getTime(), b.end.getTime()];
    if (list) list.push(pair);
    else grouped.set(b.resourceId, [pair]);
  }
  // Sorted, non-overlapping busy periods per resource: ends are then increasing too.
  const busyByResource = new Map<string, Array<[number, number]>>();
  for (const [id, list] of grouped) {
    list.sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const [s, e] of list) {
      if (e <= s) continue;
      const last = merged[merged.length - 1];
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else merged.push([s, e]);
    }
    busyByResource.set(id, merged);
  }

  const isFree = (periods: Array<[number, number]> | undefined, s: number, e: number): boolean => {
    if (!periods || periods.length === 0) return true;
    // First busy period ending after the slot starts; it overlaps iff it starts before the slot ends.
    let lo = 0;
    let hi = periods.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const p = periods[mid];
      if (p !== undefined && p[1] > s) hi = mid;
      else lo = mid + 1;
    }
    const first = periods[lo];
    return first === undefined || first[0] >= e;
  };

  return slots.map((slot) => {
    const s = slot.start.getTime();
    const e = slot.end.getTime();
    return {
      start: slot.start,
      end: slot.end,
      freeResourceIds: resources.filter((r) => isFree(busyByResource.get(r.id), s, e)).map((r) => r.id),
    };
  });
}

export type BookingPeriodRejection =
  | 'end_before_start'
  | 'past'
  | 'beyond_horizon'
  | 'too_short'
  | 'too_long'
  | 'off_grid'
  | 'closed'
  | 'closure';

export type BookingPeriodCheck =
  | { ok: true }
  | { ok: false; reason: Exclude<BookingPeriodRejection, 'closure'> }
  | { ok: false; reason: 'closure'; closureReason: string };

/** The regular (pre-closure) opening interval of start's local date containing [start, end), if any. */
function containingRegularInterval(schedule: Schedule, start: Date, end: Date): Interval | undefined {
  const date = localDateOf(start, schedule.timeZone);
  return regularIntervals(schedule, date).find((i) => i.start <= start && end <= i.end);
}

function isGridPoint(anchor: Date, instant: Date, grid: AreaGrid): boolean {
  return (instant.getTime() - anchor.getTime()) % (grid.slotMinutes * MINUTE_MS) === 0;
}

/**
 * True if [start, end) lies in one regular opening interval, starts on that
 * interval's grid and lasts a whole number of slots. Ignores closures, `now`,
 * and min/max durations (see checkBookingPeriod for the full check).
 */
export function isOnGrid(schedule: Schedule, grid: AreaGrid, start: Date, end: Date): boolean {
  assertGrid(grid);
  const durationMs = end.getTime() - start.getTime();
  if (durationMs <= 0 || durationMs % (grid.slotMinutes * MINUTE_MS) !== 0) return false;
  const interval = containingRegularInterval(schedule, start, end);
  return interval !== undefined && isGridPoint(interval.start, start, grid);
}

/**
 * Validates a requested booking period [start, end). Checks, in this order
 * (the first failure is returned):
 *   end_before_start  end ≤ start
 *   past              start < now
 *   beyond_horizon    start's local date after today + bookingHorizonDays
 *   too_short         duration < minDurationMinutes
 *   too_long          duration > maxDurationMinutes
 *   off_grid          duration not a whole number of slots
 *   closed            not inside the opening hours (weekly/special) of start's local date
 *   off_grid          start not a grid point of that opening interval
 *   closure           overlaps an exceptional closure (earliest one's reason given)
 * Durations are elapsed minutes.
 *
 * @throws RangeError if start or end is an invalid Date.
 */
export function checkBookingPeriod(
  schedule: Schedule,
  grid: AreaGrid,
  policy: BookingPolicy,
  start: Date,
  end: Date,
  now: Date,
): BookingPeriodCheck {
  assertGrid(grid);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
    throw new RangeError('Invalid booking start or end');
  }
  if (end.getTime() <= start.getTime()) return { ok: false, reason: 'end_before_start' };
  if (start.getTime() < now.getTime()) return { ok: false, reason: 'past' };

  const horizonEnd = addDays(localDateOf(now, policy.timeZone), policy.bookingHorizonDays);
  if (localDateOf(start, policy.timeZone) > horizonEnd) return { ok: false, reason: 'beyond_horizon' };

  const durationMs = end.getTime() - start.getTime();
  if (durationMs < grid.minDurationMinutes * MINUTE_MS) return { ok: false, reason: 'too_short' };
  if (durationMs > grid.maxDurationMinutes * MINUTE_MS) return { ok: false, reason: 'too_long' };
  if (durationMs % (grid.slotMinutes * MINUTE_MS) !== 0) return { ok: false, reason: 'off_grid' };

  const interval = containingRegularInterval(schedule, start, end);
  if (!interval) return { ok: false, reason: 'closed' };
  if (!isGridPoint(interval.start, start, grid)) return { ok: false, reason: 'off_grid' };

  const closure = schedule.closures
    .filter((c) => overlaps({ start, end }, { start: c.startsAt, end: c.endsAt }))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
  if (closure) return { ok: false, reason: 'closure', closureReason: closure.reason };

  return { ok: true };
}
