import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chown, mkdir, readdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { makeTrackedTempDir, removeDirSync, track, waitFor } from './cleanup';
import { freePort } from './ports';
import { processTree, terminateAll } from './process-tree';

// ---------------------------------------------------------------------------------------------
// SMTP: an in-process server that keeps every message it receives, parsed.
// ---------------------------------------------------------------------------------------------

export interface CapturedMail {
  envelope: { from: string | false; to: string[] };
  parsed: ParsedMail;
  raw: Buffer;
}

export interface SmtpOptions {
  /** When given, AUTH must use one of these user → password pairs; otherwise any login (or none) is accepted. */
  users?: Record<string, string>;
  /** A fixed port (e.g. to bring a server back where the service expects it); a free one by default. */
  port?: number;
}

export interface RunningSmtpServer {
  host: string;
  port: number;
  messages: CapturedMail[];
  /** Resolves with the first `count` messages once that many arrived; rejects after `timeoutMs`. */
  waitForMessages(count: number, timeoutMs?: number): Promise<CapturedMail[]>;
  stop(): Promise<void>;
}

/** An SMTP server on a free port that captures messages in memory, for asserting what the service sends. */
export async function startSmtpServer(options: SmtpOptions = {}): Promise<RunningSmtpServer> {
  const messages: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: !options.users,
    // No STARTTLS: clients would otherwise upgrade to TLS with a certificate they cannot verify.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (!options.users || options.users[auth.username ?? ''] === auth.password) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            messages.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : false,
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              parsed,
              raw,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host: '127.0.0.1',
    port,
    messages,
    waitForMessages: (count, timeoutMs = 10000) =>
      waitFor(async () => (messages.length >= count ? messages.slice(0, count) : undefined), {
        timeoutMs,
        intervalMs: 25,
        describeFailure: () => `expected ${count} message(s) on the test SMTP server, got ${messages.length}`,
      }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---------------------------------------------------------------------------------------------
// IMAP: a throw-away Dovecot with its own config, users and maildirs, never as root.
// ---------------------------------------------------------------------------------------------

export interface DovecotOptions {
  /** login → password; each gets an empty INBOX (plus Sent and Drafts). */
  users: Record<string, string>;
  startTimeoutMs?: number;
}

export interface RunningDovecot {
  host: string;
  port: number;
  users: Record<string, string>;
  dir: string;
  log(): string;
  stop(): Promise<void>;
}

interface RunAs {
  user: string;
  group: string;
  uid: number;
  gid: number;
}

function runAsAccount(): RunAs {
  if (process.getuid?.() !== 0) {
    const info = os.userInfo();
    const group = spawnSync('id', ['-gn'], { encoding: 'utf8' }).stdout.trim();
    return { user: info.username, group, uid: info.uid, gid: info.gid };
  }
  // Dovecot refuses to give mail access to root; run the whole instance as nobody.
  const id = (flag: string) => spawnSync('id', [flag, 'nobody'], { encoding: 'utf8' }).stdout.trim();
  return { user: 'nobody', group: id('-gn'), uid: Number(id('-u')), gid: Number(id('-g')) };
}

// Adapted from the shared recipe dovecot-make-conf.sh: passwd-file users, maildir, plaintext auth on 127.0.0.1.
function dovecotConfig(dir: string, port: number, runAs: RunAs): string {
  return `# throw-away Dovecot written by test/harness/mail.ts (no /etc/dovecot, no systemd)
instance_name = cuadra-test-${port}
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
login_greeting = cuadra test imap ready

default_login_user = ${runAs.user}
default_internal_user = ${runAs.user}
default_internal_group = ${runAs.group}
first_valid_uid = ${runAs.uid}
last_valid_uid = ${runAs.uid}

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n ${dir}/users
}
userdb {
  driver = static
  args = uid=${runAs.uid} gid=${runAs.gid} home=${dir}/mail/%n
}
mail_location = maildir:~/Maildir

service imap-login {
  chroot =
  user = ${runAs.user}
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service auth {
  user = ${runAs.user}
  unix_listener auth-userdb {
    user = ${runAs.user}
  }
}
service auth-worker {
  user = ${runAs.user}
}
service stats {
  unix_listener stats-writer {
    user = ${runAs.user}
  }
}
service imap {
  process_limit = 16
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = create
  }
}
`;
}

async function chownTree(target: string, uid: number, gid: number): Promise<void> {
  await chown(target, uid, gid);
  for (const entry of await readdir(target, { withFileTypes: true })) {
    const child = path.join(target, entry.name);
    if (entry.isDirectory()) await chownTree(child, uid, gid);
    else await chown(child, uid, gid);
  }
}

/** A Dovecot IMAP server on a free 127.0.0.1 port with the given users; ready when it greets. */
export async function startDovecot(options: DovecotOptions): Promise<RunningDovecot> {
  for (const [login, password] of Object.entries(options.users)) {
    if (!/^[A-Za-z0-9._-]+$/.test(login) || /[:\n]/.test(password)) throw new Error(`unsupported Dovecot test user ${login}`);
  }
  const [{ dir, release: forgetDir }, port] = await Promise.all([makeTrackedTempDir('dovecot'), freePort()]);
  const runAs = runAsAccount();
  for (const sub of ['run', 'state', 'mail']) await mkdir(path.join(dir, sub));
  const conf = path.join(dir, 'dovecot.conf');
  await writeFile(conf, dovecotConfig(dir, port, runAs));
  await writeFile(
    path.join(dir, 'users'),
    Object.entries(options.users)
      .map(([login, password]) => `${login}:{PLAIN}${password}\n`)
      .join(''),
  );
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await chownTree(dir, runAs.uid, runAs.gid);

  const [command, args] = asRoot ? ['runuser', ['-u', runAs.user, '--', 'dovecot', '-F', '-c', conf]] : ['dovecot', ['-F', '-c', conf]];
  // Detached: runuser, Dovecot and its helpers form one process group the guardian can stop.
  const child = spawn(command, args as string[], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const rootPid = child.pid ?? -1;
  const forgetProcess = track({ kind: 'process-group', pgid: rootPid, signal: 'SIGTERM' });
  const log = () => `${output}${existsSync(path.join(dir, 'dovecot.log')) ? readFileSync(path.join(dir, 'dovecot.log'), 'utf8') : ''}`;

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // Dovecot and its helpers first, so runuser (their parent) reaps them and then exits by itself.
    const dovecotPids = processTree(rootPid).filter((pid) => !asRoot || pid !== rootPid);
    await terminateAll(dovecotPids);
    await terminateAll(processTree(rootPid));
    await exited;
    forgetProcess();
    removeDirSync(dir);
    forgetDir();
  };

  try {
    await waitFor(
      async () => {
        if (hasExited) throw new Error(`dovecot exited during startup:\n${log()}`);
        return (await imapGreeting(port)) ? true : undefined;
      },
      { timeoutMs: options.startTimeoutMs ?? 10000, describeFailure: () => `dovecot did not greet on port ${port}:\n${log()}` },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { host: '127.0.0.1', port, users: { ...options.users }, dir, log, stop };
}

async function imapGreeting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('data', (data: Buffer) => done(data.toString('utf8').startsWith('* OK')));
    socket.once('error', () => done(false));
  });
}

// ---------------------------------------------------------------------------------------------
// A minimal raw IMAP client: enough to seed and inspect mailboxes from tests without imapflow.
// ---------------------------------------------------------------------------------------------

export interface ImapTestClient {
  /** Sends one command and resolves with every line up to its tagged OK; rejects on NO/BAD. */
  command(text: string): Promise<string>;
  login(user: string, password: string): Promise<void>;
  /** APPENDs a raw RFC 822 message using a LITERAL+ (no continuation round trip). */
  append(mailbox: string, message: string, flags?: string[]): Promise<string>;
  close(): Promise<void>;
}

export async function connectImap(host: string, port: number): Promise<ImapTestClient> {
  const socket = net.connect({ host, port });
  let buffer = '';
  let waiter: (() => void) | undefined;
  socket.on('data', (data: Buffer) => {
    buffer += data.toString('utf8');
    waiter?.();
  });
  const waitForText = (predicate: () => boolean, what: string, timeoutMs = 10000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`IMAP: timed out waiting for ${what}; received:\n${buffer}`)), timeoutMs);
      const check = () => {
        if (predicate()) {
          clearTimeout(timer);
          waiter = undefined;
          resolve();
        }
      };
      waiter = check;
      check();
    });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  await waitForText(() => buffer.includes('\r\n'), 'the greeting');
  if (!buffer.startsWith('* OK')) throw new Error(`IMAP: unexpected greeting ${buffer}`);
  buffer = '';
  let sequence = 0;

  const send = async (payload: string): Promise<string> => {
    const tag = `T${++sequence}`;
    buffer = '';
    socket.write(`${tag} ${payload}\r\n`);
    const tagged = new RegExp(`(^|\\r\\n)${tag} (OK|NO|BAD)[^\\r\\n]*\\r\\n`);
    await waitForText(() => tagged.test(buffer), `the reply to ${payload.split(/\r?\n/)[0]}`);
    const reply = buffer;
    const status = tagged.exec(reply)?.[2];
    if (status !== 'OK') throw new Error(`IMAP ${payload.split(/\r?\n/)[0]} failed:\n${reply}`);
    return reply;
  };

  const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return {
    command: send,
    async login(user, password) {
      await send(`LOGIN ${quote(user)} ${quote(password)}`);
    },
    append(mailbox, message, flags = []) {
      const body = message.replace(/\r?\n/g, '\r\n');
      const flagList = flags.length ? ` (${flags.join(' ')})` : '';
      return send(`APPEND ${quote(mailbox)}${flagList} {${Buffer.byteLength(body, 'utf8')}+}\r\n${body}`);
    },
    async close() {
      try {
        await send('LOGOUT');
      } catch {
        // the server may close first
      }
      socket.destroy();
    },
  };
}
