import * as React from 'react';
import { Button, Flex, Modal, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { useFetchClient } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../components/api';
import { galatDari } from './api';
import { definisiBaru, modelOfUid } from './definisi';
import { GalatList } from './GalatList';
import { Pilih } from './Pilih';
import { Teks } from './Teks';
import type { JenisKonten, Kosakata } from './types';

/**
 * "Buat alur baru": pick a collection type of the app (`GET /content-manager/content-types`,
 * `api::` collection types not bound yet, including one just made in the Content-Type Builder),
 * name the workflow, and `POST /sop/alur` creates it with a first draft; the editor opens on it.
 */
export const AlurBaruDialog = ({ terikat, kosakata }: { terikat: string[]; kosakata: Kosakata | null }) => {
  const { get, post } = useFetchClient();
  const navigate = useNavigate();
  const [open, setOpen] = React.useState(false);
  const [jenis, setJenis] = React.useState<JenisKonten[] | null>(null);
  const [uid, setUid] = React.useState<string | undefined>(undefined);
  const [nama, setNama] = React.useState('');
  const [galat, setGalat] = React.useState<string[]>([]);
  const [sibuk, setSibuk] = React.useState(false);

  React.useEffect(() => {
    if (!open) return;
    get<{ data: JenisKonten[] }>('/content-manager/content-types').then(
      (response) =>
        setJenis(response.data.data.filter((one) => one.kind === 'collectionType' && one.uid.startsWith('api::') && !terikat.includes(one.uid))),
      (error: unknown) => setGalat([`Jenis konten tidak dapat dimuat: ${errorMessage(error)}`])
    );
  }, [get, open, terikat]);

  const pilihJenis = (next: string | undefined) => {
    setUid(next);
    const found = jenis?.find((one) => one.uid === next);
    if (found && nama === '') setNama(found.info.displayName);
  };
  const buat = async () => {
    if (!uid) return;
    const peran = kosakata?.roles.find((role) => role.key === 'operator')?.key ?? kosakata?.roles[0]?.key ?? '';
    setSibuk(true);
    try {
      const model = modelOfUid(uid);
      await post('/sop/alur', { model, nama: nama.trim(), uid, definisi: definisiBaru(uid, nama.trim(), peran) });
      setOpen(false);
      navigate(model);
    } catch (error: unknown) {
      setGalat(galatDari(error));
    } finally {
      setSibuk(false);
    }
  };

  return (
    <Modal.Root open={open} onOpenChange={setOpen}>
      <Modal.Trigger>
        <Button startIcon={<Plus />}>Buat alur baru</Button>
      </Modal.Trigger>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>Buat alur baru</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography variant="omega" textColor="neutral600">
              Alur mengatur satu jenis konten. Jenis konten baru dibuat di Content-Type Builder; kolom yang dibutuhkan mesin SOP (tahap, riwayat,
              nomor agenda) ditambahkan otomatis.
            </Typography>
            <Pilih
              name="uid"
              label="Jenis konten"
              pilihan={(jenis ?? []).map((one) => ({ value: one.uid, label: `${one.info.displayName} (${one.uid})` }))}
              value={uid}
              onChange={pilihJenis}
            />
            {jenis !== null && jenis.length === 0 && <Typography textColor="neutral600">Semua jenis konten koleksi sudah memiliki alur.</Typography>}
            <Teks name="nama" label="Nama alur" value={nama} onChange={(next) => setNama(next ?? '')} />
            <GalatList galat={galat} judul="Alur tidak dapat dibuat:" />
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">Batal</Button>
          </Modal.Close>
          <Button loading={sibuk} disabled={!uid || nama.trim() === ''} onClick={buat}>
            Buat
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
