import { defaultBusinessCalendar, type BusinessCalendar } from '../../../service/src/domain/tickets/business-hours';
import {
  lastCloseAt,
  nearestRankPercentile,
  summarizeDurations,
  ticketMetrics,
  type TicketFacts,
} from '../../../service/src/domain/tickets/ticket-metrics';

const SUPPORT = 1;
const SALES = 2;
const MARTA = 10;
const LUIS = 11;

// Support: Mon–Fri 09:00–14:00 and 15:00–18:00 Madrid, closed on Epiphany (Mon 2025-01-06).
// Sales: Mon–Fri 09:00–17:00 Madrid, no holidays.
const calendars: Record<number, BusinessCalendar> = {
  [SUPPORT]: { ...defaultBusinessCalendar('Europe/Madrid'), holidays: ['2025-01-06'] },
  [SALES]: {
    timezone: 'Europe/Madrid',
    weekly_hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ start: '09:00', end: '17:00' }]])),
    holidays: [],
  },
};
const calendarFor = (departmentId: number) => calendars[departmentId]!;

// The first quarter of 2025 in Madrid: [2024-12-31T23:00Z, 2025-03-31T22:00Z).
const period = { from: '2025-01-01T00:00:00+01:00', to: '2025-04-01T00:00:00+02:00' };

const HOUR = 3_600_000;

const tickets: TicketFacts[] = [
  // T1 Support/Marta: created Fri 2025-01-03 17:30 CET, a note at 17:45 and a customer message on
  // Saturday (neither is a response), answered Tue 09:30 (Monday is the holiday), closed Tue 12:00.
  //   first response, calendar: Fri 16:30Z → Tue 08:30Z = 3 d 16 h = 88 h = 316,800,000
  //   first response, business: Fri 17:30–18:00 + Tue 09:00–09:30 = 1 h = 3,600,000
  //   resolution, calendar: Fri 16:30Z → Tue 11:00Z = 90.5 h = 325,800,000
  //   resolution, business: 30 min Friday + Tue 09:00–12:00 = 3.5 h = 12,600,000
  {
    id: 1,
    department_id: SUPPORT,
    assignee_id: MARTA,
    status: 'closed',
    created_at: '2025-01-03T17:30:00+01:00',
    closed_at: '2025-01-07T12:00:00+01:00',
    messages: [
      { kind: 'submission', author: 'customer', created_at: '2025-01-03T17:30:00+01:00' },
      { kind: 'note', author: 'staff', created_at: '2025-01-03T17:45:00+01:00' },
      { kind: 'reply', author: 'customer', created_at: '2025-01-04T11:00:00+01:00' },
      { kind: 'reply', author: 'staff', created_at: '2025-01-07T09:30:00+01:00' },
    ],
  },
  // T2 Support/Marta, spanning January and February: created Fri 2025-01-31 13:00 CET, automatic
  // acknowledgement at 13:00:05 and a note at 13:10 (not responses), answered 15:30 (after the
  // lunch break), closed Mon 2025-02-03 16:00.
  //   first response, calendar: 2 h 30 min = 9,000,000
  //   first response, business: 13:00–14:00 + 15:00–15:30 = 1.5 h = 5,400,000
  //   resolution, calendar: Jan 31 12:00Z → Feb 3 15:00Z = 75 h = 270,000,000
  //   resolution, business: Fri 13–14 + 15–18 = 4 h, Mon 09–14 + 15–16 = 6 h → 10 h = 36,000,000
  {
    id: 2,
    department_id: SUPPORT,
    assignee_id: MARTA,
    status: 'closed',
    created_at: '2025-01-31T13:00:00+01:00',
    closed_at: '2025-02-03T16:00:00+01:00',
    messages: [
      { kind: 'submission', author: 'customer', created_at: '2025-01-31T13:00:00+01:00' },
      { kind: 'reply', author: 'system', created_at: '2025-01-31T13:00:05+01:00' },
      { kind: 'note', author: 'staff', created_at: '2025-01-31T13:10:00+01:00' },
      { kind: 'reply', author: 'staff', created_at: '2025-01-31T15:30:00+01:00' },
      { kind: 'reply', author: 'staff', created_at: '2025-02-03T16:00:00+01:00' },
    ],
  },
  // T3 Support/Luis, across the spring DST change (Sun 2025-03-30): created Fri 2025-03-28 17:00 CET
  // (16:00Z), answered Mon 2025-03-31 10:00 CEST (08:00Z), now waiting for the customer.
  //   first response, calendar: 16:00Z → 08:00Z three days later = 64 h (not the 65 h of wall clock) = 230,400,000
  //   first response, business: Fri 17:00–18:00 + Mon 09:00–10:00 = 2 h = 7,200,000
  //   not resolved (waiting)
  {
    id: 3,
    department_id: SUPPORT,
    assignee_id: LUIS,
    status: 'waiting',
    created_at: '2025-03-28T17:00:00+01:00',
    closed_at: null,
    messages: [
      { kind: 'submission', author: 'customer', created_at: '2025-03-28T17:00:00+01:00' },
      { kind: 'reply', author: 'staff', created_at: '2025-03-31T10:00:00+02:00' },
    ],
  },
  // T4 Support/unassigned: created Wed 2025-02-12, only a note and a customer follow-up: awaiting a
  // first reply, in no average.
  {
    id: 4,
    department_id: SUPPORT,
    assignee_id: null,
    status: 'open',
    created_at: '2025-02-12T10:00:00+01:00',
    closed_at: null,
    messages: [
      { kind: 'submission', author: 'customer', created_at: '2025-02-12T10:00:00+01:00' },
      { kind: 'note', author: 'staff', created_at: '2025-02-12T10:30:00+01:00' },
      { kind: 'reply', author: 'customer', created_at: '2025-02-13T10:00:00+01:00' },
    ],
  },
  // T5 Sales/Luis: created Mon 2025-03-03 08:00 CET (before opening), answered 09:45:30, closed Mon
  // 12:00, reopened by the customer and closed again Tue 2025-03-04 16:30: resolution is the last close.
  //   first response, calendar: 1 h 45 min 30 s = 6,330,000
  //   first response, business: 09:00–09:45:30 = 45 min 30 s = 2,730,000
  //   resolution, calendar: Mar 3 07:00Z → Mar 4 15:30Z = 32.5 h = 117,000,000
  //   resolution, business: Mon 09–17 = 8 h + Tue 09:00–16:30 = 7.5 h → 15.5 h = 55,800,000
  {
    id: 5,
    department_id: SALES,
    assignee_id: LUIS,
    status: 'closed',
    created_at: '2025-03-03T08:00:00+01:00',
    closed_at: lastCloseAt([
      { status: 'new', at: '2025-03-03T08:00:00+01:00' },
      { status: 'closed', at: '2025-03-03T12:00:00+01:00' },
      { status: 'open', at: '2025-03-04T09:10:00+01:00' },
      { status: 'closed', at: '2025-03-04T16:30:00+01:00' },
    ]),
    messages: [
      { kind: 'submission', author: 'customer', created_at: '2025-03-03T08:00:00+01:00' },
      { kind: 'reply', author: 'staff', created_at: '2025-03-03T09:45:30+01:00' },
      { kind: 'reply', author: 'customer', created_at: '2025-03-04T09:10:00+01:00' },
    ],
  },
  // T6 Sales/Luis: created Sat 2025-03-08 11:00 CET, closed without a reply Mon 2025-03-10 09:30.
  //   no first response, and not awaiting one (closed)
  //   resolution, calendar: Mar 8 10:00Z → Mar 10 08:30Z = 46.5 h = 167,400,000
  //   resolution, business: Mon 09:00–09:30 = 1,800,000
  {
    id: 6,
    department_id: SALES,
    assignee_id: LUIS,
    status: 'closed',
    created_at: '2025-03-08T11:00:00+01:00',
    closed_at: '2025-03-10T09:30:00+01:00',
    messages: [{ kind: 'submission', author: 'customer', created_at: '2025-03-08T11:00:00+01:00' }],
  },
  // Outside the period: half an hour before it starts, and exactly at its (exclusive) end.
  {
    id: 7,
    department_id: SUPPORT,
    assignee_id: MARTA,
    status: 'open',
    created_at: '2024-12-31T23:30:00+01:00',
    closed_at: null,
    messages: [],
  },
  {
    id: 8,
    department_id: SALES,
    assignee_id: MARTA,
    status: 'new',
    created_at: '2025-04-01T00:00:00+02:00',
    closed_at: null,
    messages: [],
  },
];

const none = { mean_ms: null, median_ms: null, p90_ms: null };

describe('ticketMetrics on a fixed table', () => {
  const report = ticketMetrics(tickets, period, calendarFor);

  it('reports the period in UTC', () => {
    expect(report.from).toBe('2024-12-31T23:00:00.000Z');
    expect(report.to).toBe('2025-03-31T22:00:00.000Z');
  });

  it('per department', () => {
    expect(report.departments).toEqual([
      {
        department_id: SUPPORT,
        volume: 4, // T1–T4
        awaiting_first_reply: 1, // T4
        first_response: {
          count: 3, // T1, T2, T3
          // sorted 9,000,000 / 230,400,000 / 316,800,000: mean 556,200,000 / 3; p90 is rank ceil(2.7) = 3
          calendar: { mean_ms: 185_400_000, median_ms: 230_400_000, p90_ms: 316_800_000 },
          // sorted 3.6 / 5.4 / 7.2 million: mean 16,200,000 / 3
          business: { mean_ms: 5_400_000, median_ms: 5_400_000, p90_ms: 7_200_000 },
        },
        resolution: {
          count: 2, // T1, T2
          // (325,800,000 + 270,000,000) / 2; p90 is rank ceil(1.8) = 2
          calendar: { mean_ms: 297_900_000, median_ms: 297_900_000, p90_ms: 325_800_000 },
          // (12,600,000 + 36,000,000) / 2
          business: { mean_ms: 24_300_000, median_ms: 24_300_000, p90_ms: 36_000_000 },
        },
      },
      {
        department_id: SALES,
        volume: 2, // T5, T6
        awaiting_first_reply: 0, // T6 was closed without a reply: not awaiting
        first_response: {
          count: 1, // T5
          calendar: { mean_ms: 6_330_000, median_ms: 6_330_000, p90_ms: 6_330_000 },
          business: { mean_ms: 2_730_000, median_ms: 2_730_000, p90_ms: 2_730_000 },
        },
        resolution: {
          count: 2, // T5, T6
          // (117,000,000 + 167,400,000) / 2
          calendar: { mean_ms: 142_200_000, median_ms: 142_200_000, p90_ms: 167_400_000 },
          // (1,800,000 + 55,800,000) / 2
          business: { mean_ms: 28_800_000, median_ms: 28_800_000, p90_ms: 55_800_000 },
        },
      },
    ]);
  });

  it('per agent (assignee), unassigned last', () => {
    expect(report.agents).toEqual([
      {
        agent_id: MARTA,
        volume: 2, // T1, T2
        awaiting_first_reply: 0,
        first_response: {
          count: 2,
          // (316,800,000 + 9,000,000) / 2
          calendar: { mean_ms: 162_900_000, median_ms: 162_900_000, p90_ms: 316_800_000 },
          // (3,600,000 + 5,400,000) / 2
          business: { mean_ms: 4_500_000, median_ms: 4_500_000, p90_ms: 5_400_000 },
        },
        resolution: {
          count: 2,
          calendar: { mean_ms: 297_900_000, median_ms: 297_900_000, p90_ms: 325_800_000 },
          business: { mean_ms: 24_300_000, median_ms: 24_300_000, p90_ms: 36_000_000 },
        },
      },
      {
        agent_id: LUIS,
        volume: 3, // T3, T5, T6
        awaiting_first_reply: 0,
        first_response: {
          count: 2, // T3 (Support calendar), T5 (Sales calendar)
          // (230,400,000 + 6,330,000) / 2
          calendar: { mean_ms: 118_365_000, median_ms: 118_365_000, p90_ms: 230_400_000 },
          // (7,200,000 + 2,730,000) / 2
          business: { mean_ms: 4_965_000, median_ms: 4_965_000, p90_ms: 7_200_000 },
        },
        resolution: {
          count: 2, // T5, T6
          calendar: { mean_ms: 142_200_000, median_ms: 142_200_000, p90_ms: 167_400_000 },
          business: { mean_ms: 28_800_000, median_ms: 28_800_000, p90_ms: 55_800_000 },
        },
      },
      {
        agent_id: null,
        volume: 1, // T4
        awaiting_first_reply: 1,
        first_response: { count: 0, calendar: none, business: none },
        resolution: { count: 0, calendar: none, business: none },
      },
    ]);
  });

  it('overall', () => {
    expect(report.overall).toEqual({
      volume: 6,
      awaiting_first_reply: 1,
      first_response: {
        count: 4,
        // sorted 6,330,000 / 9,000,000 / 230,400,000 / 316,800,000: sum 562,530,000 / 4;
        // median (9,000,000 + 230,400,000) / 2; p90 is rank ceil(3.6) = 4
        calendar: { mean_ms: 140_632_500, median_ms: 119_700_000, p90_ms: 316_800_000 },
        // sorted 2,730,000 / 3,600,000 / 5,400,000 / 7,200,000: sum 18,930,000 / 4; median (3.6 + 5.4) / 2 million
        business: { mean_ms: 4_732_500, median_ms: 4_500_000, p90_ms: 7_200_000 },
      },
      resolution: {
        count: 4,
        // sorted 117,000,000 / 167,400,000 / 270,000,000 / 325,800,000: sum 880,200,000 / 4; median (167.4 + 270) / 2 million
        calendar: { mean_ms: 220_050_000, median_ms: 218_700_000, p90_ms: 325_800_000 },
        // sorted 1,800,000 / 12,600,000 / 36,000,000 / 55,800,000: sum 106,200,000 / 4; median (12.6 + 36) / 2 million
        business: { mean_ms: 26_550_000, median_ms: 24_300_000, p90_ms: 55_800_000 },
      },
    });
  });

  it('does not count a reopened ticket as resolved until it is closed again', () => {
    const reopened: TicketFacts = { ...tickets[0]!, status: 'open' };
    const only = ticketMetrics([reopened], period, calendarFor).overall;
    expect(only.resolution.count).toBe(0);
    expect(only.first_response.calendar.mean_ms).toBe(88 * HOUR);
  });
});

describe('statistics', () => {
  it('uses nearest rank for percentiles', () => {
    const ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(nearestRankPercentile(ten, 90)).toBe(90); // rank ceil(9) = 9
    expect(nearestRankPercentile([...ten, 110], 90)).toBe(100); // rank ceil(9.9) = 10
    expect(nearestRankPercentile([5], 90)).toBe(5);
    expect(nearestRankPercentile([], 90)).toBeNull();
  });

  it('rounds means and medians to whole milliseconds only', () => {
    expect(summarizeDurations([1, 2])).toEqual({ mean_ms: 2, median_ms: 2, p90_ms: 2 }); // 1.5 rounds half up
    expect(summarizeDurations([1000, 2000, 4000])).toEqual({ mean_ms: 2333, median_ms: 2000, p90_ms: 4000 });
  });

  it('derives the last close from status history', () => {
    expect(lastCloseAt([])).toBeNull();
    expect(
      lastCloseAt([
        { status: 'closed', at: '2025-01-01T10:00:00Z' },
        { status: 'open', at: '2025-01-02T10:00:00Z' },
      ]),
    ).toBeNull();
    expect(lastCloseAt([{ status: 'closed', at: '2025-01-01T10:00:00Z' }])).toBe(Date.parse('2025-01-01T10:00:00Z'));
  });
});
