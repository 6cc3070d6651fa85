import { z } from 'zod';
import { validateFormat } from '../engine/numbering';

const patternValid = (pattern: string): boolean => {
  try {
    validateFormat(pattern);
    return true;
  } catch {
    return false;
  }
};
const patternMessage = 'format penomoran harus memuat {nomor} dan hanya penanda {nomor}, {nomor:N}, {tahun}, {bulan}, {bulan-romawi}, {kode}';

/**
 * The plugin's settings (`config/plugins.ts` → `sop.config`), read with
 * `strapi.plugin('sop').config(name)`. Checked once when Strapi loads the plugin;
 * a bad value stops the boot with the reason.
 */
export const sopConfigSchema = z
  .object({
    /** pattern of buku agenda numbers, e.g. `{nomor:4}/{tahun}` (src/domain/numbering.ts) */
    agendaFormat: z.string().min(1).max(100),
    /**
     * per agenda book (the `buku` of `assignAgendaNumber`), a pattern of its own, so that two
     * books' numbers cannot be mistaken for each other on paper; a book not named uses `agendaFormat`
     */
    agendaFormatPerBuku: z.record(z.string().min(1).max(50), z.string().min(1).max(100).refine(patternValid, patternMessage)),
    /** base URL of the admin panel in notification links; empty = server.url */
    publicUrl: z.string().max(300),
    /** name of the webhook event emitted after every committed step */
    transitionEvent: z.literal('sop.transition'),
  })
  .strict();

export type SopConfig = z.infer<typeof sopConfigSchema>;

export default {
  default: {
    agendaFormat: '{nomor:4}/{tahun}',
    agendaFormatPerBuku: {},
    publicUrl: '',
    transitionEvent: 'sop.transition',
  } satisfies SopConfig,
  validator(config: unknown): void {
    const parsed = sopConfigSchema.safeParse(config);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`).join('; ');
      throw new Error(`Konfigurasi plugin SOP tidak sah: ${issues}`);
    }
  },
};
