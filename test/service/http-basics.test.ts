import net from 'node:net';
import { createTestDatabase, mariaDbServer, testDatabaseTarget } from '../harness/database';
import { expectErrorShape, startServiceUnderTest, type ServiceUnderTest } from './support/service-under-test';

describe('HTTP basics: health, readiness, errors', () => {
  let sut: ServiceUnderTest;
  beforeAll(async () => {
    sut = await startServiceUnderTest();
  });
  afterAll(async () => {
    await sut.stop();
  });

  it('answers /health and /ready without a signature', async () => {
    await sut.http.get('/health').expect(200, { status: 'ok' });
    await sut.http.get('/ready').expect(200, { status: 'ready' });
  });

  it('gives every response a request id, echoing a sane incoming one', async () => {
    const res = await sut.http.get('/health').set('X-Request-Id', 'abc12345-from-wp');
    expect(res.headers['x-request-id']).toBe('abc12345-from-wp');
    const generated = await sut.http.get('/health').set('X-Request-Id', 'bad id with spaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with 404 in the common shape', async () => {
    const res = await sut.signed('GET', '/no/such/route').expect(404);
    expectErrorShape(res.body, 'ROUTE_NOT_FOUND');
  });

  it('rejects malformed JSON with 400', async () => {
    const res = await sut.signed('PUT', '/settings/company', '{"legal_name": "Ejemplo",').expect(400);
    expectErrorShape(res.body, 'MALFORMED_JSON');
  });

  it('rejects a body over 1 MiB with 413 before reading it as JSON', async () => {
    const huge = JSON.stringify({ legal_name: 'x'.repeat(1024 * 1024 + 10) });
    const res = await sut.http.put('/settings/company').set('Content-Type', 'application/json').send(huge).expect(413);
    expectErrorShape(res.body, 'PAYLOAD_TOO_LARGE');
  });

  it('rejects a body that is not JSON with 415', async () => {
    const res = await sut.signed('GET', '/settings/company').set('Content-Type', 'text/plain').send('legal_name=x');
    // The signature covered an empty body, so sending one changes the hash: an honest 401 first.
    expect(res.status).toBe(401);
    const { signRequest } = await import('../../service/src/http/auth/request-signature');
    const { TEST_SECRET, ADMIN } = await import('./support/service-under-test');
    const headers = signRequest({
      secret: TEST_SECRET,
      method: 'PUT',
      pathWithQuery: '/settings/company',
      body: 'legal_name=x',
      user: ADMIN,
    });
    const plain = await sut.http.put('/settings/company').set(headers).set('Content-Type', 'text/plain').send('legal_name=x').expect(415);
    expectErrorShape(plain.body, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('never leaks internals in a 500 and logs it with the request id', async () => {
    // A route that throws a plain Error stands in for any bug: the app is rebuilt with one.
    const express = (await import('express')).default;
    const { errorMiddleware } = await import('../../service/src/http/error-middleware');
    const { requestContext } = await import('../../service/src/http/request-context');
    const { createLogger } = await import('../../service/src/logger');
    const app = express();
    app.use(requestContext(createLogger('silent')));
    app.get('/boom', () => {
      throw new Error('SELECT * FROM secret_table failed');
    });
    app.use(errorMiddleware);
    const supertest = (await import('supertest')).default;
    const res = await supertest(app).get('/boom').expect(500);
    expectErrorShape(res.body, 'UNEXPECTED_ERROR');
    expect(JSON.stringify(res.body)).not.toContain('secret_table');
  });
});

describe('HTTP basics: before the database is ready', () => {
  let sut: ServiceUnderTest;
  beforeAll(async () => {
    sut = await startServiceUnderTest({ migrate: false });
  });
  afterAll(async () => {
    await sut.stop();
  });

  it('is alive but not ready, and signed requests get 503 with a clear message', async () => {
    await sut.http.get('/health').expect(200);
    const ready = await sut.http.get('/ready').expect(503);
    expectErrorShape(ready.body, 'DATABASE_UNAVAILABLE');
    const res = await sut.signed('GET', '/settings/company').expect(503);
    expectErrorShape(res.body, 'DATABASE_UNAVAILABLE');
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body.errors[0].message).toMatch(/database cannot be reached/i);
  });
});

/**
 * A real TCP hop between the service and MariaDB that the test can cut and restore: the database
 * "goes down" for the service exactly as it would on a network or server failure.
 */
class CuttableTcpProxy {
  private server?: net.Server;
  private sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(port = 0): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as net.AddressInfo).port;
  }

  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

// Only MariaDB can go away over the network; SQLite is a file inside the process.
if (testDatabaseTarget() === 'mariadb')
  describe('database outage (MariaDB behind a cuttable TCP hop)', () => {
    let proxy: CuttableTcpProxy;
    let sut: ServiceUnderTest;
    let dbDrop: () => Promise<void>;

    beforeAll(async () => {
      const db = await createTestDatabase('mariadb');
      dbDrop = db.drop;
      proxy = new CuttableTcpProxy(mariaDbServer());
      await proxy.open();
      const url = db.url.replace(/@[^/]+\//, `@127.0.0.1:${proxy.port}/`);
      sut = await startServiceUnderTest({ db: { ...db, url } });
    });
    afterAll(async () => {
      await sut.stop();
      await proxy.cut();
      await dbDrop();
    });

    it('answers 503 while the database is down and recovers by itself when it returns', async () => {
      await sut.signed('GET', '/settings/company').expect(200);
      await proxy.cut();

      const ready = await sut.http.get('/ready').expect(503);
      expectErrorShape(ready.body, 'DATABASE_UNAVAILABLE');
      for (let i = 0; i < 3; i++) {
        const res = await sut.signed('GET', '/settings/company');
        expect(res.status).toBe(503);
        expectErrorShape(res.body, 'DATABASE_UNAVAILABLE');
      }
      await sut.http.get('/health').expect(200);

      await proxy.open(proxy.port);
      let status = 0;
      for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
        status = (await sut.signed('GET', '/settings/company')).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(status).toBe(200);
      await sut.http.get('/ready').expect(200);
    });
  });
