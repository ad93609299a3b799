import { BOOKKEEPER, expectErrorShape, startServiceUnderTest, type ServiceUnderTest } from './support/service-under-test';
import { FORM_SUBMITTER, SUPPORT_AGENT, submissionBody } from './support/tickets';

const HOURS = { start: '09:00', end: '14:00' };
const AFTERNOON = { start: '15:00', end: '18:00' };
const WEEKDAYS = {
  mon: [HOURS, AFTERNOON],
  tue: [HOURS, AFTERNOON],
  wed: [HOURS, AFTERNOON],
  thu: [HOURS, AFTERNOON],
  fri: [HOURS, AFTERNOON],
};

describe('ticket metrics on a fixed set of tickets (controlled clock, Europe/Madrid, December = UTC+1)', () => {
  let sut: ServiceUnderTest;
  let clock = new Date('2026-11-30T08:00:00Z');

  beforeEach(async () => {
    sut = await startServiceUnderTest({ now: () => clock });
  });
  afterEach(async () => {
    await sut.stop();
  });

  async function at<T>(instant: string, work: () => Promise<T>): Promise<T> {
    clock = new Date(instant);
    return work();
  }
  const open = (instant: string, departmentId: number | null = null) =>
    at(instant, async () => {
      const body = submissionBody({ submitted_at: instant, department_id: departmentId });
      return (await sut.signed('POST', '/contact-submissions', body, FORM_SUBMITTER).expect(201)).body.ticket_id as number;
    });
  const reply = (instant: string, id: number) =>
    at(instant, () => sut.signed('POST', `/tickets/${id}/replies`, { body: 'Respuesta' }, SUPPORT_AGENT).expect(201));
  const note = (instant: string, id: number) =>
    at(instant, () => sut.signed('POST', `/tickets/${id}/notes`, { body: 'Nota' }, SUPPORT_AGENT).expect(201));
  const change = (instant: string, id: number, body: object) =>
    at(instant, () => sut.signed('PUT', `/tickets/${id}`, body, SUPPORT_AGENT).expect(200));

  it('match hand-computed figures in calendar and business time, per department and per agent', async () => {
    // Ventas also works Saturday mornings: its calendar, not the default one, measures its tickets.
    const ventas = (
      await at('2026-11-30T08:00:00Z', () =>
        sut
          .signed(
            'POST',
            '/departments',
            {
              name: 'Ventas',
              colour: '#00a32a',
              business_hours: { weekly_hours: { ...WEEKDAYS, sat: [{ start: '10:00', end: '14:00' }] } },
            },
            SUPPORT_AGENT,
          )
          .expect(201),
      )
    ).body;

    // Before the period (Mon 30 Nov 23:00 local): not counted.
    await open('2026-11-30T22:00:00Z');
    // T1 Tue 09:30 local. A note at 09:45 is no response; reply 11:00; closed Wed 10:00.
    const t1 = await open('2026-12-01T08:30:00Z');
    await note('2026-12-01T08:45:00Z', t1);
    await reply('2026-12-01T10:00:00Z', t1);
    await change('2026-12-02T09:00:00Z', t1, { status: 'closed', assignee_id: 3 });
    // T3 Tue 13:30 local: never answered (awaiting), assigned to agent 3.
    const t3 = await open('2026-12-01T12:30:00Z');
    await change('2026-12-01T12:40:00Z', t3, { assignee_id: 3 });
    // T4 Wed 14:00 local (lunch): reply at 15:00:01.250 local, closed 15:30 local.
    const t4 = await open('2026-12-02T13:00:00Z');
    await reply('2026-12-02T14:00:01.250Z', t4);
    await change('2026-12-02T14:30:00Z', t4, { status: 'closed' });
    // T2 (Ventas) Fri 17:00 local, answered Mon 09:30 local across a weekend with Saturday hours.
    const t2 = await open('2026-12-04T16:00:00Z', ventas.id);
    await reply('2026-12-07T08:30:00Z', t2);

    const metrics = (await sut.signed('GET', '/tickets/metrics?from=2026-12-01&to=2026-12-07', undefined, SUPPORT_AGENT).expect(200)).body;
    // Calendar first responses: T4 3,601.25 s, T1 1.5 h, T2 64.5 h. Business: T4 1.25 s, T1 1.5 h, T2 1 h + 4 h + 0.5 h.
    expect(metrics).toEqual({
      from: '2026-11-30T23:00:00.000Z',
      to: '2026-12-07T23:00:00.000Z',
      timezone: 'Europe/Madrid',
      overall: {
        volume: 4,
        awaiting_first_reply: 1,
        first_response: {
          count: 3,
          calendar: { mean_ms: 80_400_417, median_ms: 5_400_000, p90_ms: 232_200_000 },
          business: { mean_ms: 8_400_417, median_ms: 5_400_000, p90_ms: 19_800_000 },
        },
        // T1: 24.5 h calendar, 4.5 + 3 + 1 = 8.5 h business; T4: 1.5 h calendar, 0.5 h business.
        resolution: {
          count: 2,
          calendar: { mean_ms: 46_800_000, median_ms: 46_800_000, p90_ms: 88_200_000 },
          business: { mean_ms: 16_200_000, median_ms: 16_200_000, p90_ms: 30_600_000 },
        },
      },
      departments: [
        {
          department_id: 1,
          name: 'General',
          colour: '#2271b1',
          volume: 3,
          awaiting_first_reply: 1,
          first_response: {
            count: 2,
            calendar: { mean_ms: 4_500_625, median_ms: 4_500_625, p90_ms: 5_400_000 },
            business: { mean_ms: 2_700_625, median_ms: 2_700_625, p90_ms: 5_400_000 },
          },
          resolution: {
            count: 2,
            calendar: { mean_ms: 46_800_000, median_ms: 46_800_000, p90_ms: 88_200_000 },
            business: { mean_ms: 16_200_000, median_ms: 16_200_000, p90_ms: 30_600_000 },
          },
        },
        {
          department_id: ventas.id,
          name: 'Ventas',
          colour: '#00a32a',
          volume: 1,
          awaiting_first_reply: 0,
          first_response: {
            count: 1,
            calendar: { mean_ms: 232_200_000, median_ms: 232_200_000, p90_ms: 232_200_000 },
            business: { mean_ms: 19_800_000, median_ms: 19_800_000, p90_ms: 19_800_000 },
          },
          resolution: {
            count: 0,
            calendar: { mean_ms: null, median_ms: null, p90_ms: null },
            business: { mean_ms: null, median_ms: null, p90_ms: null },
          },
        },
      ],
      agents: [
        expect.objectContaining({
          agent_id: 3,
          volume: 2,
          awaiting_first_reply: 1,
          first_response: expect.objectContaining({ count: 1, calendar: { mean_ms: 5_400_000, median_ms: 5_400_000, p90_ms: 5_400_000 } }),
          resolution: expect.objectContaining({ count: 1, business: { mean_ms: 30_600_000, median_ms: 30_600_000, p90_ms: 30_600_000 } }),
        }),
        expect.objectContaining({ agent_id: null, volume: 2, awaiting_first_reply: 0 }),
      ],
    });

    // Instants give a half-open period: only T1 and T3 were created on Tuesday.
    const tuesday = (
      await sut.signed('GET', '/tickets/metrics?from=2026-11-30T23:00:00Z&to=2026-12-01T23:00:00Z', undefined, SUPPORT_AGENT).expect(200)
    ).body;
    expect(tuesday.overall.volume).toBe(2);

    // The inbox filter agrees with the metric.
    const awaiting = (await sut.signed('GET', '/tickets?awaiting_first_reply=true', undefined, SUPPORT_AGENT).expect(200)).body;
    expect(awaiting.items.map((t: { id: number }) => t.id).sort()).toEqual([t3, 1].sort()); // T3 and the ticket before the period
  });

  it('refuses bad periods and other roles', async () => {
    expectErrorShape(
      (await sut.signed('GET', '/tickets/metrics?from=2026-12-07&to=2026-12-01', undefined, SUPPORT_AGENT).expect(422)).body,
      'INVALID_RANGE',
      'to',
    );
    expectErrorShape(
      (await sut.signed('GET', '/tickets/metrics?from=ayer&to=2026-12-01', undefined, SUPPORT_AGENT).expect(422)).body,
      'INVALID_DATE',
      'from',
    );
    expectErrorShape(
      (await sut.signed('GET', '/tickets/metrics?to=2026-12-01', undefined, SUPPORT_AGENT).expect(422)).body,
      'REQUIRED',
      'from',
    );
    await sut.signed('GET', '/tickets/metrics?from=2026-12-01&to=2026-12-07', undefined, BOOKKEEPER).expect(403);
  });
});
