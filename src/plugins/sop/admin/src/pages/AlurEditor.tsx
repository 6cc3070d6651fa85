import * as React from 'react';
import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import { BackButton, Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import { galatDari, useAlur, useKosakata, usePeriksa } from '../alur/api';
import { DefinisiEditor } from '../alur/DefinisiEditor';
import { DiagramPratinjau } from '../alur/DiagramPratinjau';
import { EditorAksi } from '../alur/EditorAksi';
import { GalatList } from '../alur/GalatList';
import { StatusVersiBadge } from '../alur/StatusVersiBadge';
import { VersiList } from '../alur/VersiList';
import type { AlurDetail, WorkflowData } from '../alur/types';

/** The version the editor opens on: the newest draft, else the active one, else the newest. */
const versiAwal = (alur: AlurDetail): number | null => {
  const urut = [...alur.versi].sort((a, b) => b.nomor - a.nomor);
  return (urut.find((one) => one.status === 'draf') ?? urut.find((one) => one.status === 'aktif') ?? urut[0])?.nomor ?? null;
};

/**
 * "Alur SOP" › one workflow: its versions (compare, retire, draft from), and the editor of the
 * chosen version with the diagram redrawn and the definition checked live
 * (`POST /sop/alur/periksa`); a draft is saved with `PUT …/versi/:nomor` and activated with
 * `POST …/aktifkan`, which stays disabled while the check finds errors.
 */
const AlurEditorPage = () => {
  const { model = '' } = useParams<{ model: string }>();
  const alur = useAlur(model);
  const kosakata = useKosakata();
  const { put, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [terpilih, setTerpilih] = React.useState<number | null>(null);
  const [definisi, setDefinisi] = React.useState<WorkflowData | null>(null);
  const [berubah, setBerubah] = React.useState(false);
  const [sibuk, setSibuk] = React.useState<'simpan' | 'aktifkan' | null>(null);
  const [galatServer, setGalatServer] = React.useState<string[]>([]);
  const { hasil, memeriksa } = usePeriksa(definisi);

  const data = alur.data;
  React.useEffect(() => {
    if (data && (terpilih === null || !data.versi.some((one) => one.nomor === terpilih))) setTerpilih(versiAwal(data));
  }, [data, terpilih]);
  const versi = data?.versi.find((one) => one.nomor === terpilih) ?? null;
  React.useEffect(() => {
    setDefinisi(versi ? versi.definisi : null);
    setBerubah(false);
    setGalatServer([]);
  }, [versi]);

  const ubah = (next: WorkflowData) => {
    setDefinisi(next);
    setBerubah(true);
  };
  const url = `/sop/alur/${encodeURIComponent(model)}/versi/${terpilih}`;
  const simpan = async (): Promise<boolean> => {
    if (!definisi) return false;
    try {
      await put(url, { definisi });
      setBerubah(false);
      setGalatServer([]);
      return true;
    } catch (error: unknown) {
      setGalatServer(galatDari(error));
      toggleNotification({ type: 'danger', message: 'Draf tidak tersimpan.' });
      return false;
    }
  };
  const onSimpan = async () => {
    setSibuk('simpan');
    if (await simpan()) {
      toggleNotification({ type: 'success', message: `Draf versi ${terpilih} tersimpan.` });
      alur.muatUlang();
    }
    setSibuk(null);
  };
  const onAktifkan = async () => {
    setSibuk('aktifkan');
    try {
      if (berubah && !(await simpan())) return;
      await post(`${url}/aktifkan`, {});
      toggleNotification({ type: 'success', message: `Versi ${terpilih} aktif: rekaman baru mengikuti versi ini.` });
      alur.muatUlang();
    } catch (error: unknown) {
      setGalatServer(galatDari(error));
      toggleNotification({ type: 'danger', message: 'Versi tidak dapat diaktifkan.' });
    } finally {
      setSibuk(null);
    }
  };

  const galat = alur.galat ?? kosakata.galat;
  if (galat !== null) return <Page.Error content={`Alur tidak dapat dimuat: ${galat}`} />;
  if (!data || !kosakata.data) return <Page.Loading />;
  const draf = versi?.status === 'draf';
  return (
    <Page.Main>
      <Page.Title>{`Alur SOP: ${data.nama}`}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback="../alur-sop" />}
        title={data.nama}
        subtitle={
          <Flex gap={2}>
            <Typography textColor="neutral600">
              {data.uid} · {versi ? `Versi ${versi.nomor}` : 'Belum ada versi'}
            </Typography>
            {versi && <StatusVersiBadge status={versi.status} />}
            {berubah && <Typography textColor="warning600">Ada perubahan yang belum disimpan.</Typography>}
          </Flex>
        }
        primaryAction={
          <EditorAksi
            draf={draf}
            berubah={berubah}
            sah={!memeriksa && hasil?.sah === true}
            sibuk={sibuk}
            onSimpan={onSimpan}
            onAktifkan={onAktifkan}
          />
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box padding={4} hasRadius background="neutral0" shadow="tableShadow">
            <VersiList
              alur={data}
              terpilih={terpilih}
              onPilih={setTerpilih}
              onBerubah={(nomor) => {
                if (nomor !== undefined) setTerpilih(nomor);
                alur.muatUlang();
              }}
            />
          </Box>
          {!draf && versi && (
            <Typography textColor="neutral600">Versi {versi.nomor} tidak dapat diubah. Untuk mengubah alur, buat draf dari versi ini.</Typography>
          )}
          <GalatList galat={galatServer} judul="Ditolak server:" />
          {definisi && (
            <Grid.Root gap={6}>
              <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
                <DefinisiEditor value={definisi} kosakata={kosakata.data} readOnly={!draf} onChange={ubah} />
              </Grid.Item>
              <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                <Box position="sticky" top={4} padding={4} hasRadius background="neutral0" shadow="tableShadow" width="100%">
                  <DiagramPratinjau hasil={hasil} memeriksa={memeriksa} />
                </Box>
              </Grid.Item>
            </Grid.Root>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default AlurEditorPage;
