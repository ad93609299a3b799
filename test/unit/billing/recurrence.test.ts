import { DateTime } from 'luxon';
import {
  firstPeriodOnOrAfter,
  isWithinTerm,
  periodDate,
  periodInstant,
  servicePeriod,
  upcomingDates,
  type RecurrenceSchedule,
} from '../../../service/src/domain/billing/recurrence';

const schedule = (over: Partial<RecurrenceSchedule>): RecurrenceSchedule => ({
  interval_unit: 'month',
  interval_count: 1,
  anchor_date: '2026-01-01',
  anchor_time: '09:00',
  end_date: null,
  cycles: null,
  timezone: 'Europe/Madrid',
  ...over,
});

const dates = (s: RecurrenceSchedule, n: number) => Array.from({ length: n }, (_, k) => periodDate(s, k));

describe('recurrence dates are computed from the anchor', () => {
  test('monthly from 31 January clamps to month ends and recovers', () => {
    expect(dates(schedule({ anchor_date: '2026-01-31' }), 5)).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
    ]);
  });

  test('yearly from 29 February gives 28 February in common years and 29 February again in leap years', () => {
    expect(dates(schedule({ anchor_date: '2024-02-29', interval_unit: 'year' }), 5)).toEqual([
      '2024-02-29',
      '2025-02-28',
      '2026-02-28',
      '2027-02-28',
      '2028-02-29',
    ]);
  });

  test('every 10 days', () => {
    expect(dates(schedule({ anchor_date: '2026-02-15', interval_unit: 'day', interval_count: 10 }), 4)).toEqual([
      '2026-02-15',
      '2026-02-25',
      '2026-03-07',
      '2026-03-17',
    ]);
  });

  test('quarterly from 30 November', () => {
    expect(dates(schedule({ anchor_date: '2026-11-30', interval_count: 3 }), 4)).toEqual([
      '2026-11-30',
      '2027-02-28',
      '2027-05-30',
      '2027-08-30',
    ]);
  });

  test('weekly at 09:00 in Madrid stays at 09:00 local across both 2026 DST changes', () => {
    const s = schedule({ anchor_date: '2026-03-23', interval_unit: 'week', anchor_time: '09:00' });
    const instants = Array.from({ length: 33 }, (_, k) => periodInstant(s, k));
    // 29 March 2026 (CET → CEST) and 25 October 2026 (CEST → CET) fall inside these weeks.
    for (const instant of instants) expect(DateTime.fromJSDate(instant).setZone('Europe/Madrid').toFormat('HH:mm ccc')).toBe('09:00 Mon');
    expect(instants[0]!.toISOString()).toBe('2026-03-23T08:00:00.000Z'); // CET, UTC+1
    expect(instants[1]!.toISOString()).toBe('2026-03-30T07:00:00.000Z'); // CEST, UTC+2
    expect(instants[31]!.toISOString()).toBe('2026-10-26T08:00:00.000Z'); // CET again
    expect(instants[30]!.toISOString()).toBe('2026-10-19T07:00:00.000Z');
  });

  test('the service period runs to the day before the next date', () => {
    const s = schedule({ anchor_date: '2026-01-31' });
    expect(servicePeriod(s, 0)).toEqual({ start: '2026-01-31', end: '2026-02-27' });
    expect(servicePeriod(s, 1)).toEqual({ start: '2026-02-28', end: '2026-03-30' });
  });

  test('the term ends by the number of invoices or by the end date', () => {
    expect(isWithinTerm(schedule({ cycles: 3 }), 2, 2)).toBe(true);
    expect(isWithinTerm(schedule({ cycles: 3 }), 3, 3)).toBe(false);
    expect(isWithinTerm(schedule({ end_date: '2026-03-01' }), 2, 2)).toBe(true);
    expect(isWithinTerm(schedule({ end_date: '2026-02-28' }), 2, 2)).toBe(false);
    expect(upcomingDates(schedule({ cycles: 3 }), 0, 0)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(upcomingDates(schedule({}), 0, 0)).toHaveLength(12);
  });

  test('a resumed template continues on the first date not in the past, never shifting the anchor', () => {
    const s = schedule({ anchor_date: '2026-01-31' });
    expect(firstPeriodOnOrAfter(s, '2026-03-01')).toBe(2);
    expect(periodDate(s, firstPeriodOnOrAfter(s, '2026-03-01'))).toBe('2026-03-31');
    expect(firstPeriodOnOrAfter(s, '2026-02-28')).toBe(1);
    expect(firstPeriodOnOrAfter(s, '2025-12-01')).toBe(0);
    const daily = schedule({ interval_unit: 'day', interval_count: 10, anchor_date: '2026-01-01' });
    expect(periodDate(daily, firstPeriodOnOrAfter(daily, '2027-06-16'))).toBe('2027-06-25'); // 2027-06-15 is day 530 = period 53
  });
});
