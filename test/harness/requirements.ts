import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { mariaDbServer } from './database';
import { CHROMIUM_PATH, DEBIAN_WORDPRESS_DIR, PLUGIN_ADMIN_BUNDLE, PLUGIN_SOURCE_DIR, SERVICE_ENTRY } from './paths';

/** `true` when the thing is there; otherwise a sentence saying what is missing and how to get it. */
export type RequirementCheck = () => true | string;

export interface Requirement {
  what: string;
  check: RequirementCheck;
}

/**
 * Lets a suite say what it needs before it starts. Checks are synchronous because jest collects
 * `describe` blocks synchronously; each check runs at most once per process.
 */
export interface SuiteGate {
  satisfied: boolean;
  /** One line per missing requirement. */
  missing: string[];
  /** `describe` when everything is there; skipped with a warning locally; a failing test under CI=true. */
  describe(name: string, body: () => void): void;
}

const memo = new Map<string, true | string>();

function run(requirement: Requirement): true | string {
  let result = memo.get(requirement.what);
  if (result === undefined) {
    try {
      result = requirement.check();
    } catch (error) {
      result = String(error instanceof Error ? error.message : error);
    }
    memo.set(requirement.what, result);
  }
  return result;
}

function commandOutput(command: string, args: string[]): { ok: boolean; text: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 15000 });
  if (result.error) return { ok: false, text: result.error.message };
  return { ok: result.status === 0, text: `${result.stdout}${result.stderr}`.trim() };
}

/** The things our heavier suites depend on, each with the fix in its message. */
export const requirements = {
  php: {
    what: 'php-cli with mysqli',
    check: () => {
      const out = commandOutput('php', ['-r', 'echo extension_loaded("mysqli") ? "ok" : "no mysqli";']);
      if (!out.ok) return `php is not runnable (${out.text}); apt-get install -y php-cli php-mysql`;
      return out.text === 'ok' ? true : 'php has no mysqli; apt-get install -y php-mysql';
    },
  },
  wordpress: {
    what: "Debian's WordPress",
    check: () =>
      existsSync(path.join(DEBIAN_WORDPRESS_DIR, 'wp-includes', 'version.php')) ||
      `${DEBIAN_WORDPRESS_DIR} is missing; apt-get install -y wordpress`,
  },
  chromium: {
    what: 'Chromium',
    check: () => existsSync(CHROMIUM_PATH) || `${CHROMIUM_PATH} is missing; apt-get install -y chromium`,
  },
  mariadb: {
    what: 'MariaDB reachable',
    check: () => {
      // mysql2 is async only, so the probe runs in a child process to keep the check synchronous.
      const script = `require(${JSON.stringify(require.resolve('mysql2/promise'))}).createConnection(${JSON.stringify({
        ...mariaDbServer(),
        connectTimeout: 3000,
      })}).then(c => c.end()).then(() => process.exit(0), e => { console.error(e.message); process.exit(1); })`;
      const out = commandOutput(process.execPath, ['-e', script]);
      const s = mariaDbServer();
      return out.ok || `cannot connect to MariaDB at ${s.user}@${s.host}:${s.port} (${out.text}); set CUADRA_TEST_MYSQL_URL`;
    },
  },
  dovecot: {
    what: 'Dovecot',
    check: () => {
      const out = commandOutput('dovecot', ['--version']);
      if (!out.ok) return `dovecot is not runnable (${out.text}); apt-get install -y dovecot-imapd`;
      if (process.getuid?.() === 0 && !commandOutput('runuser', ['--version']).ok) return 'running as root needs runuser (util-linux)';
      return true;
    },
  },
  serviceBuild: {
    what: 'built service',
    check: () => existsSync(SERVICE_ENTRY) || `${SERVICE_ENTRY} is missing; run npm run build`,
  },
  pluginBuild: {
    what: 'built plugin',
    check: () => {
      if (!existsSync(path.join(PLUGIN_SOURCE_DIR, 'cuadra.php'))) return `${PLUGIN_SOURCE_DIR}/cuadra.php is missing`;
      return existsSync(PLUGIN_ADMIN_BUNDLE) || `${PLUGIN_ADMIN_BUNDLE} is missing; run npm run build`;
    },
  },
} satisfies Record<string, Requirement>;

/** Gate a suite on every requirement given. */
export function requireAll(...needed: Requirement[]): SuiteGate {
  const missing = needed.flatMap((r) => {
    const result = run(r);
    return result === true ? [] : [`${r.what}: ${result}`];
  });
  const satisfied = missing.length === 0;
  return {
    satisfied,
    missing,
    describe(name, body) {
      if (satisfied) {
        describe(name, body);
      } else if (process.env.CI === 'true') {
        // In CI a missing tool means a broken pipeline, never a silently green run.
        describe(name, () => {
          test('has what it needs to run', () => {
            throw new Error(`"${name}" cannot run under CI=true:\n  - ${missing.join('\n  - ')}`);
          });
        });
      } else {
        console.warn(`SKIPPED "${name}" (would fail under CI=true):\n  - ${missing.join('\n  - ')}`);
        describe.skip(name, body);
      }
    },
  };
}

/** Gate a suite on a single ad-hoc requirement. */
export function requireOrSkip(what: string, check: RequirementCheck): SuiteGate {
  return requireAll({ what, check });
}
