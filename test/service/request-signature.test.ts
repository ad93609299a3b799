import { signRequest } from '../../service/src/http/auth/request-signature';
import {
  ADMIN,
  BOOKKEEPER,
  expectErrorShape,
  startServiceUnderTest,
  SUBSCRIBER,
  TEST_SECRET,
  type ServiceUnderTest,
} from './support/service-under-test';

describe('signed requests from WordPress', () => {
  let sut: ServiceUnderTest;
  beforeAll(async () => {
    sut = await startServiceUnderTest();
  });
  afterAll(async () => {
    await sut.stop();
  });

  const sign = (overrides: Partial<Parameters<typeof signRequest>[0]> = {}) =>
    signRequest({ secret: TEST_SECRET, method: 'GET', pathWithQuery: '/connection', user: ADMIN, ...overrides });

  it('accepts a correctly signed request and reports the signed user', async () => {
    const res = await sut.http.get('/connection').set(sign()).expect(200);
    expect(res.body).toMatchObject({ service: 'cuadra', version: expect.any(String), user: { id: 1, login: 'admin' } });
    expect(new Date(res.body.time).getTime()).toBeGreaterThan(0);
  });

  it('rejects a request without a signature', async () => {
    const res = await sut.http.get('/connection').expect(401);
    expectErrorShape(res.body, 'SIGNATURE_MISSING');
  });

  it('rejects a request signed with another secret', async () => {
    const res = await sut.http
      .get('/connection')
      .set(sign({ secret: 'another-secret-that-is-long-enough-000' }))
      .expect(401);
    expectErrorShape(res.body, 'SIGNATURE_INVALID');
  });

  it('rejects a request whose body, path or method differ from what was signed', async () => {
    const body = JSON.stringify({ legal_name: 'A' });
    const headers = signRequest({ secret: TEST_SECRET, method: 'PUT', pathWithQuery: '/settings/company', body, user: ADMIN });
    const tamperedBody = await sut.http
      .put('/settings/company')
      .set(headers)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ legal_name: 'B' }));
    expect(tamperedBody.status).toBe(401);
    const otherPath = await sut.http.get('/settings/company').set(sign());
    expect(otherPath.status).toBe(401);
    const otherQuery = await sut.http.get('/connection?x=1').set(sign());
    expect(otherQuery.status).toBe(401);
  });

  it('rejects a user header swapped in transit (capabilities cannot be escalated)', async () => {
    const subscriberHeaders = sign({ user: SUBSCRIBER });
    const adminHeaders = sign();
    const res = await sut.http
      .get('/connection')
      .set({ ...subscriberHeaders, 'x-cuadra-user': adminHeaders['x-cuadra-user']! })
      .expect(401);
    expectErrorShape(res.body, 'SIGNATURE_INVALID');
  });

  it('rejects timestamps more than five minutes away, either way, and says so', async () => {
    const now = Math.floor(Date.now() / 1000);
    const old = await sut.http
      .get('/connection')
      .set(sign({ timestamp: now - 301 }))
      .expect(401);
    expectErrorShape(old.body, 'TIMESTAMP_SKEW');
    expect(old.body.errors[0].message).toMatch(/in the past/);
    const future = await sut.http
      .get('/connection')
      .set(sign({ timestamp: now + 400 }))
      .expect(401);
    expectErrorShape(future.body, 'TIMESTAMP_SKEW');
    await sut.http
      .get('/connection')
      .set(sign({ timestamp: now - 240 }))
      .expect(200);
  });

  it('rejects a replayed request, also on a second instance sharing the database', async () => {
    const headers = sign();
    await sut.http.get('/connection').set(headers).expect(200);
    const again = await sut.http.get('/connection').set(headers).expect(401);
    expectErrorShape(again.body, 'REPLAYED_REQUEST');

    const second = await startServiceUnderTest({ db: sut.db });
    try {
      const fresh = sign();
      await second.http.get('/connection').set(fresh).expect(200);
      const replayedElsewhere = await sut.http.get('/connection').set(fresh).expect(401);
      expectErrorShape(replayedElsewhere.body, 'REPLAYED_REQUEST');
    } finally {
      await second.stop();
    }
  });

  it('treats two identical requests in the same second as two requests (nonces differ)', async () => {
    const ts = Math.floor(Date.now() / 1000);
    await sut.http
      .get('/connection')
      .set(sign({ timestamp: ts }))
      .expect(200);
    await sut.http
      .get('/connection')
      .set(sign({ timestamp: ts }))
      .expect(200);
  });

  it('rejects a malformed user header even when correctly signed', async () => {
    const { computeSignature, sha256Hex } = await import('../../service/src/http/auth/request-signature');
    void sha256Hex;
    const userHeader = Buffer.from('{"id":"one"}').toString('base64url');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = 'a'.repeat(32);
    const signature = computeSignature(TEST_SECRET, {
      method: 'GET',
      pathWithQuery: '/connection',
      timestamp,
      nonce,
      body: '',
      userHeader,
    });
    const res = await sut.http
      .get('/connection')
      .set({ 'x-cuadra-timestamp': timestamp, 'x-cuadra-nonce': nonce, 'x-cuadra-user': userHeader, 'x-cuadra-signature': signature })
      .expect(400);
    expectErrorShape(res.body, 'INVALID_USER_HEADER');
  });

  it('checks capabilities per route', async () => {
    const denied = await sut.signed('GET', '/settings/company', undefined, SUBSCRIBER).expect(403);
    expectErrorShape(denied.body, 'MISSING_CAPABILITY');
    await sut.signed('GET', '/settings/company', undefined, BOOKKEEPER).expect(200);
    const write = await sut.signed('PUT', '/settings/company', { legal_name: 'X' }, BOOKKEEPER).expect(403);
    expectErrorShape(write.body, 'MISSING_CAPABILITY');
    await sut.signed('GET', '/notifications/summary', undefined, SUBSCRIBER).expect(403);
    await sut.signed('GET', '/notifications/summary', undefined, BOOKKEEPER).expect(200, { count: 0, items: [] });
  });

  it('never writes the secret or the signature into its logs', async () => {
    const headers = sign();
    await sut.http.get('/connection').set(headers).expect(200);
    const logs = sut.logs();
    expect(logs).toContain('"path":"/connection"');
    expect(logs).not.toContain(TEST_SECRET);
    expect(logs).not.toContain(headers['x-cuadra-signature']);
  });
});
