'use strict';
/**
 * A private Dovecot IMAP server on loopback (Debian `dovecot-imapd`, no system service):
 * its own configuration, port, passwd-file and maildir under `.tmp/`, plain login, no TLS.
 * Shared by the intake tests (tests/helpers/dovecot.ts) and the intake bench (bench/intake.js).
 * Run as root, Dovecot's own users run the login and internal processes and `nobody` owns
 * the mail; otherwise the current user runs everything.
 */
const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const APP_DIR = path.resolve(__dirname, '..', '..');
const DOVECOT = process.env.DOVECOT_PATH || '/usr/sbin/dovecot';

const dovecotInstalled = () => fs.existsSync(DOVECOT);

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const greets = (port) =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('data', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const primaryGroup = () => {
  try {
    const line = fs
      .readFileSync('/etc/group', 'utf8')
      .split('\n')
      .find((entry) => entry.split(':')[2] === String(process.getgid()));
    return line ? line.split(':')[0] : os.userInfo().username;
  } catch {
    return os.userInfo().username;
  }
};

/** Starts Dovecot in the foreground; resolves once it greets. `{ host, port, user, password, dir, passwordFile, stop }`. */
const startDovecotServer = async () => {
  if (!dovecotInstalled()) throw new Error(`Dovecot not found at ${DOVECOT}: apt-get install -y dovecot-imapd (or set DOVECOT_PATH).`);
  const dir = path.join(APP_DIR, '.tmp', `dovecot-${process.pid}-${crypto.randomBytes(3).toString('hex')}`);
  fs.mkdirSync(path.join(dir, 'home'), { recursive: true });
  const port = await freePort();
  const user = 'sanapati';
  const password = `Sandi-${crypto.randomBytes(6).toString('hex')}`;
  const root = process.getuid() === 0;
  const me = os.userInfo().username;
  const group = root ? 'nogroup' : primaryGroup();
  fs.writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}::::\n`, { mode: 0o644 });
  const passwordFile = path.join(dir, 'imap-password');
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
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
    `  args = uid=${root ? 'nobody' : me} gid=${group} home=${dir}/home/%u`,
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
  child.stderr.on('data', (chunk) => {
    stderr += chunk.toString('utf8');
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15000;
  for (;;) {
    if (child.exitCode !== null) {
      const logged = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
      await stop();
      throw new Error(`dovecot exited with ${child.exitCode}: ${stderr}${logged}`);
    }
    if (await greets(port)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`dovecot did not listen on ${port} within 15 s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { host: '127.0.0.1', port, user, password, dir, passwordFile, stop };
};

/** The SANAPATI_IMAP_* environment that points the app at a started server (password through its secret file). */
const intakeEnvironment = (server, extra = {}) => ({
  SANAPATI_IMAP_HOST: server.host,
  SANAPATI_IMAP_PORT: String(server.port),
  SANAPATI_IMAP_SECURE: 'false',
  SANAPATI_IMAP_USER: server.user,
  SANAPATI_IMAP_PASSWORD: '',
  SANAPATI_IMAP_PASSWORD_FILE: server.passwordFile,
  SANAPATI_IMAP_FOLDER: 'INBOX',
  SANAPATI_IMAP_FOLDER_SELESAI: 'Diproses',
  SANAPATI_IMAP_POLL_SECONDS: '60',
  ...extra,
});

module.exports = { dovecotInstalled, startDovecotServer, intakeEnvironment };
