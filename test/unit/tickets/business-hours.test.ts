import {
  businessCalendarProblems,
  businessDurationMs,
  defaultBusinessCalendar,
  type BusinessCalendar,
} from '../../../service/src/domain/tickets/business-hours';

const HOUR = 3_600_000;
const MINUTE = 60_000;

// Mon–Fri 09:00–14:00 and 15:00–18:00 in Madrid (8 h a day), closed on Epiphany 2025.
const support: BusinessCalendar = { ...defaultBusinessCalendar('Europe/Madrid'), holidays: ['2025-01-06'] };
const allDay = [{ start: '00:00', end: '24:00' }];
const alwaysOpen: BusinessCalendar = {
  timezone: 'Europe/Madrid',
  weekly_hours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
  holidays: [],
};

describe('businessDurationMs', () => {
  it('counts only time inside opening intervals of the same day', () => {
    // 2025-01-08 is a Wednesday; 10:00–12:30 CET is inside the morning interval.
    expect(businessDurationMs(support, '2025-01-08T10:00:00+01:00', '2025-01-08T12:30:00+01:00')).toBe(150 * MINUTE);
    // 13:30–15:30 crosses the lunch break: 30 min before it and 30 min after.
    expect(businessDurationMs(support, '2025-01-08T13:30:00+01:00', '2025-01-08T15:30:00+01:00')).toBe(60 * MINUTE);
    // Before opening and after closing count nothing.
    expect(businessDurationMs(support, '2025-01-08T06:00:00+01:00', '2025-01-08T09:00:00+01:00')).toBe(0);
    expect(businessDurationMs(support, '2025-01-08T18:00:00+01:00', '2025-01-08T23:00:00+01:00')).toBe(0);
  });

  it('keeps seconds and milliseconds (no rounding to minutes or hours)', () => {
    expect(businessDurationMs(support, '2025-01-08T10:00:00.000+01:00', '2025-01-08T10:00:17.250+01:00')).toBe(17_250);
  });

  it('is zero for zero-length and inverted spans', () => {
    expect(businessDurationMs(support, '2025-01-08T10:00:00+01:00', '2025-01-08T10:00:00+01:00')).toBe(0);
    expect(businessDurationMs(support, '2025-01-08T12:00:00+01:00', '2025-01-08T10:00:00+01:00')).toBe(0);
  });

  it('skips weekends and holidays', () => {
    // Sat 2025-01-04 00:00 to Mon 2025-01-06 24:00: weekend, then the holiday.
    expect(businessDurationMs(support, '2025-01-04T00:00:00+01:00', '2025-01-07T00:00:00+01:00')).toBe(0);
    // Fri 17:30 to Tue 09:30: 30 min on Friday + 30 min on Tuesday.
    expect(businessDurationMs(support, '2025-01-03T17:30:00+01:00', '2025-01-07T09:30:00+01:00')).toBe(HOUR);
  });

  it('spans months without truncation', () => {
    // Mon 2025-01-27 09:00 to Fri 2025-02-28 18:00: 5 weekdays in January + 20 in February, 8 h each = 200 h.
    expect(businessDurationMs(support, '2025-01-27T09:00:00+01:00', '2025-02-28T18:00:00+01:00')).toBe(200 * HOUR);
    // A year of the calendar: 2025 has 261 weekdays, one of them the holiday → 260 × 8 h.
    expect(businessDurationMs(support, '2025-01-01T00:00:00+01:00', '2026-01-01T00:00:00+01:00')).toBe(260 * 8 * HOUR);
  });

  it('measures real time across the DST changes in Europe/Madrid', () => {
    // 2025-03-30: clocks go 02:00 → 03:00, the day lasts 23 h; 2025-10-26: 03:00 → 02:00, 25 h.
    expect(businessDurationMs(alwaysOpen, '2025-03-30T00:00:00+01:00', '2025-03-31T00:00:00+02:00')).toBe(23 * HOUR);
    expect(businessDurationMs(alwaysOpen, '2025-10-26T00:00:00+02:00', '2025-10-27T00:00:00+01:00')).toBe(25 * HOUR);
    // An interval 01:00–04:00 on those Sundays lasts 2 h and 4 h of real time.
    const sundayNight: BusinessCalendar = {
      timezone: 'Europe/Madrid',
      weekly_hours: { sun: [{ start: '01:00', end: '04:00' }] },
      holidays: [],
    };
    expect(businessDurationMs(sundayNight, '2025-03-29T12:00:00Z', '2025-03-31T00:00:00Z')).toBe(2 * HOUR);
    expect(businessDurationMs(sundayNight, '2025-10-25T12:00:00Z', '2025-10-27T00:00:00Z')).toBe(4 * HOUR);
    // Office hours on both sides of the spring change: Fri 17:00 CET → Mon 10:00 CEST is 1 h + 1 h.
    expect(businessDurationMs(support, '2025-03-28T16:00:00Z', '2025-03-31T08:00:00Z')).toBe(2 * HOUR);
  });

  it('accepts Dates and epoch milliseconds as well as ISO strings', () => {
    const start = new Date('2025-01-08T09:00:00Z');
    expect(businessDurationMs(support, start, start.getTime() + HOUR)).toBe(HOUR);
  });

  it('reads the calendar in its own time zone', () => {
    const newYork: BusinessCalendar = { ...defaultBusinessCalendar('America/New_York'), holidays: [] };
    // 14:00–15:00 UTC on a Wednesday is 09:00–10:00 in New York (open) and 15:00–16:00 in Madrid (open).
    expect(businessDurationMs(newYork, '2025-01-08T14:00:00Z', '2025-01-08T15:00:00Z')).toBe(HOUR);
    // 09:00–10:00 UTC is 04:00–05:00 in New York (closed).
    expect(businessDurationMs(newYork, '2025-01-08T09:00:00Z', '2025-01-08T10:00:00Z')).toBe(0);
  });

  it('reflects a calendar changed after an earlier calculation', () => {
    const editable: BusinessCalendar = { ...defaultBusinessCalendar('Europe/Madrid'), holidays: [] };
    const wednesday = ['2025-01-08T00:00:00+01:00', '2025-01-09T00:00:00+01:00'] as const;
    expect(businessDurationMs(editable, ...wednesday)).toBe(8 * HOUR);
    editable.holidays = ['2025-01-08'];
    expect(businessDurationMs(editable, ...wednesday)).toBe(0);
  });

  it('refuses an invalid calendar instead of returning a wrong number', () => {
    expect(() => businessDurationMs({ ...support, timezone: 'Europe/Atlantis' }, '2025-01-08T09:00:00Z', '2025-01-08T10:00:00Z')).toThrow(
      /timezone/,
    );
  });
});

describe('businessCalendarProblems', () => {
  it('accepts the default calendar', () => {
    expect(businessCalendarProblems(support)).toEqual([]);
  });

  it('names each bad property', () => {
    const problems = businessCalendarProblems({
      timezone: 'Mars/Olympus',
      weekly_hours: {
        mon: [{ start: '9:00', end: '14:00' }],
        tue: [{ start: '14:00', end: '10:00' }],
        wed: [
          { start: '09:00', end: '14:00' },
          { start: '13:00', end: '18:00' },
        ],
      },
      holidays: ['2025-02-30', '25/12/2025'],
    });
    expect(problems.map((problem) => [problem.property, problem.code])).toEqual([
      ['timezone', 'INVALID_TIMEZONE'],
      ['weekly_hours.mon.0', 'INVALID_TIME'],
      ['weekly_hours.tue.0', 'EMPTY_INTERVAL'],
      ['weekly_hours.wed.1', 'OVERLAPPING_INTERVALS'],
      ['holidays.0', 'INVALID_DATE'],
      ['holidays.1', 'INVALID_DATE'],
    ]);
  });
});
