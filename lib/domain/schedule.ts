// Opening hours of a library: weekly hours, special hours for given dates
// (replacing that date's weekly hours) and exceptional closures (instant
// ranges that are cut out of the opening hours).
//
// Pure: callers pass `now`; no Prisma, no Next.

import type { Closure, Interval, LocalDate, Schedule } from './types';
import { addDays, isoWeekday, localDateOf, zonedInstant } from './time';

/** How far ahead `openStatus` looks for the next opening, in local days. */
export const NEXT_OPENING_LOOKAHEAD_DAYS = 14;

// ---------------------------------------------------------------------------
// Interval helpers (half-open [start, end))
// ---------------------------------------------------------------------------

/** Sorts by start, drops empty intervals and merges overlapping or touching ones. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals
    .filter((i) => i.end.getTime() > i.start.getTime())
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start.getTime() <= last.end.getTime()) {
      if (i.end.getTime() > last.end.getTime()) last.end = new Date(i.end.getTime());
    } else {
      out.push({ start: new Date(i.start.getTime()), end: new Date(i.end.getTime()) });
    }
  }
  return out;
}

/** `intervals` minus `cuts`, merged and sorted. */
export function subtractIntervals(intervals: readonly Interval[], cuts: readonly Interval[]): Interval[] {
  let rest = mergeIntervals(intervals);
  for (const cut of mergeIntervals(cuts)) {
    const next: Interval[] = [];
    for (const i of rest) {
      if (cut.end <= i.start || cut.start >= i.end) {
        next.push(i); // no overlap
        continue;
      }
      if (cut.start > i.start) next.push({ start: i.start, end: cut.start });
      if (cut.end < i.end) next.push({ start: cut.end, end: i.end });
    }
    rest = next;
  }
  return rest;
}

/** Half-open overlap test: [10, 11) and [11, 12) do not overlap. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

function closureInterval(c: Closure): Interval {
  return { start: c.startsAt, end: c.endsAt };
}

// ---------------------------------------------------------------------------
// Opening hours
// ---------------------------------------------------------------------------

/** Special-hours entries of `date` (several entries = several intervals that day). */
function specialsOf(schedule: Schedule, date: LocalDate) {
  return schedule.special.filter((s) => s.date === date);
}

/**
 * Opening hours of `date` *before* closures are cut out: the special hours of
 * that date if there are any, else the weekly hours of its weekday; converted
 * to instants, merged and sorted. A special entry with opensAt ≥ closesAt
 * therefore closes the whole day.
 *
 * This is also what slot grids are anchored on, so that a closure over part
 * of a day does not shift the grid of the rest of the day.
 */
export function regularIntervals(schedule: Schedule, date: LocalDate): Interval[] {
  const specials = specialsOf(schedule, date);
  const weekday = isoWeekday(date);
  const hours = specials.length > 0 ? specials : schedule.weekly.filter((w) => w.weekday === weekday);
  return mergeIntervals(
    hours.map((h) => ({
      start: zonedInstant(date, h.opensAt, schedule.timeZone),
      end: zonedInstant(date, h.closesAt, schedule.timeZone),
    })),
  );
}

/**
 * The instants the library is open on local `date`: regular (weekly or
 * special) hours minus exceptional closures, merged, sorted, never empty
 * intervals. Open 00:00–24:00 on 2026-03-29 in Europe/Paris lasts 23 hours,
 * on 2026-10-25 25 hours.
 */
export function openingIntervals(schedule: Schedule, date: LocalDate): Interval[] {
  return subtractIntervals(regularIntervals(schedule, date), schedule.closures.map(closureInterval));
}

export interface OpenStatus {
  open: boolean;
  /**
   * When open: end of the current opening (contiguous intervals merged, also
   * across midnight). Undefined if it stays open beyond the look-ahead window.
   */
  until?: Date;
  /** When closed: start of the next opening within the look-ahead window, if any. */
  nextOpening?: Date;
}

/**
 * Is the library open at `now`, until when, or when does it next open?
 * Looks at local dates from yesterday through today + 14 days.
 */
export function openStatus(schedule: Schedule, now: Date): OpenStatus {
  const today = localDateOf(now, schedule.timeZone);
  const all: Interval[] = [];
  for (let d = -1; d <= NEXT_OPENING_LOOKAHEAD_DAYS; d++) {
    all.push(...openingIntervals(schedule, addDays(today, d)));
  }
  // Merging joins an interval ending at 24:00 with the next day's 00:00 start.
  const merged = mergeIntervals(all);
  const windowEnd = zonedInstant(addDays(today, NEXT_OPENING_LOOKAHEAD_DAYS + 1), 0, schedule.timeZone);
  const t = now.getTime();

  const current = merged.find((i) => i.start.getTime() <= t && t < i.end.getTime());
  if (current) {
    return current.end.getTime() >= windowEnd.getTime() ? { open: true } : { open: true, until: current.end };
  }
  const next = merged.find((i) => i.start.getTime() > t);
  return next ? { open: false, nextOpening: next.start } : { open: false };
}

export interface DayHours {
  date: LocalDate;
  /** Opening intervals of the day, closures already cut out. */
  intervals: Interval[];
  /** Reason of the special hours replacing the weekly hours that day. */
  special?: string;
  /** Reason(s) of closures removing all or part of the day's opening hours. */
  closedReason?: string;
}

/** Hours of 7 consecutive local days from `fromDate`, for the "hours this week" table. */
export function weekHours(schedule: Schedule, fromDate: LocalDate): DayHours[] {
  const days: DayHours[] = [];
  for (let d = 0; d < 7; d++) {
    const date = addDays(fromDate, d);
    const regular = regularIntervals(schedule, date);
    const intervals = subtractIntervals(regular, schedule.closures.map(closureInterval));
    const day: DayHours = { date, intervals };

    const specialReasons = unique(specialsOf(schedule, date).map((s) => s.reason));
    if (specialReasons.length > 0) day.special = specialReasons.join(' ; ');

    // Only closures that actually remove opening time that day are shown.
    const closureReasons = unique(
      schedule.closures
        .filter((c) => regular.some((i) => overlaps(i, closureInterval(c))))
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
        .map((c) => c.reason),
    );
    if (closureReasons.length > 0) day.closedReason = closureReasons.join(' ; ');

    days.push(day);
  }
  return days;
}

/** Closures not yet over at `now` (end after now), sorted by start then end. */
export function upcomingClosures(schedule: Schedule, now: Date): Closure[] {
  return schedule.closures
    .filter((c) => c.endsAt.getTime() > now.getTime())
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.endsAt.getTime() - b.endsAt.getTime());
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))];
}
