import { randomBytes } from 'node:crypto';
import { createTestDatabase, type DatabaseTarget, type TestDatabase } from './database';
import { freePort } from './ports';
import { startService, type RunningService, type ServiceOptions } from './service-process';
import { startWordPress, type RunningWordPress, type WordPressOptions } from './wordpress';

export interface StackOptions {
  /** Start the companion service (default true). */
  withService?: boolean;
  /** The service's database (WordPress always runs on MariaDB). Default mariadb. */
  db?: DatabaseTarget;
  /**
   * How the plugin learns about the service:
   * - 'constants' (default with a service): CUADRA_SERVICE_URL / CUADRA_SECRET in wp-config.php;
   * - 'none': left unconfigured, for tests that go through the Settings screen.
   */
  connect?: 'constants' | 'none';
  /** Service and WordPress in one MariaDB database, as on a typical host (cuadra_* next to wp_*). */
  sharedDatabase?: boolean;
  secret?: string;
  wordpress?: Omit<WordPressOptions, 'serviceUrl' | 'secret' | 'database'>;
  service?: Omit<ServiceOptions, 'databaseUrl' | 'secret'>;
}

export interface RunningStack {
  wordpress: RunningWordPress;
  /** Undefined when started with withService: false. */
  service: RunningService | undefined;
  /** The service's database (undefined without a service). */
  serviceDatabase: TestDatabase | undefined;
  /** The shared secret the service was started with (give it to the plugin in UI tests). */
  secret: string | undefined;
  /** Stops everything that is still running and drops the databases; safe to call twice. */
  stop(): Promise<void>;
}

/** Service + WordPress with the Cuadra plugin, wired together, behind one stop(). */
export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const withService = options.withService ?? true;
  const connect = options.connect ?? (withService ? 'constants' : 'none');
  if (connect === 'constants' && !withService) throw new Error("connect: 'constants' needs withService");
  if (options.sharedDatabase && (options.db ?? 'mariadb') !== 'mariadb') throw new Error('sharedDatabase needs db: mariadb');

  let wordpress: RunningWordPress | undefined;
  let service: RunningService | undefined;
  let serviceDatabase: TestDatabase | undefined;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // WordPress before the service it talks to; the databases last.
    const results = await Promise.allSettled([wordpress?.stop(), service?.stop()]);
    results.push(...(await Promise.allSettled([serviceDatabase?.drop()])));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
  };

  try {
    if (withService) serviceDatabase = await createTestDatabase(options.db ?? 'mariadb');
    const servicePort = options.service?.port ?? (await freePort());
    const secret = options.secret ?? randomBytes(24).toString('hex');
    // The service migrates while WordPress installs: both take a few seconds, so they start together.
    const [serviceResult, wordpressResult] = await Promise.allSettled([
      withService ? startService({ ...options.service, port: servicePort, databaseUrl: serviceDatabase!.url, secret }) : undefined,
      startWordPress({
        plugins: ['cuadra'],
        ...options.wordpress,
        database: options.sharedDatabase ? serviceDatabase : undefined,
        ...(connect === 'constants' ? { serviceUrl: `http://127.0.0.1:${servicePort}`, secret } : {}),
      }),
    ]);
    if (serviceResult.status === 'fulfilled') service = serviceResult.value;
    if (wordpressResult.status === 'fulfilled') wordpress = wordpressResult.value;
    if (serviceResult.status === 'rejected') throw serviceResult.reason;
    if (wordpressResult.status === 'rejected') throw wordpressResult.reason;
    return { wordpress: wordpress!, service, serviceDatabase, secret: service?.secret, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
