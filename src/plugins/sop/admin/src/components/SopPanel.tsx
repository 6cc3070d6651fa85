import * as React from 'react';
import { Badge, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, useQueryParams, unstable_useDocument as useDocument } from '@strapi/strapi/admin';
import { definitionFor, errorMessage } from './api';
import { formatWaktu } from './wib';
import { useDefinitions } from './useDefinitions';
import { AksiList } from './AksiList';
import { CetakDokumen } from './CetakDokumen';
import { DaftarSalinan } from './DaftarSalinan';
import { DiagramAlur } from './DiagramAlur';
import { IsiSalinan } from './IsiSalinan';
import { Riwayat } from './Riwayat';
import type { Berikutnya, SopView } from './types';

/**
 * The edit view's own document query parameters (the content manager's `buildValidParams`: the
 * URL query with its `plugins` options flattened, e.g. the i18n locale), so that the panel's
 * refetch after a step refreshes the very query the edit form reads.
 */
const useEditViewParams = (): Record<string, unknown> => {
  const [{ query }] = useQueryParams<Record<string, unknown>>();
  return React.useMemo(() => {
    const { plugins, ...rest } = query ?? {};
    const options = Object.values((plugins as Record<string, unknown> | undefined) ?? {}).filter(
      (value): value is Record<string, unknown> => typeof value === 'object' && value !== null
    );
    return Object.assign({}, rest, ...options) as Record<string, unknown>;
  }, [query]);
};

/** "Menunggu Kasi (Budi Santoso): Paraf Kasi" — who acts next, one line per role. */
const Menunggu = ({ berikutnya }: { berikutnya: Berikutnya[] }) =>
  berikutnya.length === 0 ? null : (
    <Flex direction="column" alignItems="flex-start" gap={1} data-testid="sop-berikutnya">
      {berikutnya.map((entry) => (
        <Typography key={entry.peran} variant="omega">
          Menunggu {entry.label}
          {entry.nama.length > 0 ? ` (${entry.nama.join(', ')})` : ' (belum ada pengguna aktif)'}: {entry.langkah.join(' / ')}
        </Typography>
      ))}
    </Flex>
  );

/** Tahap, agenda number and tenggat (marked when overdue). */
const Status = ({ view }: { view: SopView }) => {
  const terlambat = !view.akhir && view.tenggat !== null && new Date(view.tenggat).getTime() < Date.now();
  return (
    <>
      <Flex gap={2} wrap="wrap">
        <Typography variant="sigma">Tahap</Typography>
        <Badge data-testid="sop-tahap">{view.tahapLabel}</Badge>
      </Flex>
      {view.nomorAgenda && (
        <Typography variant="omega">
          Nomor agenda: <strong>{view.nomorAgenda}</strong>
        </Typography>
      )}
      {view.tenggat && (
        <Typography variant="omega" textColor={terlambat ? 'danger600' : 'neutral800'}>
          Tenggat: {formatWaktu(view.tenggat)} {terlambat ? '— TERLAMBAT' : ''}
        </Typography>
      )}
      {!view.akhir && <Menunggu berikutnya={view.berikutnya ?? []} />}
    </>
  );
};

/** The panel's body: `GET /sop/:model/:documentId`, reloaded after each step. */
const SopPanelContent = ({ model, uid, documentId }: { model: string; uid: string; documentId: string }) => {
  const { get } = useFetchClient();
  const params = useEditViewParams();
  const { refetch } = useDocument({ model: uid, collectionType: 'collection-types', documentId, params });
  const [view, setView] = React.useState<SopView | null>(null);
  const [error, setError] = React.useState<string | null>(null);

  const load = React.useCallback(async () => {
    try {
      const response = await get<{ data: SopView }>(`/sop/${model}/${documentId}`);
      setView(response.data.data);
      setError(null);
    } catch (failure: unknown) {
      setError(errorMessage(failure));
    }
  }, [get, model, documentId]);

  React.useEffect(() => {
    load();
  }, [load]);

  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (!view) return <Typography>Memuat…</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="sop-panel">
      <Status view={view} />
      <AksiList
        model={model}
        documentId={documentId}
        aksi={view.aksi}
        konteks={view}
        onDone={() => {
          load();
          refetch();
        }}
      />
      {view.isiUrl && <IsiSalinan url={view.isiUrl} />}
      <CetakDokumen dokumen={view.dokumen ?? []} />
      <DaftarSalinan distribusi={view.distribusi} />
      <DiagramAlur model={model} tahap={view.tahap} tahapLabel={view.tahapLabel} />
      <Riwayat riwayat={view.riwayat} />
    </Flex>
  );
};

type PanelProps = { model: string; documentId?: string };

/**
 * Edit-view side panel of every content type that runs an SOP (the server's
 * `GET /sop/definitions` says which): tahap, tenggat, the steps this user may take, the
 * documents they may print, the copies, the diagram and the history.
 */
export const SopPanel = ({ model: uid, documentId }: PanelProps) => {
  const definitions = useDefinitions();
  const definition = definitions ? definitionFor(definitions, uid) : undefined;
  if (!definition) return null;
  const awal = definition.tahap.find((tahap) => tahap.key === definition.awal)?.label ?? definition.awal;
  return {
    title: 'Langkah SOP',
    content: documentId ? (
      <SopPanelContent model={definition.model} uid={uid} documentId={documentId} />
    ) : (
      <Typography variant="pi">{`Simpan naskah terlebih dahulu; tahap SOP dimulai dari "${awal}".`}</Typography>
    ),
  };
};
