import crypto from 'crypto';
import os from 'os';
import type * as Imap from 'imapflow';
import type { ImapFlow } from 'imapflow';
import type { Core } from '@strapi/strapi';
import { dedupeKey, normaliseMessageId, type IntakeSettings } from '../domain/intake';
import { ingestMessage } from './pipeline';
import { acquireLease, findIntakeRecord, releaseLease, writeIntakeStatus } from './store';

// Loaded on first use, not at boot (issue 14's boot budget; see src/api/pengaduan/lib/rate-limit.ts).
const imapFlow = (): typeof ImapFlow => (require('imapflow') as typeof Imap).ImapFlow;

/** A lease lives this long without renewal; a process killed while holding it blocks the mailbox at most this long. */
export const LEASE_TTL_MS = 30_000;
const RENEW_EVERY_MS = 10_000;

export type MailboxIntake = {
  /** stops after the message in hand (its berita commits or not at all), logs out, gives the lease back */
  stop: () => Promise<void>;
};

const errorCode = (error: unknown): string => {
  const e = error as { code?: unknown; serverResponseCode?: unknown; authenticationFailed?: unknown } | null;
  if (e?.authenticationFailed) return 'AUTHENTICATIONFAILED';
  return String(e?.serverResponseCode ?? e?.code ?? '');
};

/** The Operator's sentence for a failed poll (shown as `galat` by GET /sop/intake). */
export const describeIntakeError = (settings: IntakeSettings, error: unknown): string => {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const server = `${settings.host}:${settings.port}`;
  if (code === 'AUTHENTICATIONFAILED') return `Login ke server IMAP ${server} ditolak: periksa SANAPATI_IMAP_USER dan kata sandinya.`;
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET', 'ConnectionTimeout', 'ETIMEOUT'].includes(code)) {
    return `Server IMAP ${server} tidak dapat dihubungi (${code}); pesan baru akan diambil setelah sambungan pulih.`;
  }
  if (/certificate|TLS|SSL/i.test(message) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')) {
    return `Sambungan TLS ke server IMAP ${server} gagal: ${message}. Periksa SANAPATI_IMAP_SECURE dan SANAPATI_IMAP_PORT.`;
  }
  if (code === 'NONEXISTENT') return `Folder "${settings.folder}" tidak ada di kotak surat ${settings.user}.`;
  return `Pengambilan pesan dari kotak surat ${settings.user}@${server} gagal: ${message}`;
};

/**
 * Reads the Sanapati mailbox: while this process holds the database lease for the mailbox
 * (one reader across server processes), every message in `folder` goes through
 * `ingestMessage` and is moved to `folderSelesai` only after its berita committed. A crash
 * between the two leaves the message in `folder`; the next pass finds its key and only
 * moves it. Waits `pollSeconds` between passes, or less: IMAP IDLE (imapflow's automatic
 * IDLE when the server offers it) reports new messages at once.
 */
export const startMailboxIntake = (strapi: Core.Strapi, settings: IntakeSettings): MailboxIntake => {
  const knex = strapi.db.connection;
  const owner = `${os.hostname()}:${process.pid}:${crypto.randomBytes(6).toString('hex')}`;
  const leaseName = `imap:${settings.user}@${settings.host}:${settings.port}/${settings.folder}`.slice(0, 200);
  let stopped = false;
  let holding = false;
  let pending = false;
  let client: ImapFlow | null = null;
  let wake: (() => void) | null = null;

  const log = (message: string) => strapi.log.warn(`[kotak-surat] ${message}`);

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (pending || stopped) return resolve();
      const done = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      wake = done;
    });

  const notify = () => {
    pending = true;
    wake?.();
  };

  const closeClient = async () => {
    const current = client;
    client = null;
    if (!current) return;
    await current.logout().catch(() => current.close());
  };

  const connect = async (): Promise<ImapFlow> => {
    const imap = new (imapFlow())({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      auth: { user: settings.user, pass: settings.password },
      logger: false,
      connectionTimeout: 30_000,
      greetingTimeout: 15_000,
      socketTimeout: 5 * 60_000,
      // IDLE one second after the last command, so new mail is reported at once (imapflow's default waits 15 s)
      autoIdleDelay: 1000,
    });
    imap.on('error', (error: unknown) => log(describeIntakeError(settings, error)));
    imap.on('exists', notify);
    imap.on('close', () => {
      if (client === imap) client = null;
    });
    await imap.connect();
    try {
      await imap.mailboxCreate(settings.folderSelesai);
    } catch (error: unknown) {
      if (errorCode(error) !== 'ALREADYEXISTS') throw error;
    }
    await imap.mailboxOpen(settings.folder);
    return imap;
  };

  /**
   * Processes every message in the folder. A message whose Message-ID is already in the
   * ledger (its berita committed, the move did not happen) is moved without downloading it
   * again. A message the server cannot take now (an error that is not about the message)
   * stays in the folder for the next pass and does not hold up the others.
   * Returns how many are left and the pass's error (Indonesian) if any.
   */
  const drain = async (imap: ImapFlow): Promise<{ menunggu: number; galat: string | null }> => {
    const lock = await imap.getMailboxLock(settings.folder);
    try {
      pending = false;
      const known = new Map<number, string | null>();
      const uids = ((await imap.search({ all: true }, { uid: true })) || []) as number[];
      if (uids.length > 0) {
        for await (const header of imap.fetch(uids.join(','), { uid: true, envelope: true }, { uid: true })) {
          known.set(header.uid, normaliseMessageId(header.envelope?.messageId));
        }
      }
      let menunggu = uids.length;
      let galat: string | null = null;
      await writeIntakeStatus(knex, { menunggu });
      for (const uid of uids) {
        if (stopped || !holding) break;
        const messageId = known.get(uid);
        const seen = messageId ? await findIntakeRecord(knex, dedupeKey(messageId, Buffer.alloc(0))) : null;
        if (seen) {
          await imap.messageMove(String(uid), settings.folderSelesai, { uid: true });
          menunggu -= 1;
          continue;
        }
        const message = await imap.fetchOne(String(uid), { uid: true, source: true, internalDate: true }, { uid: true });
        if (message && message.source) {
          const internal = message.internalDate ? new Date(message.internalDate) : null;
          try {
            const result = await ingestMessage(strapi, {
              raw: message.source,
              sumber: 'imap',
              waktuDiterima: internal && !Number.isNaN(internal.getTime()) ? internal : null,
              asal: settings.folder,
            });
            if (result.hasil === 'gagal') log(`pesan UID ${uid} disisihkan: ${result.alasan}`);
          } catch (error: unknown) {
            galat = `Pesan UID ${uid} di folder ${settings.folder} belum dapat dijadikan berita (${error instanceof Error ? error.message : String(error)}); dicoba lagi pada pemeriksaan berikutnya.`;
            log(galat);
            continue;
          }
          // Only now, with the berita (or the kept-aside copy) committed, does the message leave the folder.
          await imap.messageMove(String(uid), settings.folderSelesai, { uid: true });
        }
        menunggu -= 1;
        if (menunggu % 20 === 0) await writeIntakeStatus(knex, { menunggu });
      }
      return { menunggu, galat };
    } finally {
      lock.release();
    }
  };

  const renew = setInterval(() => {
    if (!holding || stopped) return;
    acquireLease(knex, leaseName, owner, LEASE_TTL_MS)
      .then((held) => {
        holding = held;
      })
      .catch((error: unknown) => {
        holding = false;
        log(`sewa kotak surat tidak dapat diperpanjang: ${error instanceof Error ? error.message : String(error)}`);
      });
  }, RENEW_EVERY_MS);
  renew.unref();

  const loop = async () => {
    while (!stopped) {
      try {
        holding = await acquireLease(knex, leaseName, owner, LEASE_TTL_MS);
        if (holding) {
          client = client ?? (await connect());
          const pass = await drain(client);
          if (!stopped) await writeIntakeStatus(knex, { terakhirBerhasil: new Date().toISOString(), menunggu: pass.menunggu, galat: pass.galat });
        } else {
          await closeClient();
        }
      } catch (error: unknown) {
        if (stopped) break;
        const galat = describeIntakeError(settings, error);
        log(galat);
        await writeIntakeStatus(knex, { galat }).catch(() => undefined);
        await closeClient();
      }
      if (!stopped) await wait(settings.pollSeconds * 1000);
    }
  };

  const running = loop();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(renew);
      wake?.();
      await running.catch(() => undefined);
      await closeClient();
      if (holding) await releaseLease(knex, leaseName, owner).catch(() => undefined);
    },
  };
};
