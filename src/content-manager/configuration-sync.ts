import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';

/** The core-store keys of the content manager's view configurations (one per content type and component). */
const CONFIGURATION_KEY_PREFIX = 'plugin_content_manager_configuration_';
const COMPONENTS = 'plugin::content-manager.components';
const CONTENT_TYPES = 'plugin::content-manager.content-types';

/**
 * What the content manager's configuration sync did at a boot: `unchanged` when its inputs were
 * those of the last completed sync and it was not run again, `synced` when it ran.
 */
export type ConfigurationSyncOutcome = 'unchanged' | 'synced';

type SyncService = { syncConfigurations: () => Promise<unknown> } & Record<string, unknown>;

/** The debug line each outcome logs at boot. */
export const SYNC_LOG: Record<ConfigurationSyncOutcome, string> = {
  unchanged: '[content-manager] Skema dan konfigurasi tampilan tidak berubah sejak sinkronisasi terakhir; sinkronisasi dilewati.',
  synced: '[content-manager] Konfigurasi tampilan disinkronkan dengan skema.',
};

const fingerprintStore = (strapi: Core.Strapi) => strapi.store({ type: 'plugin', name: 'meja-sandi', key: 'content-manager-sync' });

/** A registry's schemas as [uid, schema] pairs in uid order (the components load in a varying order). */
const byUid = (models: object): [string, unknown][] => Object.entries(models).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * A SHA-256 (hex) of everything the content manager's configuration sync reads: the Strapi
 * version (its code), every content type's and component's schema, the field sizes (the built-in
 * ones and those of custom fields), and every stored view configuration row as stored. Equal
 * fingerprints mean the sync would compute what is already stored. One query.
 */
export const configurationSyncFingerprint = async (strapi: Core.Strapi): Promise<string> => {
  const rows = await strapi.db.query('strapi::core-store').findMany({
    where: { key: { $startsWith: CONFIGURATION_KEY_PREFIX } },
    select: ['key', 'value', 'type', 'environment', 'tag'],
    orderBy: [{ key: 'asc' }, { id: 'asc' }],
  });
  const fieldSizes = (strapi.plugin('content-manager').service('field-sizes') as { getAllFieldSizes: () => unknown }).getAllFieldSizes();
  return createHash('sha256')
    .update(
      JSON.stringify({
        strapi: strapi.config.get('info.strapi'),
        contentTypes: byUid(strapi.contentTypes),
        components: byUid(strapi.components),
        fieldSizes,
        rows,
      })
    )
    .digest('hex');
};

/**
 * At register: the content manager syncs its stored view configurations with the schemas only
 * when something it reads changed (issue 14, boot). Strapi runs that sync at every boot — for
 * each content type and component it builds and runs a yup validation of the schema's `config`
 * and merges the stored layout, ≈ 0.2 s of CPU at each restart here for a result that is, when
 * nothing changed, what is already stored. Its inputs are fingerprinted
 * (configurationSyncFingerprint) before the components' sync; when the fingerprint equals the
 * stored one, both syncs (components, then content types, as the content manager's bootstrap
 * calls them) are skipped. Otherwise both run as Strapi wrote them, and the fingerprint is stored
 * only when they changed nothing — when the inputs were already the sync's own fixed point. So a
 * fingerprint is never taken of rows someone else wrote while the sync ran (another process
 * booting an older schema, an administrator saving a view: session 13's reviewer), and the boot
 * after a sync that changed something syncs once more to confirm. A changed schema, a view an
 * administrator configured, a row deleted or edited by hand, a Strapi upgrade: each changes the
 * fingerprint, so the sync runs. A content-types sync not preceded by the components' (no
 * fingerprint taken) runs and stores nothing. Throws what the store or the sync throws.
 */
export const registerConfigurationSyncOnChange = (strapi: Core.Strapi): void => {
  const services = strapi.get('services') as { extend: (uid: string, extend: (service: SyncService) => SyncService) => void };
  let decision: { outcome: 'unchanged' } | { outcome: 'synced'; before: string } | undefined;
  services.extend(COMPONENTS, (service) => ({
    ...service,
    syncConfigurations: async () => {
      const before = await configurationSyncFingerprint(strapi);
      const stored = (await fingerprintStore(strapi).get({})) as { fingerprint?: string } | null;
      decision = stored?.fingerprint === before ? { outcome: 'unchanged' } : { outcome: 'synced', before };
      if (decision.outcome === 'synced') await service.syncConfigurations();
    },
  }));
  services.extend(CONTENT_TYPES, (service) => ({
    ...service,
    syncConfigurations: async () => {
      const taken = decision;
      decision = undefined;
      if (taken?.outcome === 'unchanged') {
        strapi.log.debug(SYNC_LOG.unchanged);
        return;
      }
      await service.syncConfigurations();
      strapi.log.debug(SYNC_LOG.synced);
      if (taken?.outcome !== 'synced') return;
      const after = await configurationSyncFingerprint(strapi);
      if (after === taken.before) await fingerprintStore(strapi).set({ value: { fingerprint: after } });
    },
  }));
};
