/**
 * Small calendar helpers for TIMEX3 normalization. All arithmetic is on proleptic Gregorian
 * calendar days in UTC (no time zones): a day is `{ y, m, d }` with `m` 1..12.
 */

/** A calendar day (month 1..12, day 1..31). */
export interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** Day number (days since 1970-01-01) of a calendar day. */
export function dayNumber(v: Ymd): number {
  return Math.floor(Date.UTC(v.y, v.m - 1, v.d) / 86_400_000);
}

/** Calendar day of a day number (days since 1970-01-01). */
export function fromDayNumber(n: number): Ymd {
  const dt = new Date(n * 86_400_000);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** The day `n` days after `v` (negative `n` goes back). */
export function addDays(v: Ymd, n: number): Ymd {
  return fromDayNumber(dayNumber(v) + n);
}

/** ISO 8601 weekday of a day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(v: Ymd): number {
  const w = new Date(Date.UTC(v.y, v.m - 1, v.d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** ISO 8601 week-numbering year and week (1..53) of a day. */
export function isoWeek(v: Ymd): { year: number; week: number } {
  // The Thursday of the same ISO week decides the year.
  const thursday = addDays(v, 4 - isoWeekday(v));
  const jan1 = dayNumber({ y: thursday.y, m: 1, d: 1 });
  return { year: thursday.y, week: Math.floor((dayNumber(thursday) - jan1) / 7) + 1 };
}

/** Number of days in month `m` (1..12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Zero-padded decimal. */
export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `YYYY-MM-DD` of a day. */
export function isoDay(v: Ymd): string {
  return `${pad(v.y, 4)}-${pad(v.m)}-${pad(v.d)}`;
}

/** TIMEX3 week value `YYYY-Www` of the ISO week containing a day. */
export function isoWeekValue(v: Ymd): string {
  const w = isoWeek(v);
  return `${pad(w.year, 4)}-W${pad(w.week)}`;
}

/** Parse an ISO date `YYYY-MM-DD` (a longer timestamp is cut to its date); null when invalid. */
export function parseIsoDay(s: string | null | undefined): Ymd | null {
  if (!s) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s.trim());
  if (!m) return null;
  const v = { y: +m[1], m: +m[2], d: +m[3] };
  if (v.m < 1 || v.m > 12 || v.d < 1 || v.d > daysInMonth(v.y, v.m)) return null;
  return v;
}
