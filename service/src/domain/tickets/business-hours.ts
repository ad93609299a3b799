import { DateTime, IANAZone } from 'luxon';

/** Weekday keys in ISO order (luxon's `weekday` 1 = Monday … 7 = Sunday). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening interval of a day in local wall-clock time, "HH:mm" to "HH:mm" ("24:00" closes at midnight). */
export interface OpeningInterval {
  start: string;
  end: string;
}

/**
 * When a department works: intervals per weekday and closed dates, read in one IANA time zone
 * (the company's). A weekday without intervals is closed.
 */
export interface BusinessCalendar {
  timezone: string;
  weekly_hours: Partial<Record<Weekday, OpeningInterval[]>>;
  /** Local dates ("YYYY-MM-DD") on which the department is closed all day. */
  holidays: string[];
}

/** Spanish office hours with a lunch break, Monday to Friday; a starting point for new departments. */
export function defaultBusinessCalendar(timezone: string): BusinessCalendar {
  const day: OpeningInterval[] = [
    { start: '09:00', end: '14:00' },
    { start: '15:00', end: '18:00' },
  ];
  return { timezone, weekly_hours: { mon: day, tue: day, wed: day, thu: day, fri: day }, holidays: [] };
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function minutesOfDay(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours! * 60 + minutes!;
}

export interface CalendarProblem {
  property: string;
  code: 'INVALID_TIMEZONE' | 'INVALID_TIME' | 'EMPTY_INTERVAL' | 'OVERLAPPING_INTERVALS' | 'INVALID_DATE';
  message: string;
}

/** Everything wrong with a calendar, named by property, so an admin form can show it next to the field. */
export function businessCalendarProblems(calendar: BusinessCalendar): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (!IANAZone.isValidZone(calendar.timezone)) {
    problems.push({ property: 'timezone', code: 'INVALID_TIMEZONE', message: 'Use an IANA time zone such as Europe/Madrid.' });
  }
  for (const weekday of WEEKDAYS) {
    const intervals = calendar.weekly_hours[weekday] ?? [];
    let previousEnd = -1;
    const ordered = [...intervals].sort((a, b) => a.start.localeCompare(b.start));
    ordered.forEach((interval, index) => {
      const property = `weekly_hours.${weekday}.${index}`;
      if (!CLOCK.test(interval.start) || !CLOCK.test(interval.end) || interval.start === '24:00') {
        problems.push({ property, code: 'INVALID_TIME', message: 'Use 24-hour times such as 09:00 and 18:00.' });
        return;
      }
      const start = minutesOfDay(interval.start);
      const end = minutesOfDay(interval.end);
      if (end <= start) problems.push({ property, code: 'EMPTY_INTERVAL', message: 'The closing time must be after the opening time.' });
      else if (start < previousEnd)
        problems.push({ property, code: 'OVERLAPPING_INTERVALS', message: 'Intervals of one day must not overlap.' });
      previousEnd = Math.max(previousEnd, end);
    });
  }
  calendar.holidays.forEach((holiday, index) => {
    if (!LOCAL_DATE.test(holiday) || !DateTime.fromISO(holiday).isValid) {
      problems.push({ property: `holidays.${index}`, code: 'INVALID_DATE', message: 'Use dates such as 2025-12-25.' });
    }
  });
  return problems;
}

export type Instant = Date | string | number;

/** Milliseconds since the epoch for a Date, an ISO 8601 string with offset, or epoch milliseconds. */
export function instantMs(value: Instant): number {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  const parsed = DateTime.fromISO(value, { setZone: true });
  if (!parsed.isValid) throw new RangeError(`Not an ISO 8601 instant: ${value}`);
  return parsed.toMillis();
}

// A wall-clock time on a local date as an instant; luxon moves times that DST skips forward and
// picks the first of the two instants when DST repeats an hour.
function localInstantMs(day: DateTime, clock: string): number {
  if (clock === '24:00') return day.plus({ days: 1 }).startOf('day').toMillis();
  const minutes = minutesOfDay(clock);
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
}

const DAY_MS = 86_400_000;
type OpenSpans = ReadonlyArray<readonly [opensMs: number, closesMs: number]>;

interface CompiledCalendar {
  zone: IANAZone;
  /** Opening intervals as instants of a local date, given as days since 1970-01-01. */
  openSpans(localDay: number): OpenSpans;
}

// Metrics measure thousands of tickets over the same few hundred days: each calendar day is
// resolved to instants once. Keyed by content, so a changed calendar is a new entry.
const compiledCalendars = new Map<string, CompiledCalendar>();
const MAX_COMPILED_CALENDARS = 64;
const MAX_CACHED_DAYS = 40_000;

function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  const key = JSON.stringify([calendar.timezone, calendar.weekly_hours, calendar.holidays]);
  const cached = compiledCalendars.get(key);
  if (cached) return cached;
  const problem = businessCalendarProblems(calendar)[0];
  if (problem) throw new RangeError(`Invalid business calendar at ${problem.property}: ${problem.message}`);
  const zone = IANAZone.create(calendar.timezone);
  const holidays = new Set(calendar.holidays);
  const days = new Map<number, OpenSpans>();
  const openSpans = (localDay: number): OpenSpans => {
    const known = days.get(localDay);
    if (known) return known;
    const date = new Date(localDay * DAY_MS);
    const day = DateTime.fromObject({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }, { zone });
    const intervals = holidays.has(day.toISODate()!) ? [] : (calendar.weekly_hours[WEEKDAYS[day.weekday - 1]!] ?? []);
    const spans = intervals.map((interval) => [localInstantMs(day, interval.start), localInstantMs(day, interval.end)] as const);
    if (days.size >= MAX_CACHED_DAYS) days.clear();
    days.set(localDay, spans);
    return spans;
  };
  if (compiledCalendars.size >= MAX_COMPILED_CALENDARS) compiledCalendars.clear();
  const compiled = { zone, openSpans };
  compiledCalendars.set(key, compiled);
  return compiled;
}

function localDayOf(ms: number, zone: IANAZone): number {
  return Math.floor((ms + zone.offset(ms) * 60_000) / DAY_MS);
}

/**
 * Business time between two instants, in milliseconds: the real elapsed time that falls inside
 * the calendar's opening intervals. Exact across DST changes (an interval that DST shortens is
 * shorter), weekends, holidays and any number of months. An end at or before the start is 0.
 */
export function businessDurationMs(calendar: BusinessCalendar, start: Instant, end: Instant): number {
  const startMs = instantMs(start);
  const endMs = instantMs(end);
  if (!(endMs > startMs)) return 0;
  const { zone, openSpans } = compileCalendar(calendar);
  let total = 0;
  for (let day = localDayOf(startMs, zone), last = localDayOf(endMs, zone); day <= last; day++) {
    for (const [opensMs, closesMs] of openSpans(day)) {
      total += Math.max(0, Math.min(endMs, closesMs) - Math.max(startMs, opensMs));
    }
  }
  return total;
}
