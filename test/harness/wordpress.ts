import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, cp, mkdir, symlink, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { createTestDatabase, mariaDbServer, type TestDatabase } from './database';
import { makeTrackedTempDir, removeDirSync, track, waitFor } from './cleanup';
import { freePort } from './ports';
import { processGroupMembers, terminateAll } from './process-tree';
import { DEBIAN_WORDPRESS_DIR, HARNESS_PHP_DIR, PLUGIN_SOURCE_DIR } from './paths';

/** A plugin to put into wp-content/plugins and activate. `'cuadra'` means this repository's wp-plugin/. */
export type PluginSpec = 'cuadra' | { slug: string; source: string; mainFile: string };

export interface WordPressOptions {
  plugins?: PluginSpec[];
  /** Extra wp-config.php constants (strings, booleans or numbers). */
  constants?: Record<string, string | boolean | number>;
  /** Shortcuts for the CUADRA_SERVICE_URL / CUADRA_SECRET constants (the "configured by constants" setup). */
  serviceUrl?: string;
  secret?: string;
  /** Use this database instead of creating one (e.g. to share it with the service); it is then not dropped by stop(). */
  database?: TestDatabase;
  /** Symlink (default: edits show up live, paths in errors are the repo's) or copy the plugin. */
  pluginInstall?: 'symlink' | 'copy';
  /** PHP built-in server workers; one proved flaky at login, four are reliable. */
  workers?: number;
  /** Opcode cache for the PHP server: on by default, as on any real host (matters for benchmarks). */
  opcache?: boolean;
  startTimeoutMs?: number;
}

export interface WordPressUser {
  id: number;
  login: string;
  password: string;
  email: string;
}

/** A logged-in REST client from Node: the cookies of a real wp-login.php POST plus a REST nonce. */
export interface RestSession {
  cookie: string;
  nonce: string;
  /** Headers that authenticate a REST request as this user. */
  headers: Record<string, string>;
  /** fetch() relative to the site URL (e.g. `/wp-json/cuadra/v1/connection`) with the session's headers. */
  fetch(pathWithQuery: string, init?: RequestInit): Promise<Response>;
}

export interface ProblemFilter {
  since?: number;
  includeCoreDeprecations?: boolean;
}

export interface RunningWordPress {
  url: string;
  port: number;
  /** The document root (the WordPress copy). */
  dir: string;
  dbName: string;
  adminUser: string;
  adminPassword: string;
  debugLogPath: string;
  createUser(login: string, role: string, password?: string): Promise<WordPressUser>;
  /** Runs PHP after wp-load.php (CLI, not through the server) and returns what it printed. */
  phpEval(code: string): Promise<string>;
  /** Runs a PHP function body after wp-load.php and returns its JSON-encoded return value. */
  phpJson<T = unknown>(functionBody: string): Promise<T>;
  /** Contents of WP_DEBUG_LOG (empty when nothing was logged). */
  debugLog(): string;
  /** A position in the debug log, to look only at what a test step caused. */
  debugLogMark(): number;
  /**
   * Entries of the debug log that are PHP errors, warnings, notices or deprecations, after `since`.
   * Deprecations raised inside WordPress core itself (WordPress 6.1 on PHP 8.2 logs some on every
   * request) are left out unless `includeCoreDeprecations`.
   */
  phpProblems(options?: ProblemFilter): string[];
  /** The subset of phpProblems() whose text points into the Cuadra plugin. */
  pluginProblems(options?: ProblemFilter): string[];
  /** The PHP server's own stderr (request log, startup errors). */
  serverLog(): string;
  restSession(login: string, password: string): Promise<RestSession>;
  stop(): Promise<void>;
}

const ADMIN_USER = 'admin';
const ADMIN_PASSWORD = 'admin-pass-123';

let pristineCopy: Promise<string> | undefined;

// Copying from a local pristine tree is ~4x faster than dereferencing Debian's symlinks each time.
function pristineWordPress(): Promise<string> {
  pristineCopy ??= (async () => {
    // Tracked, so it goes away at the end of the test file (or process) with everything else.
    const { dir: root } = await makeTrackedTempDir('wp-pristine');
    const dir = path.join(root, 'wordpress');
    // -L: Debian ships relative symlinks that would dangle once copied.
    await runCommand('cp', ['-rL', DEBIAN_WORDPRESS_DIR, dir]);
    // Debian's .htaccess and wp-config.php point at /etc/wordpress; each instance writes its own config.
    await rm(path.join(dir, '.htaccess'), { force: true });
    await rm(path.join(dir, 'wp-config.php'), { force: true });
    return dir;
  })();
  return pristineCopy;
}

/**
 * A fresh WordPress (Debian's 6.1) on its own MariaDB database, served by `php -S` on a free port,
 * installed and with the given plugins active. Ready when /wp-login.php answers.
 */
export async function startWordPress(options: WordPressOptions = {}): Promise<RunningWordPress> {
  const [pristine, { dir: root, release: forgetRoot }, port, database] = await Promise.all([
    pristineWordPress(),
    makeTrackedTempDir('wp'),
    freePort(),
    options.database ? Promise.resolve(options.database) : createTestDatabase('mariadb'),
  ]);
  const ownsDatabase = !options.database;
  const dir = path.join(root, 'wordpress');
  const url = `http://127.0.0.1:${port}`;
  const debugLogPath = path.join(root, 'debug.log'); // outside the document root: never served
  const plugins = (options.plugins ?? []).map(resolvePlugin);
  let server: PhpServer | undefined;

  const cleanUp = async () => {
    await server?.stop();
    if (ownsDatabase) await database.drop();
    removeDirSync(root);
    forgetRoot();
  };

  try {
    await runCommand('cp', ['-a', pristine, dir]);
    // Keeps WordPress from calling wordpress.org (offline here): each failure would log a PHP warning.
    await mkdir(path.join(dir, 'wp-content', 'mu-plugins'));
    await copyFile(
      path.join(HARNESS_PHP_DIR, 'mu-plugins', 'harness-offline.php'),
      path.join(dir, 'wp-content', 'mu-plugins', 'harness-offline.php'),
    );
    for (const plugin of plugins) {
      const target = path.join(dir, 'wp-content', 'plugins', plugin.slug);
      if (options.pluginInstall === 'copy') {
        await cp(plugin.source, target, { recursive: true, filter: (src) => path.basename(src) !== 'node_modules' });
      } else {
        await symlink(plugin.source, target, 'dir');
      }
    }
    const constants: Record<string, string | boolean | number> = { ...options.constants };
    if (options.serviceUrl !== undefined) constants.CUADRA_SERVICE_URL = options.serviceUrl;
    if (options.secret !== undefined) constants.CUADRA_SECRET = options.secret;
    await writeFile(path.join(dir, 'wp-config.php'), wpConfig({ url, dbName: database.name, debugLogPath, constants }));

    const install = await runCommand('php', [path.join(HARNESS_PHP_DIR, 'wp-install.php'), dir], {
      env: {
        WP_BASE_URL: url,
        WP_ADMIN_PASSWORD: ADMIN_PASSWORD,
        WP_PLUGINS: plugins.map((p) => `${p.slug}/${p.mainFile}`).join(','),
      },
      allowFailure: true,
    });
    if (install.code !== 0) {
      throw new Error(`WordPress install failed (exit ${install.code}):\n${install.output}\ndebug.log:\n${readIfExists(debugLogPath)}`);
    }

    server = await startPhpServer({
      dir,
      port,
      workers: options.workers ?? 4,
      opcache: options.opcache ?? true,
    });
    const phpServer = server;
    await waitFor(
      async () => {
        if (phpServer.exited()) throw new Error(`php -S exited during startup:\n${phpServer.log()}`);
        try {
          const response = await fetch(`${url}/wp-login.php`, { signal: AbortSignal.timeout(5000) });
          return response.status === 200 ? true : undefined;
        } catch {
          return undefined;
        }
      },
      {
        timeoutMs: options.startTimeoutMs ?? 30000,
        describeFailure: () => `WordPress at ${url} did not answer /wp-login.php in time:\n${phpServer.log()}`,
      },
    );
  } catch (error) {
    await cleanUp();
    throw error;
  }

  const phpEval = async (code: string): Promise<string> => {
    const file = path.join(root, `eval-${randomBytes(6).toString('hex')}.php`);
    await writeFile(
      file,
      `<?php
$_SERVER['HTTP_HOST'] = '127.0.0.1:${port}';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = '${port}';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
require ${phpString(path.join(dir, 'wp-load.php'))};
${code}
`,
    );
    try {
      const result = await runCommand('php', [file], { allowFailure: true, separateStderr: true });
      if (result.code !== 0) throw new Error(`phpEval failed (exit ${result.code}):\n${result.output}\n${result.stderr}\ncode:\n${code}`);
      return result.output;
    } finally {
      await rm(file, { force: true });
    }
  };

  const JSON_MARKER = '@@cuadra-json@@';
  const phpJson = async <T>(functionBody: string): Promise<T> => {
    const output = await phpEval(
      `$__cuadra_result = (function () {\n${functionBody}\n})();\necho "\\n${JSON_MARKER}" . wp_json_encode($__cuadra_result);`,
    );
    const at = output.lastIndexOf(JSON_MARKER);
    if (at < 0) throw new Error(`phpJson: no result printed. Output:\n${output}`);
    return JSON.parse(output.slice(at + JSON_MARKER.length)) as T;
  };

  const debugLog = () => readIfExists(debugLogPath);
  const coreDeprecation = new RegExp(`^\\[[^\\]]+\\] PHP Deprecated: .* in ${escapeRegExp(dir)}/wp-(includes|admin)/`);
  const phpProblems = ({ since = 0, includeCoreDeprecations = false }: ProblemFilter = {}) =>
    splitLogEntries(debugLog().slice(since))
      .filter((entry) => PHP_PROBLEM.test(entry))
      .filter((entry) => includeCoreDeprecations || !coreDeprecation.test(entry));
  const pluginPaths = plugins
    .filter((p) => p.slug === 'cuadra')
    .flatMap((p) => [p.source, path.join(dir, 'wp-content', 'plugins', p.slug)]);

  return {
    url,
    port,
    dir,
    dbName: database.name,
    adminUser: ADMIN_USER,
    adminPassword: ADMIN_PASSWORD,
    debugLogPath,
    async createUser(login, role, password = `${login}-pass-123`) {
      const email = `${login}@example.test`;
      const id = await phpJson<number | { error: string }>(`
        $id = wp_insert_user(array('user_login' => ${phpString(login)}, 'user_pass' => ${phpString(password)},
          'user_email' => ${phpString(email)}, 'role' => ${phpString(role)}));
        return is_wp_error($id) ? array('error' => $id->get_error_message()) : $id;`);
      if (typeof id !== 'number') throw new Error(`createUser(${login}, ${role}) failed: ${id.error}`);
      return { id, login, password, email };
    },
    phpEval,
    phpJson,
    debugLog,
    debugLogMark: () => debugLog().length,
    phpProblems,
    pluginProblems: (filter) =>
      phpProblems({ ...filter, includeCoreDeprecations: true }).filter((entry) => pluginPaths.some((p) => entry.includes(p))),
    serverLog: () => server?.log() ?? '',
    restSession: (login, password) => openRestSession(url, login, password),
    stop: cleanUp,
  };
}

const PHP_PROBLEM = /PHP (Fatal error|Parse error|Recoverable fatal error|Warning|Notice|Deprecated|Strict Standards)/;

// Log entries start with "[date]"; stack traces continue on the following lines.
function splitLogEntries(log: string): string[] {
  return log
    .split(/\n(?=\[\d)/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function resolvePlugin(spec: PluginSpec): { slug: string; source: string; mainFile: string } {
  return spec === 'cuadra' ? { slug: 'cuadra', source: PLUGIN_SOURCE_DIR, mainFile: 'cuadra.php' } : spec;
}

function readIfExists(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** A PHP single-quoted string literal. */
export function phpString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function phpLiteral(value: string | boolean | number): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  return phpString(value);
}

function wpConfig(input: {
  url: string;
  dbName: string;
  debugLogPath: string;
  constants: Record<string, string | boolean | number>;
}): string {
  const db = mariaDbServer();
  const salt = () => randomBytes(32).toString('base64');
  const base: Record<string, string | boolean | number> = {
    DB_NAME: input.dbName,
    DB_USER: db.user,
    DB_PASSWORD: db.password,
    DB_HOST: `${db.host}:${db.port}`,
    DB_CHARSET: 'utf8mb4',
    DB_COLLATE: '',
    AUTH_KEY: salt(),
    SECURE_AUTH_KEY: salt(),
    LOGGED_IN_KEY: salt(),
    NONCE_KEY: salt(),
    AUTH_SALT: salt(),
    SECURE_AUTH_SALT: salt(),
    LOGGED_IN_SALT: salt(),
    NONCE_SALT: salt(),
    WP_HOME: input.url,
    WP_SITEURL: input.url,
    DISABLE_WP_CRON: true, // cron would fire on page loads and make timings and logs noisy
    AUTOMATIC_UPDATER_DISABLED: true,
    // Blocks the internet (unreachable here) but not the site's own host: the service on 127.0.0.1 stays reachable.
    WP_HTTP_BLOCK_EXTERNAL: true,
    FS_METHOD: 'direct',
    WP_DEBUG: true,
    WP_DEBUG_LOG: input.debugLogPath,
    WP_DEBUG_DISPLAY: false,
  };
  const lines = Object.entries({ ...base, ...input.constants }).map(([name, value]) => `define(${phpString(name)}, ${phpLiteral(value)});`);
  return `<?php
// Written by test/harness/wordpress.ts for one throw-away test site.
${lines.join('\n')}
$table_prefix = 'wp_';
if (!defined('ABSPATH')) {
\tdefine('ABSPATH', __DIR__ . '/');
}
require_once ABSPATH . 'wp-settings.php';
`;
}

interface PhpServer {
  stop(): Promise<void>;
  exited(): boolean;
  log(): string;
}

async function startPhpServer(input: { dir: string; port: number; workers: number; opcache: boolean }): Promise<PhpServer> {
  const args = [
    ...(input.opcache ? ['-d', 'opcache.enable_cli=1', '-d', 'opcache.validate_timestamps=1', '-d', 'opcache.revalidate_freq=0'] : []),
    '-S',
    `127.0.0.1:${input.port}`,
    '-t',
    input.dir,
    path.join(HARNESS_PHP_DIR, 'wp-router.php'),
  ];
  // detached = setsid: master and workers form their own process group, so one kill reaches them all.
  const child: ChildProcess = spawn('php', args, {
    cwd: input.dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PHP_CLI_SERVER_WORKERS: String(input.workers) },
  });
  const pgid = child.pid;
  if (pgid === undefined) throw new Error('could not spawn php');
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-200_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let hasExited = false;
  const exitedPromise = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once('exit', () => resolve());
  }).then(() => {
    hasExited = true;
  });
  // SIGINT: php -S's graceful stop, also what the guardian sends if the test process dies.
  const forget = track({ kind: 'process-group', pgid, signal: 'SIGINT' });
  let stopped = false;
  return {
    exited: () => hasExited,
    log: () => output,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Killing only the master leaves the workers holding the port, and SIGTERM leaves them unreaped:
      // SIGINT is php -S's graceful stop (workers exit, the master waits for them), sent to the whole group.
      await terminateAll(processGroupMembers(pgid), { signal: 'SIGINT' });
      await exitedPromise;
      forget();
    },
  };
}

async function openRestSession(baseUrl: string, login: string, password: string): Promise<RestSession> {
  const jar = new Map<string, string>([['wordpress_test_cookie', 'WP%20Cookie%20check']]);
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair && eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  };
  const loginResponse = await fetch(`${baseUrl}/wp-login.php`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader() },
    body: new URLSearchParams({ log: login, pwd: password, 'wp-submit': 'Log In', redirect_to: `${baseUrl}/wp-admin/`, testcookie: '1' }),
  });
  remember(loginResponse);
  if (loginResponse.status !== 302 || ![...jar.keys()].some((k) => k.startsWith('wordpress_logged_in_'))) {
    throw new Error(`login as ${login} failed: HTTP ${loginResponse.status}\n${(await loginResponse.text()).slice(0, 2000)}`);
  }
  // The REST nonce is what @wordpress/api-fetch sends; admin-ajax hands out a fresh one to a logged-in user.
  const nonceResponse = await fetch(`${baseUrl}/wp-admin/admin-ajax.php?action=rest-nonce`, { headers: { cookie: cookieHeader() } });
  const nonce = (await nonceResponse.text()).trim();
  if (nonceResponse.status !== 200 || !/^[0-9a-f]{10}$/.test(nonce)) {
    throw new Error(`could not get a REST nonce for ${login}: HTTP ${nonceResponse.status} ${nonce.slice(0, 200)}`);
  }
  const headers = { cookie: cookieHeader(), 'x-wp-nonce': nonce };
  return {
    cookie: headers.cookie,
    nonce,
    headers,
    fetch: (pathWithQuery, init = {}) =>
      fetch(`${baseUrl}${pathWithQuery}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } }),
  };
}

interface CommandResult {
  code: number;
  output: string;
  stderr: string;
}

function runCommand(
  command: string,
  args: string[],
  options: { env?: Record<string, string>; allowFailure?: boolean; separateStderr?: boolean } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => {
      if (options.separateStderr) stderr += c.toString('utf8');
      else output += c.toString('utf8');
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const result = { code: code ?? -1, output, stderr };
      if (code !== 0 && !options.allowFailure) reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${output}${stderr}`));
      else resolve(result);
    });
  });
}

/** The WordPress version the harness serves (Debian's package). */
export function wordpressVersion(): string {
  const result = spawnSync(
    'php',
    ['-r', `include ${phpString(path.join(DEBIAN_WORDPRESS_DIR, 'wp-includes', 'version.php'))}; echo $wp_version;`],
    {
      encoding: 'utf8',
    },
  );
  return result.stdout.trim();
}
