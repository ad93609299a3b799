// List e-mail links end to end: the service mails the opt-in, WordPress answers the links
// (GET shows a page and changes nothing, the button POSTs, RFC 8058 one-click POST unsubscribes),
// and the WordPress privacy exporter and eraser reach the service. Plain HTTP, no browser needed.
import { signRequest, type SignedUser } from '../../service/src/http/auth/request-signature';
import { requireAll, requirements, startSmtpServer, startStack, type RunningSmtpServer, type RunningStack } from '../harness';

const SUPPORT: SignedUser = { id: 1, login: 'admin', caps: ['cuadra_support'] };
const FORM: SignedUser = { id: 0, login: 'cuadra-contact-form', caps: ['cuadra_form_submit'] };

requireAll(requirements.php, requirements.wordpress, requirements.mariadb, requirements.serviceBuild).describe(
  'list links and privacy tools in WordPress',
  () => {
    let smtp: RunningSmtpServer;
    let stack: RunningStack;

    beforeAll(async () => {
      smtp = await startSmtpServer();
      stack = await startStack({
        service: {
          env: {
            SMTP_HOST: smtp.host,
            SMTP_PORT: String(smtp.port),
            SMTP_SECURITY: 'none',
            MAIL_FROM: 'Ejemplo <hola@ejemplo.es>',
            SUPPORT_EMAIL: 'soporte@ejemplo.es',
          },
        },
      });
    }, 180_000);
    afterAll(async () => {
      await stack?.stop();
      await smtp?.stop();
    });

    async function service(method: 'GET' | 'POST', path: string, body?: unknown, user = SUPPORT) {
      const raw = body === undefined ? '' : JSON.stringify(body);
      const headers = signRequest({ secret: stack.service!.secret, method, pathWithQuery: path, body: raw, user });
      const response = await fetch(`${stack.service!.url}${path}`, {
        method,
        headers: { ...headers, ...(raw ? { 'Content-Type': 'application/json' } : {}) },
        body: raw || undefined,
      });
      return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    }
    const memberStatus = async (listId: number) => (await service('GET', `/lists/${listId}/members`)).body.items[0].status as string;

    it('confirm and unsubscribe links: GET shows a page, the button or a one-click POST acts', async () => {
      const list = (await service('POST', '/lists', { name: 'Novedades <b>' })).body;
      const page = `${stack.wordpress.url}/`;
      const submission = {
        idempotency_key: 'e2e-lists-0001',
        submitted_at: new Date().toISOString(),
        source: { post_id: 1, page_url: page, form_id: 'f1' },
        department_id: null,
        list_ids: [list.id],
        fields: { name: 'Ana', email: 'ana@example.es', message: 'Hola', privacy_accepted: true, marketing_consent: true },
        consent: { text: 'Acepto', version: 'v1', ip: '203.0.113.5', user_agent: 'test' },
        locale: 'es_ES',
      };
      expect((await service('POST', '/contact-submissions', submission, FORM)).status).toBe(201);
      const mails = await smtp.waitForMessages(2, 30_000);
      const optIn = mails.find((m) => /suscripción/.test(m.parsed.subject ?? ''))!;
      const confirmUrl = /https?:\/\/\S+cuadra_list_action=confirm&token=[A-Za-z0-9_-]+/.exec(optIn.parsed.text!)![0];
      expect(confirmUrl.startsWith(page)).toBe(true);

      // A link scanner's GET: a page with a button, nothing confirmed.
      for (let i = 0; i < 2; i++) {
        const shown = await fetch(confirmUrl, { redirect: 'manual' });
        expect(shown.status).toBe(200);
        expect(shown.headers.get('referrer-policy')).toBe('no-referrer');
        const html = await shown.text();
        expect(html).toContain('a***@e***.es');
        expect(html).toContain('Novedades &lt;b&gt;'); // escaped
        expect(html).toMatch(/<form method="post" action="">/);
      }
      expect(await memberStatus(list.id)).toBe('pending');

      const confirmed = await fetch(confirmUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'cuadra_list_submit=1',
        redirect: 'manual',
      });
      expect(confirmed.status).toBe(200);
      expect(await memberStatus(list.id)).toBe('subscribed');

      const header = optIn.raw
        .toString('utf8')
        .split(/\r?\n\r?\n/)[0]!
        .replace(/\r?\n[ \t]+/g, ' ');
      const unsubscribeUrl = /List-Unsubscribe: <([^>]+)>/i.exec(header)![1]!;
      const shown = await fetch(unsubscribeUrl, { redirect: 'manual' });
      expect(shown.status).toBe(200);
      expect(await memberStatus(list.id)).toBe('subscribed');

      // RFC 8058: what a mail client sends when the reader presses "Unsubscribe".
      const oneClick = await fetch(unsubscribeUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
        redirect: 'manual',
      });
      expect(oneClick.status).toBe(200);
      expect(oneClick.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await memberStatus(list.id)).toBe('unsubscribed');
      expect((await service('GET', `/lists/${list.id}/members`)).body.items[0].unsubscribe_source).toBe('one-click');

      const bogus = await fetch(`${page}?cuadra_list_action=confirm&token=${'A'.repeat(43)}`, { redirect: 'manual' });
      expect(bogus.status).toBe(404);
      expect(stack.wordpress.pluginProblems()).toEqual([]);
    });

    it('the WordPress privacy exporter and eraser reach the service', async () => {
      const exported = await stack.wordpress.phpJson<{
        data: { group_id: string; data: { name: string; value: string }[] }[];
        done: boolean;
      }>(`
        wp_set_current_user( 1 );
        $exporters = apply_filters( 'wp_privacy_personal_data_exporters', array() );
        $result = call_user_func( $exporters['cuadra']['callback'], 'ana@example.es', 1 );
        return is_wp_error( $result ) ? array( 'error' => $result->get_error_message() ) : $result;
      `);
      expect(exported).not.toHaveProperty('error');
      expect(exported.done).toBe(true);
      expect(exported.data.map((item) => item.group_id)).toEqual(
        expect.arrayContaining(['cuadra-contacts', 'cuadra-lists', 'cuadra-tickets']),
      );
      expect(JSON.stringify(exported)).toContain('203.0.113.5');

      const erased = await stack.wordpress.phpJson<{ items_removed: boolean; items_retained: boolean; messages: string[]; done: boolean }>(`
        wp_set_current_user( 1 );
        $erasers = apply_filters( 'wp_privacy_personal_data_erasers', array() );
        return call_user_func( $erasers['cuadra']['callback'], 'ana@example.es', 1 );
      `);
      expect(erased).toEqual({ items_removed: true, items_retained: false, messages: [], done: true });
      const after = (await service('GET', '/contacts/personal-data?email=ana%40example.es')).body;
      expect(after.contacts).toEqual([]);
      expect(stack.wordpress.pluginProblems()).toEqual([]);
    });
  },
);
