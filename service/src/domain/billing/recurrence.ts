import { DateTime } from 'luxon';

/**
 * When a recurring template issues its invoices. Date k is always anchor + k × interval, computed
 * from the anchor and never from the previous date, so month ends clamp and recover (31 Jan →
 * 28 Feb → 31 Mar) and a late run never shifts the schedule. Times are wall-clock times in the
 * company's time zone, so 09:00 stays 09:00 across daylight-saving changes.
 */

export const INTERVAL_UNITS = ['day', 'week', 'month', 'year'] as const;
export type IntervalUnit = (typeof INTERVAL_UNITS)[number];

export interface RecurrenceSchedule {
  interval_unit: IntervalUnit;
  interval_count: number;
  /** YYYY-MM-DD, the date of period 0. */
  anchor_date: string;
  /** HH:mm, local wall-clock time of every issue. */
  anchor_time: string;
  /** Last date a period may start on (inclusive), or null. */
  end_date: string | null;
  /** Number of invoices at most, or null. */
  cycles: number | null;
  timezone: string;
}

const UNIT_KEY = { day: 'days', week: 'weeks', month: 'months', year: 'years' } as const;

function anchorOf(schedule: RecurrenceSchedule): DateTime {
  const [hour, minute] = schedule.anchor_time.split(':').map(Number);
  return DateTime.fromISO(schedule.anchor_date, { zone: schedule.timezone }).set({ hour, minute, second: 0, millisecond: 0 });
}

/** The local date (YYYY-MM-DD) period `index` starts on. */
export function periodDate(schedule: RecurrenceSchedule, index: number): string {
  return periodStart(schedule, index).toISODate()!;
}

/** The instant period `index` becomes due: its date at the anchor's wall-clock time in the time zone. */
export function periodInstant(schedule: RecurrenceSchedule, index: number): Date {
  return periodStart(schedule, index).toJSDate();
}

function periodStart(schedule: RecurrenceSchedule, index: number): DateTime {
  // Luxon adds calendar units keeping the wall-clock time and clamps to the month's last day; adding to
  // the anchor each time (never to the previous date) makes the clamp recover.
  return anchorOf(schedule).plus({ [UNIT_KEY[schedule.interval_unit]]: index * schedule.interval_count });
}

/** The service period an invoice covers: from its date up to the day before the next period. */
export function servicePeriod(schedule: RecurrenceSchedule, index: number): { start: string; end: string } {
  const start = periodStart(schedule, index);
  const end = periodStart(schedule, index + 1).minus({ days: 1 });
  return { start: start.toISODate()!, end: end.toISODate()! };
}

/** True when period `index` may still be issued under the template's end date and cycles limit. */
export function isWithinTerm(schedule: RecurrenceSchedule, index: number, issuedCount: number): boolean {
  if (schedule.cycles !== null && issuedCount >= schedule.cycles) return false;
  if (schedule.end_date !== null && periodDate(schedule, index) > schedule.end_date) return false;
  return true;
}

/** The first period index whose date is on or after `date` (YYYY-MM-DD): where a resumed template continues. */
export function firstPeriodOnOrAfter(schedule: RecurrenceSchedule, date: string): number {
  // Estimate from elapsed days, then walk: months and years vary in length.
  const anchor = DateTime.fromISO(schedule.anchor_date, { zone: 'UTC' });
  const target = DateTime.fromISO(date, { zone: 'UTC' });
  const approxDays = { day: 1, week: 7, month: 30.436875, year: 365.2425 }[schedule.interval_unit] * schedule.interval_count;
  let index = Math.max(0, Math.floor(target.diff(anchor, 'days').days / approxDays) - 1);
  while (index > 0 && periodDate(schedule, index - 1) >= date) index--;
  while (periodDate(schedule, index) < date) index++;
  return index;
}

/** The dates of the next `count` periods from `fromIndex`, stopping at the end of the term. */
export function upcomingDates(schedule: RecurrenceSchedule, fromIndex: number, issuedCount: number, count = 12): string[] {
  const dates: string[] = [];
  for (let i = 0; dates.length < count; i++) {
    if (!isWithinTerm(schedule, fromIndex + i, issuedCount + i)) break;
    dates.push(periodDate(schedule, fromIndex + i));
  }
  return dates;
}

/** How many of the template's periods a year holds, as a fraction numerator/denominator (billing.md's MRR convention). */
export function periodsPerYear(unit: IntervalUnit, count: number): { numerator: number; denominator: number } {
  const perYear = { day: 365, week: 52, month: 12, year: 1 }[unit];
  return { numerator: perYear, denominator: count };
}
