import { spawn, type ChildProcess } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { ImapFlow } from 'imapflow';
import { freePort } from './faults';

const APP_DIR = path.resolve(__dirname, '..', '..');
const DOVECOT = process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';

/** A private Dovecot IMAP server on loopback for one test file (Debian `dovecot-imapd`, no system service). */
export type Dovecot = {
  host: '127.0.0.1';
  port: number;
  user: string;
  password: string;
  dir: string;
  /** the SANAPATI_IMAP_* environment that points the app at this server (password through a secret file) */
  env: (extra?: Record<string, string>) => Record<string, string>;
  /** a logged-in imapflow client of the test's own */
  client: () => Promise<ImapFlow>;
  /** delivers messages by IMAP APPEND (with INTERNALDATE when given) */
  append: (folder: string, messages: { raw: Buffer; date?: Date }[]) => Promise<void>;
  /** messages in a folder (0 when it does not exist) */
  count: (folder: string) => Promise<number>;
  stop: () => Promise<void>;
};

const waitForPort = async (port: number, child: ChildProcess, log: string, timeoutMs = 15000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}: ${fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : ''}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('data', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dovecot did not listen on ${port} within ${timeoutMs} ms`);
};

/**
 * Starts Dovecot in the foreground with its own configuration, port, passwd-file and
 * maildir under `.tmp/`: plain login on loopback, no TLS (the intake then uses plain
 * IMAP, STARTTLS only when offered). Run as root, Dovecot's own users run the login and
 * internal processes and `nobody` owns the mail; otherwise the current user runs all.
 */
export const startDovecot = async (): Promise<Dovecot> => {
  if (!fs.existsSync(DOVECOT)) {
    throw new Error(`Dovecot not found at ${DOVECOT}: apt-get install -y dovecot-imapd (or set DOVECOT_PATH).`);
  }
  const dir = path.join(APP_DIR, '.tmp', `dovecot-${process.pid}-${crypto.randomBytes(3).toString('hex')}`);
  fs.mkdirSync(path.join(dir, 'home'), { recursive: true });
  const port = await freePort();
  const user = 'sanapati';
  const password = `Sandi-${crypto.randomBytes(6).toString('hex')}`;
  const root = process.getuid?.() === 0;
  const me = os.userInfo().username;
  const group = root ? 'nogroup' : (() => {
    try {
      return fs.readFileSync('/etc/group', 'utf8').split('\n').find((line) => line.split(':')[2] === String(process.getgid?.()))?.split(':')[0] ?? me;
    } catch {
      return me;
    }
  })();
  const mailUser = root ? 'nobody' : me;
  fs.writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}::::\n`, { mode: 0o644 });
  const log = path.join(dir, 'dovecot.log');
  const config = [
    `base_dir = ${dir}/run`,
    `state_dir = ${dir}/state`,
    `log_path = ${log}`,
    `info_log_path = ${log}`,
    `instance_name = meja-test-${port}`,
    'protocols = imap',
    'listen = 127.0.0.1',
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    `default_internal_user = ${root ? 'dovecot' : me}`,
    `default_internal_group = ${root ? 'dovecot' : group}`,
    `default_login_user = ${root ? 'dovenull' : me}`,
    'first_valid_uid = 1',
    `mail_location = maildir:${dir}/home/%u/Maildir`,
    'passdb {',
    '  driver = passwd-file',
    `  args = scheme=PLAIN username_format=%u ${dir}/passwd`,
    '}',
    'userdb {',
    '  driver = static',
    `  args = uid=${mailUser} gid=${root ? 'nogroup' : group} home=${dir}/home/%u`,
    '}',
    'service imap-login {',
    '  chroot =',
    '  inet_listener imap {',
    '    address = 127.0.0.1',
    `    port = ${port}`,
    '  }',
    '  inet_listener imaps {',
    '    port = 0',
    '  }',
    '}',
    'service anvil {',
    '  chroot =',
    '}',
    '',
  ].join('\n');
  const configFile = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(configFile, config);
  if (root) fs.chownSync(path.join(dir, 'home'), 65534, 65534);
  fs.chmodSync(dir, 0o755);

  const child = spawn(DOVECOT, ['-F', '-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  try {
    await waitForPort(port, child, log);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }

  const client = async () => {
    const imap = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
    imap.on('error', () => undefined);
    await imap.connect();
    return imap;
  };
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    dir,
    env: (extra = {}) => {
      const secretFile = path.join(dir, 'imap-password');
      fs.writeFileSync(secretFile, `${password}\n`, { mode: 0o600 });
      return {
        SANAPATI_IMAP_HOST: '127.0.0.1',
        SANAPATI_IMAP_PORT: String(port),
        SANAPATI_IMAP_SECURE: 'false',
        SANAPATI_IMAP_USER: user,
        SANAPATI_IMAP_PASSWORD: '',
        SANAPATI_IMAP_PASSWORD_FILE: secretFile,
        SANAPATI_IMAP_FOLDER: 'INBOX',
        SANAPATI_IMAP_FOLDER_SELESAI: 'Diproses',
        SANAPATI_IMAP_POLL_SECONDS: '60',
        ...extra,
      };
    },
    client,
    append: async (folder, messages) => {
      const imap = await client();
      try {
        for (const message of messages) await imap.append(folder, message.raw, [], message.date);
      } finally {
        await imap.logout();
      }
    },
    count: async (folder) => {
      const imap = await client();
      try {
        const status = await imap.status(folder, { messages: true }).catch(() => false as const);
        return status ? (status.messages ?? 0) : 0;
      } finally {
        await imap.logout();
      }
    },
    stop: async () => {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        });
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** Polls `check` every 200 ms until it returns true; fails after `timeoutMs` with `what`. */
export const eventually = async (what: string, check: () => Promise<boolean>, timeoutMs = 60000): Promise<number> => {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
};
