import fs from 'fs';
import type { Core } from '@strapi/strapi';
import { parseIntakeSettings, type IntakeSettings } from '../domain/intake';
import { startMailboxIntake, type MailboxIntake } from './mailbox';
import { ensureIntakeTables } from './store';

let running: MailboxIntake | null = null;

/**
 * The intake's settings from the process environment (`SANAPATI_IMAP_*`, DESIGN.md);
 * null when `SANAPATI_IMAP_HOST` is empty. Throws IntakeSettingsError on unusable values.
 */
export const intakeSettings = (): IntakeSettings | null => parseIntakeSettings(process.env, (file) => fs.readFileSync(file, 'utf8'));

/**
 * Bootstrap: creates the intake's tables and, when the mailbox is configured, starts
 * reading it. Unusable settings stop the boot with their Indonesian reason, rather than
 * leaving the mailbox silently unread.
 */
export const bootIntake = async (strapi: Core.Strapi): Promise<void> => {
  await ensureIntakeTables(strapi);
  const settings = intakeSettings();
  if (!settings) return;
  strapi.log.info(
    `[kotak-surat] membaca ${settings.user}@${settings.host}:${settings.port}/${settings.folder} setiap ${settings.pollSeconds} detik (atau segera dengan IDLE).`
  );
  running = startMailboxIntake(strapi, settings);
};

/** Whether this process reads a mailbox. */
export const intakeActive = (): boolean => running !== null;

/** Destroy: stops the mailbox reader (the message in hand finishes or rolls back). */
export const stopIntake = async (): Promise<void> => {
  const current = running;
  running = null;
  await current?.stop();
};
