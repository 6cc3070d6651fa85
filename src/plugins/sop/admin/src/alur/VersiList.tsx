import * as React from 'react';
import { Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography, VisuallyHidden } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { formatWaktu } from '../components/wib';
import { galatDari } from './api';
import { namaPengubah, nomorDrafBaru } from './definisi';
import { BedaDialog } from './BedaDialog';
import { StatusVersiBadge } from './StatusVersiBadge';
import type { AlurDetail } from './types';

/**
 * The versions of a workflow, newest first: status, fingerprint, who changed it and when; per
 * version "Buka", "Bandingkan" (the diff), "Pensiunkan" (not the active one) and "Buat draf dari
 * versi ini".
 */
export const VersiList = ({
  alur,
  terpilih,
  onPilih,
  onBerubah,
}: {
  alur: AlurDetail;
  terpilih: number | null;
  onPilih: (nomor: number) => void;
  onBerubah: (nomor?: number) => void;
}) => {
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = React.useState<string | null>(null);
  const base = `/sop/alur/${encodeURIComponent(alur.model)}/versi`;
  const versi = [...alur.versi].sort((a, b) => b.nomor - a.nomor);

  const run = async (key: string, work: () => Promise<number | undefined>, pesan: string) => {
    setBusy(key);
    try {
      const nomor = await work();
      toggleNotification({ type: 'success', message: pesan });
      onBerubah(nomor);
    } catch (error: unknown) {
      toggleNotification({ type: 'danger', message: galatDari(error).join(' ') });
    } finally {
      setBusy(null);
    }
  };

  const pensiunkan = (nomor: number) =>
    run(`p${nomor}`, async () => void (await post(`${base}/${nomor}/pensiunkan`, {})), `Versi ${nomor} dipensiunkan.`);
  const drafDari = (nomor: number) =>
    run(
      `d${nomor}`,
      async () => nomorDrafBaru((await post<{ data?: unknown }>(base, { dari: nomor })).data.data),
      `Draf baru dibuat dari versi ${nomor}.`
    );

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography variant="beta" tag="h2">
        Versi
      </Typography>
      <Table colCount={5} rowCount={versi.length + 1} data-testid="alur-versi">
        <Thead>
          <Tr>
            <Th>
              <Typography variant="sigma">Versi</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">Status</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">Sidik (hash)</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">Diubah</Typography>
            </Th>
            <Th>
              <VisuallyHidden>Aksi</VisuallyHidden>
            </Th>
          </Tr>
        </Thead>
        <Tbody>
          {versi.map((one) => (
            <Tr key={one.nomor} aria-selected={terpilih === one.nomor} data-testid={`alur-versi-${one.nomor}`}>
              <Td>
                <Typography fontWeight={terpilih === one.nomor ? 'bold' : undefined}>Versi {one.nomor}</Typography>
              </Td>
              <Td>
                <StatusVersiBadge status={one.status} />
              </Td>
              <Td>
                <Typography variant="pi" title={one.hash}>
                  {(one.hash ?? '').slice(0, 12) || '—'}
                </Typography>
              </Td>
              <Td>
                <Typography variant="pi">
                  {namaPengubah(one.diubahOleh) ?? namaPengubah(one.dibuatOleh) ?? '—'}
                  {one.updatedAt ? `, ${formatWaktu(one.updatedAt)}` : ''}
                </Typography>
              </Td>
              <Td>
                <Flex gap={2} wrap="wrap">
                  <Button variant="tertiary" size="S" onClick={() => onPilih(one.nomor)} disabled={terpilih === one.nomor}>
                    {one.status === 'draf' ? 'Sunting' : 'Lihat'}
                  </Button>
                  <BedaDialog model={alur.model} versi={alur.versi} ke={one.nomor} />
                  {one.status !== 'draf' && (
                    <Button variant="tertiary" size="S" loading={busy === `d${one.nomor}`} onClick={() => drafDari(one.nomor)}>
                      Buat draf dari versi ini
                    </Button>
                  )}
                  {one.status !== 'pensiun' && (
                    <Button
                      variant="danger-light"
                      size="S"
                      disabled={one.status === 'aktif'}
                      title={one.status === 'aktif' ? 'Versi aktif tidak dapat dipensiunkan: aktifkan versi lain lebih dahulu.' : undefined}
                      loading={busy === `p${one.nomor}`}
                      onClick={() => pensiunkan(one.nomor)}
                    >
                      Pensiunkan
                    </Button>
                  )}
                </Flex>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </Flex>
  );
};
