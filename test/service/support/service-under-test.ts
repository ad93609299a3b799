import { Writable } from 'node:stream';
import supertest from 'supertest';
import { composeService } from '../../../service/src/boot';
import { loadConfig } from '../../../service/src/config';
import { signRequest, type SignedUser } from '../../../service/src/http/auth/request-signature';
import { createLogger } from '../../../service/src/logger';
import { makeTempDir } from '../../harness/cleanup';
import { createTestDatabase, type TestDatabase } from '../../harness/database';

export const TEST_SECRET = 'test-secret-0123456789-abcdefghijklmnop';

export const ADMIN: SignedUser = { id: 1, login: 'admin', caps: ['cuadra_manage', 'cuadra_billing', 'cuadra_support'], locale: 'es_ES' };
export const BOOKKEEPER: SignedUser = { id: 7, login: 'contable', caps: ['cuadra_billing'] };
export const SUBSCRIBER: SignedUser = { id: 9, login: 'visitor', caps: [] };

export interface ServiceUnderTest {
  db: TestDatabase;
  http: ReturnType<typeof supertest>;
  service: ReturnType<typeof composeService>;
  /** Everything the service logged, as text, to check what never may appear there. */
  logs(): string;
  signed(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, user?: SignedUser): supertest.Test;
  stop(): Promise<void>;
}

/**
 * The real service (real composition root, real database of the suite's target) driven in-process
 * through supertest. Pass `db` to share one database between two instances.
 */
export async function startServiceUnderTest(
  options: { db?: TestDatabase; migrate?: boolean; env?: Record<string, string>; now?: () => Date } = {},
): Promise<ServiceUnderTest> {
  const db = options.db ?? (await createTestDatabase());
  const dataDir = await makeTempDir('service-data');
  const config = loadConfig({
    DATABASE_URL: db.url,
    CUADRA_SECRET: TEST_SECRET,
    CUADRA_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ...options.env,
  });
  let logText = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logText += chunk.toString('utf8');
      done();
    },
  });
  const service = composeService(config, createLogger('info', sink), { now: options.now });
  if (options.migrate !== false) await service.prepareDatabase();
  const http = supertest(service.app);
  return {
    db,
    http,
    service,
    logs: () => logText,
    signed(method, path, body, user = ADMIN) {
      const raw = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
      // Signed at the service's own clock, so a test can move time without tripping the replay window.
      const timestamp = options.now ? Math.floor(options.now().getTime() / 1000) : undefined;
      const headers = signRequest({ secret: TEST_SECRET, method, pathWithQuery: path, body: raw, user, timestamp });
      let req = http[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](path).set(headers);
      if (raw !== '') req = req.set('Content-Type', 'application/json').send(raw);
      return req;
    },
    async stop() {
      await service.stop();
      if (!options.db) await db.drop();
    },
  };
}

/** The one error shape every failure must have. */
export function expectErrorShape(body: unknown, code: string, property: string | null = null): void {
  expect(body).toEqual({
    errors: expect.arrayContaining([
      expect.objectContaining({ code, property, type: expect.any(String), message: expect.any(String), id: expect.any(String) }),
    ]),
  });
}
