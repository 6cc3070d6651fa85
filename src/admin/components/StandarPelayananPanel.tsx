import * as React from 'react';
import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';

export const STANDAR_PELAYANAN_UID = 'api::standar-pelayanan.standar-pelayanan';

type Pemeriksaan = { terisi: number; total: number; kosong: string[]; peringatan: string[] };
type ErrorBody = { error?: { message?: string } };

const errorMessage = (error: unknown): string => {
  const body = (error as { response?: { data?: ErrorBody } })?.response?.data;
  return body?.error?.message ?? (error instanceof Error ? error.message : 'Terjadi kesalahan.');
};

/** Completeness n/14 and the flags of the version on screen (draft or published tab). */
const PemeriksaanContent = ({ documentId, status, version }: { documentId: string; status: 'draft' | 'published'; version: string }) => {
  const { get } = useFetchClient();
  const [result, setResult] = React.useState<Pemeriksaan | null>(null);
  const [error, setError] = React.useState<string | null>(null);

  React.useEffect(() => {
    let active = true;
    get<{ data: Pemeriksaan }>(`/sop/standar-pelayanan/${encodeURIComponent(documentId)}/pemeriksaan?status=${status}`).then(
      (response) => {
        if (!active) return;
        setResult(response.data.data);
        setError(null);
      },
      (failure: unknown) => {
        if (active) setError(errorMessage(failure));
      }
    );
    return () => {
      active = false;
    };
    // `version` (updatedAt) re-runs the check after each save or publish.
  }, [get, documentId, status, version]);

  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (!result) return <Typography>Memeriksa…</Typography>;
  const lengkap = result.terisi === result.total;

  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="standar-pelayanan-panel">
      <Flex gap={2} wrap="wrap" alignItems="center">
        <Typography variant="sigma">Kelengkapan</Typography>
        <Badge active={lengkap} data-testid="standar-kelengkapan">
          {result.terisi}/{result.total} komponen
        </Badge>
      </Flex>
      {result.kosong.length > 0 && (
        <Box>
          <Typography variant="pi" fontWeight="bold">
            Belum diisi:
          </Typography>
          <ul style={{ paddingLeft: '1.2em', margin: 0 }}>
            {result.kosong.map((label) => (
              <li key={label}>
                <Typography variant="pi">{label}</Typography>
              </li>
            ))}
          </ul>
        </Box>
      )}
      {result.peringatan.length > 0 ? (
        <Box>
          <Typography variant="pi" fontWeight="bold" textColor="warning600">
            Perlu diperiksa ({result.peringatan.length}):
          </Typography>
          <ul style={{ paddingLeft: '1.2em', margin: 0 }} data-testid="standar-peringatan">
            {result.peringatan.map((text) => (
              <li key={text}>
                <Typography variant="pi" textColor="warning700">
                  {text}
                </Typography>
              </li>
            ))}
          </ul>
        </Box>
      ) : (
        <Typography variant="pi" textColor="success600">
          Tidak ada ketidaksesuaian yang ditemukan.
        </Typography>
      )}
      <Typography variant="pi" textColor="neutral600">
        Pemeriksaan ini untuk versi {status === 'published' ? 'terbit' : 'draf'} yang tersimpan; simpan perubahan untuk memeriksa ulang.
      </Typography>
    </Flex>
  );
};

type PanelProps = {
  model: string;
  documentId?: string;
  activeTab?: 'draft' | 'published' | null;
  document?: { updatedAt?: string | null } | null;
};

/**
 * Edit-view side panel (Strapi 5 `addEditViewSidePanel` format) for standar
 * pelayanan: completeness n/14 and inconsistency flags from
 * GET /sop/standar-pelayanan/:documentId/pemeriksaan. Null for other models.
 */
export const StandarPelayananPanel = ({ model, documentId, activeTab, document }: PanelProps) => {
  if (model !== STANDAR_PELAYANAN_UID) return null;
  return {
    title: 'Pemeriksaan Standar Pelayanan',
    content: documentId ? (
      <PemeriksaanContent documentId={documentId} status={activeTab === 'published' ? 'published' : 'draft'} version={document?.updatedAt ?? ''} />
    ) : (
      <Typography variant="pi">Simpan standar pelayanan terlebih dahulu untuk memeriksa kelengkapan 14 komponennya.</Typography>
    ),
  };
};
