import { expectErrorShape, startServiceUnderTest, type ServiceUnderTest } from './support/service-under-test';
import { EDITOR, FORM_SUBMITTER, SUPPORT_AGENT, submissionBody } from './support/tickets';

describe('departments', () => {
  let sut: ServiceUnderTest;
  beforeEach(async () => {
    sut = await startServiceUnderTest();
  });
  afterEach(async () => {
    await sut.stop();
  });

  it('start with one default department on office hours, and keep exactly one default', async () => {
    const initial = (await sut.signed('GET', '/departments', undefined, EDITOR).expect(200)).body.items;
    const day = [
      { start: '09:00', end: '14:00' },
      { start: '15:00', end: '18:00' },
    ];
    expect(initial).toEqual([
      expect.objectContaining({
        id: 1,
        name: 'General',
        colour: '#2271b1',
        is_default: true,
        contact_user_id: null,
        contact_email: '',
        business_hours: { weekly_hours: { mon: day, tue: day, wed: day, thu: day, fri: day }, holidays: [] },
      }),
    ]);

    const ventas = (
      await sut
        .signed('POST', '/departments', { name: 'Ventas', colour: '#00A32A', contact_user_id: 4, is_default: true }, SUPPORT_AGENT)
        .expect(201)
    ).body;
    expect(ventas).toMatchObject({ name: 'Ventas', colour: '#00a32a', contact_user_id: 4, is_default: true });
    const after = (await sut.signed('GET', '/departments', undefined, SUPPORT_AGENT).expect(200)).body.items;
    expect(after.filter((d: { is_default: boolean }) => d.is_default).map((d: { id: number }) => d.id)).toEqual([ventas.id]);

    // A submission without a department goes to the default one.
    const { ticket_id } = (
      await sut.signed('POST', '/contact-submissions', submissionBody({ department_id: null }), FORM_SUBMITTER).expect(201)
    ).body;
    expect((await sut.signed('GET', `/tickets/${ticket_id}`, undefined, SUPPORT_AGENT).expect(200)).body.department.id).toBe(ventas.id);

    const unset = await sut
      .signed('PUT', `/departments/${ventas.id}`, { name: 'Ventas', colour: '#00a32a', is_default: false }, SUPPORT_AGENT)
      .expect(422);
    expectErrorShape(unset.body, 'DEFAULT_REQUIRED', 'is_default');
    await sut
      .signed(
        'PUT',
        '/departments/1',
        { name: 'General', colour: '#2271b1', is_default: true, contact_email: 'info@ejemplo.es' },
        SUPPORT_AGENT,
      )
      .expect(200);
    const final = (await sut.signed('GET', '/departments', undefined, SUPPORT_AGENT).expect(200)).body.items;
    expect(final.map((d: { name: string; is_default: boolean }) => [d.name, d.is_default])).toEqual([
      ['General', true],
      ['Ventas', false],
    ]);
    await sut.signed('PUT', '/departments/999', { name: 'X', colour: '#000000' }, SUPPORT_AGENT).expect(404);
    // A ticket can move to another department.
    const moved = (await sut.signed('PUT', `/tickets/${ticket_id}`, { department_id: 1 }, SUPPORT_AGENT).expect(200)).body;
    expect(moved.department).toEqual({ id: 1, name: 'General', colour: '#2271b1' });
    expectErrorShape(
      (await sut.signed('PUT', `/tickets/${ticket_id}`, { department_id: 999 }, SUPPORT_AGENT).expect(422)).body,
      'UNKNOWN_DEPARTMENT',
      'department_id',
    );
  });

  it('name every bad field', async () => {
    const bad = await sut
      .signed(
        'POST',
        '/departments',
        {
          name: '',
          colour: 'red',
          contact_email: 'nope',
          business_hours: { weekly_hours: { mon: [{ start: '14:00', end: '09:00' }] }, holidays: ['2026-13-45'] },
        },
        SUPPORT_AGENT,
      )
      .expect(422);
    expectErrorShape(bad.body, 'REQUIRED', 'name');
    expectErrorShape(bad.body, 'INVALID_COLOUR', 'colour');
    expectErrorShape(bad.body, 'INVALID_EMAIL', 'contact_email');
    const hours = await sut
      .signed(
        'POST',
        '/departments',
        {
          name: 'Soporte',
          colour: '#123456',
          business_hours: { weekly_hours: { mon: [{ start: '14:00', end: '09:00' }] }, holidays: ['2026-13-45'] },
        },
        SUPPORT_AGENT,
      )
      .expect(422);
    expectErrorShape(hours.body, 'EMPTY_INTERVAL', 'business_hours.weekly_hours.mon.0');
    expectErrorShape(hours.body, 'INVALID_DATE', 'business_hours.holidays.0');
  });
});
