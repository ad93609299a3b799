import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { configSchema } from '../../service/src/config';

// Docker cannot run on these machines, so the compose file is checked against the code instead.
const root = path.resolve(__dirname, '..', '..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<
    string,
    {
      environment?: Record<string, string>;
      build?: { context: string; dockerfile: string };
      ports?: string[];
      volumes?: string[];
      image?: string;
    }
  >;
};

describe('docker-compose.yml', () => {
  const { services } = compose;

  it('has the whole stack: MariaDB, WordPress, the service and a mail server', () => {
    expect(Object.keys(services).sort()).toEqual(['db', 'mail', 'service', 'wordpress']);
  });

  it('gives the service only variables its config schema knows, and valid values for them', () => {
    const env = services.service!.environment!;
    const known = Object.keys(configSchema.shape);
    for (const key of Object.keys(env)) expect(known).toContain(key);
    const parsed = configSchema.safeParse(env);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(env.DATABASE_URL).toMatch(/^mysql:\/\/[^@]+@db:3306\/\w+$/);
    expect(env.HOST).toBe('0.0.0.0');
  });

  it('points WordPress at the service and at the same database, with the same secret', () => {
    const wp = services.wordpress!.environment!;
    const svc = services.service!.environment!;
    expect(wp.CUADRA_SERVICE_URL).toBe(`http://service:${svc.PORT}`);
    expect(wp.CUADRA_SECRET).toBe(svc.CUADRA_SECRET);
    expect(String(svc.CUADRA_SECRET).length).toBeGreaterThanOrEqual(32);
    const dbName = new URL(svc.DATABASE_URL!).pathname.slice(1);
    expect(wp.WORDPRESS_DB_NAME).toBe(dbName);
    expect(wp.WORDPRESS_DB_HOST).toBe('db:3306');
    expect(wp.WORDPRESS_CONFIG_EXTRA).toContain("define( 'CUADRA_SERVICE_URL'");
    expect(services.wordpress!.volumes).toContain('./wp-plugin:/var/www/html/wp-content/plugins/cuadra');
  });

  it('builds the service from a Dockerfile that exists and starts the compiled entry point', () => {
    const build = services.service!.build!;
    const dockerfile = fs.readFileSync(path.join(root, build.context, build.dockerfile), 'utf8');
    expect(dockerfile).toMatch(/CMD \["node", "service\/dist\/boot\.js"\]/);
    const main = JSON.parse(fs.readFileSync(path.join(root, 'service', 'package.json'), 'utf8')).main;
    expect(main).toBe('dist/boot.js');
  });

  it('publishes WordPress and the mail viewer, never the service', () => {
    expect(services.wordpress!.ports).toEqual(['8080:80']);
    expect(services.mail!.ports).toEqual(['8025:8025']);
    expect(services.service!.ports).toBeUndefined();
  });
});
