// Zoned-time helpers. Libraries live in an IANA time zone (Europe/Paris); the
// server may run in any zone (UTC in production, whatever on a laptop), so
// nothing here reads the host zone: every conversion goes through @date-fns/tz.
//
// Pure: no Prisma, no Next, and no reading of the clock.

import { format } from 'date-fns';
import { fr } from 'date-fns/locale/fr';
import { TZDate, tz, tzOffset } from '@date-fns/tz';

import type { LocalDate, WallMinutes } from './types';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
export const MINUTES_PER_DAY = 1440;

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Milliseconds of the given calendar fields read as if they were UTC.
 * (`setUTCFullYear` rather than `Date.UTC` so years 0–99 are not remapped.)
 */
function utcFieldsMs(year: number, month: number, day: number, minutes = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime() + minutes * MINUTE_MS;
}

function parseLocalDate(date: LocalDate): { year: number; month: number; day: number } {
  const m = LOCAL_DATE_RE.exec(date);
  if (!m || !isValidLocalDate(date)) throw new RangeError(`Invalid local date: ${JSON.stringify(date)}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** Calendar date of a UTC-fields timestamp, as "YYYY-MM-DD". */
function localDateFromUtcMs(ms: number): LocalDate {
  const d = new Date(ms);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Offset of `timeZone` (minutes east of UTC) at `instantMs`; throws on an unknown zone. */
function offsetAt(timeZone: string, instantMs: number): number {
  const offset = tzOffset(timeZone, new Date(instantMs));
  if (Number.isNaN(offset)) throw new RangeError(`Unknown time zone: ${JSON.stringify(timeZone)}`);
  return offset;
}

/** Strict "YYYY-MM-DD" that exists in the proleptic Gregorian calendar (2026-02-30 → false). */
export function isValidLocalDate(s: string): boolean {
  const m = LOCAL_DATE_RE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  // Round-trip through the calendar: an overflowing day (Feb 30) changes the date.
  return localDateFromUtcMs(utcFieldsMs(year, month, day)) === s;
}

/** The local calendar date of `instant` in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const z = new TZDate(instant.getTime(), timeZone);
  if (Number.isNaN(z.getTime())) throw new RangeError(`Invalid instant or time zone: ${timeZone}`);
  return `${String(z.getFullYear()).padStart(4, '0')}-${pad2(z.getMonth() + 1)}-${pad2(z.getDate())}`;
}

/**
 * Wall-clock minutes since local midnight (hours × 60 + minutes, seconds
 * dropped). This is the *clock reading*, not elapsed time: at 03:00 on a
 * spring-forward day it is 180 although only 120 minutes have elapsed.
 */
export function wallMinutesOf(instant: Date, timeZone: string): WallMinutes {
  const z = new TZDate(instant.getTime(), timeZone);
  if (Number.isNaN(z.getTime())) throw new RangeError(`Invalid instant or time zone: ${timeZone}`);
  return z.getHours() * 60 + z.getMinutes();
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  const jsDay = new Date(utcFieldsMs(year, month, day)).getUTCDay(); // 0 = Sunday
  return jsDay === 0 ? 7 : jsDay;
}

/** Calendar arithmetic on local dates (no time zone involved). `n` may be negative. */
export function addDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`addDays expects an integer, got ${n}`);
  const { year, month, day } = parseLocalDate(date);
  return localDateFromUtcMs(utcFieldsMs(year, month, day) + n * DAY_MS);
}

/**
 * The instant at which the wall clock of `timeZone` reads `minutes` after
 * midnight on `date`. `minutes` = 1440 is the next local midnight (values
 * outside 0..1440 roll over to neighbouring days the same way).
 *
 * DST rules, chosen so results never depend on the host time zone:
 * - Non-existent wall time (spring-forward gap, e.g. 02:30 on 2026-03-29 in
 *   Europe/Paris): shifted forward by the length of the gap, i.e. read with
 *   the offset in force *before* the transition → 02:30 becomes 03:30 CEST
 *   (01:30Z). A gap boundary such as 02:00 therefore becomes 03:00 CEST,
 *   the first instant after the gap.
 * - Ambiguous wall time (fall-back, e.g. 02:30 on 2026-10-25): the earlier
 *   instant (02:30 CEST = 00:30Z).
 *
 * Offsets come from @date-fns/tz's `tzOffset`. The `TZDate` field
 * constructor is deliberately not used here: in @date-fns/tz 1.5.0 its choice
 * between the two readings of an ambiguous time depends on the host zone.
 */
export function zonedInstant(date: LocalDate, minutes: WallMinutes, timeZone: string): Date {
  if (!Number.isFinite(minutes)) throw new RangeError(`Invalid wall minutes: ${minutes}`);
  const { year, month, day } = parseLocalDate(date);
  const wallMs = utcFieldsMs(year, month, day, minutes);

  // Offsets a day either side bracket any transition near this wall time
  // (real zones never change offset twice within two days).
  const before = offsetAt(timeZone, wallMs - DAY_MS);
  const after = offsetAt(timeZone, wallMs + DAY_MS);

  // Every offset o such that (wall − o) really has offset o is a valid reading;
  // earliest first (the larger offset gives the earlier instant).
  const candidates = [...new Set([before, after])]
    .map((o) => wallMs - Math.round(o * MINUTE_MS))
    .sort((a, b) => a - b);
  for (const instantMs of candidates) {
    if (instantMs === wallMs - Math.round(offsetAt(timeZone, instantMs) * MINUTE_MS)) {
      return new Date(instantMs);
    }
  }
  // No valid reading: the wall time falls in a gap. Read it with the
  // pre-transition offset, which moves it forward by the gap length.
  return new Date(wallMs - Math.round(before * MINUTE_MS));
}

/** The instant of local midnight starting `date` (a LocalDate, or the local date of an instant). */
export function startOfLocalDay(date: LocalDate | Date, timeZone: string): Date {
  const local = typeof date === 'string' ? date : localDateOf(date, timeZone);
  return zonedInstant(local, 0, timeZone);
}

/** "14:30" — 24-hour wall time of `instant` in `timeZone`. */
export function formatTime(instant: Date, timeZone: string): string {
  const minutes = wallMinutesOf(instant, timeZone);
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** French typographic style: "14 h 30", "9 h 05", and "14 h" on the hour. */
export function formatTimeFr(instant: Date, timeZone: string): string {
  const minutes = wallMinutesOf(instant, timeZone);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${pad2(m)}`;
}

/**
 * "lundi 7 décembre 2026" (French locale; first of the month as "1er").
 * A LocalDate is formatted as is; an instant is first read in `timeZone`.
 */
export function formatDateFr(date: Date | LocalDate, timeZone: string): string {
  // Local noon always exists and lies on the right calendar day.
  const instant = typeof date === 'string' ? zonedInstant(date, 12 * 60, timeZone) : date;
  const opts = { locale: fr, in: tz(timeZone) };
  const dayOfMonth = format(instant, 'd', opts);
  const suffix = dayOfMonth === '1' ? 'er' : '';
  return `${format(instant, 'EEEE', opts)} ${dayOfMonth}${suffix} ${format(instant, 'MMMM yyyy', opts)}`;
}

/**
 * A period in words: "samedi 12 décembre 2026" for one whole local day,
 * "du samedi 12 au lundi 14 décembre 2026" style for whole days, else with hours.
 */
export function formatPeriodFr(start: Date, end: Date, timeZone: string): string {
  const wholeDays = wallMinutesOf(start, timeZone) === 0 && wallMinutesOf(end, timeZone) === 0;
  if (wholeDays) {
    const first = localDateOf(start, timeZone);
    const last = addDays(localDateOf(end, timeZone), -1);
    if (first === last) return `${formatDateFr(first, timeZone)} (toute la journée)`;
    return `du ${formatDateFr(first, timeZone)} au ${formatDateFr(last, timeZone)} inclus`;
  }
  const sameDay = localDateOf(start, timeZone) === localDateOf(end, timeZone);
  if (sameDay) return `${formatDateFr(start, timeZone)}, de ${formatTimeFr(start, timeZone)} à ${formatTimeFr(end, timeZone)}`;
  return `du ${formatDateFr(start, timeZone)} ${formatTimeFr(start, timeZone)} au ${formatDateFr(end, timeZone)} ${formatTimeFr(end, timeZone)}`;
}
