// Plain data the pure domain functions work on. No Prisma, no Next: the data
// layer maps its rows to these shapes.

/** Minutes since local midnight, 0..1440. */
export type WallMinutes = number;

/** A local calendar date, "YYYY-MM-DD", in the library's time zone. */
export type LocalDate = string;

export interface WeeklyHours {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  opensAt: WallMinutes;
  closesAt: WallMinutes;
}

/** Changed hours for one local date; they replace that date's weekly hours. */
export interface SpecialHours {
  date: LocalDate;
  opensAt: WallMinutes;
  closesAt: WallMinutes;
  reason: string;
}

export interface Closure {
  startsAt: Date;
  endsAt: Date;
  reason: string;
}

export interface Schedule {
  timeZone: string;
  weekly: WeeklyHours[];
  special: SpecialHours[];
  closures: Closure[];
}

export interface Interval {
  start: Date;
  end: Date;
}

export interface AreaGrid {
  /** Grid step of start and end times, minutes (multiple of 15). */
  slotMinutes: number;
  minDurationMinutes: number;
  maxDurationMinutes: number;
}

export interface BookingPolicy {
  timeZone: string;
  bookingHorizonDays: number;
}
