// Self-test of test/harness: each real server the later suites rely on starts, works and stops clean.
import nodemailer from 'nodemailer';
import { signRequest } from '../../service/src/http/auth/request-signature';
import {
  connectImap,
  connectToMariaDbServer,
  createTestDatabase,
  isPortOpen,
  launchBrowser,
  loginToWordPress,
  requireAll,
  requirements,
  startDovecot,
  startService,
  startSmtpServer,
  startStack,
  startWordPress,
  watchPage,
} from '../harness';

requireAll(requirements.mariadb).describe('harness: test databases', () => {
  test('a MariaDB test database is utf8mb4 and gone after drop()', async () => {
    const db = await createTestDatabase('mariadb');
    expect(db.url).toBe(`mysql://root@127.0.0.1:3306/${db.name}`);
    const server = await connectToMariaDbServer();
    try {
      const [rows] = await server.query(
        'SELECT DEFAULT_CHARACTER_SET_NAME AS charset FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
        [db.name],
      );
      expect(rows).toEqual([{ charset: 'utf8mb4' }]);
      await db.drop();
      const [after] = await server.query('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [db.name]);
      expect(after).toEqual([]);
    } finally {
      await server.end();
    }
  });

  test('a SQLite test database is a file URL', async () => {
    const db = await createTestDatabase('sqlite');
    expect(db.url).toMatch(/^sqlite:\/.+\.sqlite$/);
    await db.drop();
  });
});

requireAll(requirements.dovecot).describe('harness: mail servers', () => {
  test('SMTP captures a message sent with nodemailer', async () => {
    const smtp = await startSmtpServer();
    try {
      const transport = nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false });
      await transport.sendMail({
        from: 'Facturación <facturas@example.test>',
        to: 'cliente@example.test',
        subject: 'Factura F-2026-0001',
        text: 'Adjuntamos su factura.',
      });
      const [message] = await smtp.waitForMessages(1, 5000);
      expect(message?.parsed.subject).toBe('Factura F-2026-0001');
      expect(message?.envelope).toEqual({ from: 'facturas@example.test', to: ['cliente@example.test'] });
      expect(message?.parsed.text?.trim()).toBe('Adjuntamos su factura.');
    } finally {
      await smtp.stop();
    }
  });

  test('Dovecot accepts a login, an APPEND and a FETCH, and stops without leftovers', async () => {
    const dovecot = await startDovecot({ users: { soporte: 'soporte-pw' } });
    const imap = await connectImap(dovecot.host, dovecot.port);
    try {
      await expect(imap.login('soporte', 'wrong')).rejects.toThrow(/AUTHENTICATIONFAILED/);
      await imap.login('soporte', 'soporte-pw');
      const appended = await imap.append(
        'INBOX',
        'From: Ana <ana@example.test>\nTo: soporte@example.test\nSubject: No puedo pagar\nMessage-ID: <t1@example.test>\n\nHola\n',
      );
      expect(appended).toMatch(/OK \[APPENDUID \d+ 1\]/);
      expect(await imap.command('SELECT INBOX')).toMatch(/\* 1 EXISTS/);
      expect(await imap.command('FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])')).toContain('Subject: No puedo pagar');
    } finally {
      await imap.close();
      await dovecot.stop();
    }
    expect(await isPortOpen(dovecot.port)).toBe(false);
  });
});

requireAll(requirements.php, requirements.wordpress, requirements.mariadb, requirements.chromium).describe(
  'harness: WordPress and Chromium',
  () => {
    test('a bare WordPress serves wp-admin to a browser login and a REST session, then stops clean', async () => {
      const wp = await startWordPress();
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage();
        const watcher = watchPage(page);
        await loginToWordPress(page, wp, wp.adminUser, wp.adminPassword);
        expect(await page.$('#wpadminbar')).not.toBeNull();
        expect(watcher.consoleErrors).toEqual([]);

        const session = await wp.restSession(wp.adminUser, wp.adminPassword);
        const me = await session.fetch('/wp-json/wp/v2/users/me?context=edit');
        expect(me.status).toBe(200);
        expect(((await me.json()) as { roles: string[] }).roles).toEqual(['administrator']);

        const editor = await wp.createUser('editora', 'editor');
        expect(await wp.phpJson(`return user_can(${editor.id}, 'edit_others_posts');`)).toBe(true);
      } finally {
        await browser.close();
        await wp.stop();
      }
      expect(await isPortOpen(wp.port)).toBe(false);
    });
  },
);

requireAll(requirements.serviceBuild).describe('harness: service process', () => {
  test('the built service answers a signed request, stops on SIGTERM and can be killed', async () => {
    const db = await createTestDatabase('sqlite');
    try {
      const service = await startService({ databaseUrl: db.url });
      const user = { id: 1, login: 'admin', caps: ['cuadra_manage'] };
      const response = await fetch(`${service.url}/connection`, {
        headers: signRequest({ secret: service.secret, method: 'GET', pathWithQuery: '/connection', user }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ service: 'cuadra', user });
      await service.stop();
      expect(service.exited).toBe(true);
      expect(await isPortOpen(service.port)).toBe(false);

      // A crash: the next start on the same database must still come up.
      const again = await startService({ databaseUrl: db.url });
      await again.kill();
      expect(again.exited).toBe(true);
    } finally {
      await db.drop();
    }
  });
});

requireAll(requirements.php, requirements.wordpress, requirements.mariadb, requirements.serviceBuild, requirements.pluginBuild).describe(
  'harness: stack configured by constants',
  () => {
    test('the plugin reads the service from wp-config.php and reaches it', async () => {
      const stack = await startStack({ connect: 'constants' });
      try {
        const session = await stack.wordpress.restSession(stack.wordpress.adminUser, stack.wordpress.adminPassword);
        const connection = await session.fetch('/wp-json/cuadra/v1/connection');
        expect(await connection.json()).toMatchObject({ service_url: stack.service!.url, secret_set: true, from_constants: true });
        const check = await session.fetch('/wp-json/cuadra/v1/connection/check', { method: 'POST' });
        expect(await check.json()).toMatchObject({ ok: true, code: 'ok' });
      } finally {
        await stack.stop();
      }
    });
  },
);
