import { ImapFlow } from 'imapflow';

type DovecotServer = {
  host: '127.0.0.1';
  port: number;
  user: string;
  password: string;
  dir: string;
  passwordFile: string;
  stop: () => Promise<void>;
};
// The launcher is plain JavaScript, shared with bench/intake.js.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const launcher = require('./dovecot-server.js') as {
  startDovecotServer: () => Promise<DovecotServer>;
  intakeEnvironment: (server: DovecotServer, extra?: Record<string, string>) => Record<string, string>;
};

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

/**
 * Starts Dovecot (tests/helpers/dovecot-server.js: own configuration, port, passwd-file and
 * maildir under `.tmp/`, plain login on loopback, no TLS — the intake then speaks plain IMAP,
 * STARTTLS only when offered) and adds the test's own IMAP client around it.
 */
export const startDovecot = async (): Promise<Dovecot> => {
  const server = await launcher.startDovecotServer();
  const { port, user, password, dir } = server;
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
    env: (extra = {}) => launcher.intakeEnvironment(server, extra),
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
    stop: server.stop,
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
